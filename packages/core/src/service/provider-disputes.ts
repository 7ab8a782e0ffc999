import { isMatching, P } from "ts-pattern";
import { TenderError } from "../errors/tender-error";
import { disputedBy } from "../money/ledger";
import type { ProviderDispute } from "../provider/payment-provider";
import { generateId } from "../records/generate-id";
import type { Dispute, Payment, PaymentCollection } from "../records/records";
import { DISPUTE_STATUSES } from "../records/statuses";
import { canDisputeMove, isDisputeClosed } from "../state/dispute-transitions";
import { listedBy } from "./provider-refunds";
import {
  getProvider,
  mustGet,
  refreshCollection,
  type ServiceContext,
  type UnitOfWork,
} from "./service-context";

const disputeShape = {
  id: P.string,
  amount: P.number,
  reason: P.union(P.string, null),
  status: P.union(...DISPUTE_STATUSES),
  raw_status: P.string,
  evidence_due_by: P.union(P.instanceOf(Date), null),
} as const;

/** A provider's dispute as the core keeps it; anything else is the provider's defect, refused before it is stored. */
export function requireProviderDispute(
  value: unknown,
  providerId: string,
  where: string,
): ProviderDispute {
  if (
    isMatching(disputeShape, value) &&
    value.id.length > 0 &&
    Number.isSafeInteger(value.amount) &&
    value.amount > 0 &&
    (value.evidence_due_by === null || !Number.isNaN(value.evidence_due_by.getTime()))
  ) {
    return {
      id: value.id,
      amount: value.amount,
      reason: value.reason,
      status: value.status,
      raw_status: value.raw_status,
      evidence_due_by: value.evidence_due_by,
    };
  }
  throw new TenderError({
    code: "provider_error",
    message: `Provider ${providerId} answered ${where} with a dispute that is not valid: it needs { id, amount (a positive integer in minor units), reason (string or null), status (one of ${DISPUTE_STATUSES.join(", ")}), raw_status, evidence_due_by (a Date or null) }; fix the provider.`,
    details: { provider_id: providerId },
  });
}

/**
 * A payment's disputes as its provider's records have them now, or undefined
 * when the provider cannot list them (`listDisputes` is optional). A failure
 * to answer throws: the caller decides whether that is retryable.
 */
export async function listProviderDisputes(
  ctx: ServiceContext,
  payment: Payment,
): Promise<ProviderDispute[] | undefined> {
  const provider = getProvider(ctx, payment.provider_id);
  const list = provider.listDisputes;
  if (!list) return undefined;
  const listed: unknown = await listedBy(payment, "disputes", () =>
    list.call(provider, { session_id: payment.payment_session_id, data: payment.data }),
  );
  if (!Array.isArray(listed)) {
    throw new TenderError({
      code: "provider_error",
      message: `Provider ${payment.provider_id} answered listDisputes for payment ${payment.id} with something that is not an array; fix the provider.`,
      details: { payment_id: payment.id, provider_id: payment.provider_id },
    });
  }
  return listed.map((item) => requireProviderDispute(item, payment.provider_id, "listDisputes"));
}

/**
 * Brings a payment's disputes in line with the provider's records, under the
 * collection's lock (held by the caller). Each provider dispute is one
 * record, matched by the provider's id. A dispute's status moves only along
 * `DISPUTE_TRANSITIONS` (a stale report never reopens a closed dispute), and
 * the money follows its status: an open or lost chargeback takes its amount
 * back (`disputed_amount` on the payment and its collection, no longer
 * refundable), a won one gives it back, an inquiry takes nothing.
 * `payment.dispute_opened`, `payment.dispute_updated` and
 * `payment.dispute_closed` say what changed. Returns the payment as it now is.
 */
export async function applyProviderDisputes(
  ctx: ServiceContext,
  uow: UnitOfWork,
  collection: PaymentCollection,
  paymentId: string,
  reported: readonly ProviderDispute[],
): Promise<Payment> {
  const { tx } = uow;
  const payment = await mustGet(tx, "payments", paymentId);
  const held = await tx.list("disputes", { payment_id: paymentId });
  const byProviderId = new Map(held.map((dispute) => [dispute.provider_dispute_id, dispute]));
  const changes: Array<{ name: "opened" | "updated"; dispute: Dispute }> = [];
  const now = ctx.now();
  for (const report of reported) {
    const known = byProviderId.get(report.id);
    if (!known) {
      const dispute: Dispute = {
        id: generateId("disp"),
        created_at: now,
        updated_at: now,
        payment_id: payment.id,
        payment_collection_id: payment.payment_collection_id,
        provider_id: payment.provider_id,
        provider_dispute_id: report.id,
        amount: report.amount,
        currency_code: payment.currency_code,
        reason: report.reason,
        status: report.status,
        raw_status: report.raw_status,
        evidence_due_by: report.evidence_due_by,
        closed_at: isDisputeClosed(report.status) ? now : null,
        data: {},
      };
      await tx.insert("disputes", dispute);
      byProviderId.set(report.id, dispute);
      changes.push({ name: "opened", dispute });
      continue;
    }
    const moves = canDisputeMove(known.status, report.status);
    // A closed dispute is final; an older report never moves one back.
    if (!moves && (report.status !== known.status || isDisputeClosed(known.status))) continue;
    const patch = {
      ...(moves ? { status: report.status, raw_status: report.raw_status } : {}),
      ...(moves && isDisputeClosed(report.status) ? { closed_at: now } : {}),
      ...(report.amount !== known.amount ? { amount: report.amount } : {}),
      ...(report.reason !== known.reason ? { reason: report.reason } : {}),
      ...(report.evidence_due_by?.getTime() !== known.evidence_due_by?.getTime()
        ? { evidence_due_by: report.evidence_due_by }
        : {}),
    };
    if (Object.keys(patch).length === 0) continue;
    const updated = await tx.update("disputes", known.id, { ...patch, updated_at: now });
    byProviderId.set(report.id, updated);
    changes.push({ name: "updated", dispute: updated });
  }
  if (changes.length === 0) return payment;
  const disputed_amount = disputedBy([...byProviderId.values()]);
  const current =
    disputed_amount === payment.disputed_amount
      ? payment
      : await tx.update("payments", payment.id, { disputed_amount, updated_at: now });
  await refreshCollection(ctx, uow, collection);
  for (const { name, dispute } of changes) {
    if (name === "opened") uow.emit("payment.dispute_opened", { payment: current, dispute });
    if (isDisputeClosed(dispute.status))
      uow.emit("payment.dispute_closed", { payment: current, dispute });
    else if (name === "updated") uow.emit("payment.dispute_updated", { payment: current, dispute });
  }
  return current;
}
