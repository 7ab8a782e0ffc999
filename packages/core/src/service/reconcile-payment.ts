import { TenderError } from "../errors/tender-error";
import { isFinalCapture } from "../money/ledger";
import type { Payment } from "../records/records";
import { cancelStep } from "./cancel-payment";
import { incrementStep } from "./increment-authorization";
import { applyProviderDisputes, listProviderDisputes } from "./provider-disputes";
import { applyProviderRefunds, listedBy, listProviderRefunds } from "./provider-refunds";
import { settleReserved } from "./provider-step";
import {
  getProvider,
  inTransaction,
  lockCollection,
  mustGet,
  type ServiceContext,
} from "./service-context";
import { captureStep, sentFinal } from "./settle-capture";
import { refundStep } from "./settle-refund";
import { requireId } from "./validate-input";

/**
 * Settles a payment's pending captures, refunds, increment and cancel, left by a crash
 * or an unknown outcome between reserve and finalize, by sending each one's
 * request again with its original idempotency key: the provider answers what
 * it did the first time, so money never moves twice. An outcome still
 * unknown throws `outcome_unknown` and leaves the row pending. Then, with a
 * provider that lists a payment's refunds, refunds made at the provider (a
 * dashboard) and refunds it reversed are booked from its records; with one
 * that lists disputes, so are its disputes.
 */
export async function reconcilePayment(
  ctx: ServiceContext,
  paymentIdInput: unknown,
): Promise<Payment> {
  const paymentId = requireId(paymentIdInput, "reconcilePayment(id)");
  const pending = await inTransaction(ctx, async ({ tx }) => {
    const payment = await mustGet(tx, "payments", paymentId);
    const [captures, refunds] = await Promise.all([
      tx.list("captures", { payment_id: paymentId, status: "pending" }),
      tx.list("refunds", { payment_id: paymentId, status: "pending" }),
    ]);
    return { payment, captures, refunds };
  });
  for (const capture of pending.captures) await reconcileCapture(ctx, paymentId, capture.id);
  for (const refund of pending.refunds) await reconcileRefund(ctx, paymentId, refund.id);
  if (pending.payment.increment_started_at !== null) await reconcileIncrement(ctx, paymentId);
  if (pending.payment.cancel_started_at !== null) await reconcileCancel(ctx, paymentId);
  // Refunds made at the provider, or reversed there since, follow its records.
  await applyListedRefunds(ctx, pending.payment);
  // So do its disputes.
  await applyListedDisputes(ctx, pending.payment);
  // And, after a call was settled, its data: the provider's record as it is now.
  const settled =
    pending.captures.length > 0 ||
    pending.refunds.length > 0 ||
    pending.payment.increment_started_at !== null ||
    pending.payment.cancel_started_at !== null;
  if (settled) await refreshPaymentData(ctx, paymentId);
  return inTransaction(ctx, ({ tx }) => mustGet(tx, "payments", paymentId));
}

/**
 * Keeps the payment's `data` in step with the provider's record
 * (`retrievePayment`, when the provider has it): what later calls send is
 * what the provider has now. It moves no money and changes no status.
 */
async function refreshPaymentData(ctx: ServiceContext, paymentId: string): Promise<void> {
  const payment = await inTransaction(ctx, ({ tx }) => mustGet(tx, "payments", paymentId));
  const provider = getProvider(ctx, payment.provider_id);
  const retrieve = provider.retrievePayment;
  if (!retrieve) return;
  const answer: unknown = await listedBy(payment, "record", () =>
    retrieve.call(provider, { session_id: payment.payment_session_id, data: payment.data }),
  );
  const data = isRecord(answer) ? answer.data : undefined;
  if (!isRecord(data)) {
    throw new TenderError({
      code: "provider_error",
      message: `Provider ${payment.provider_id}'s retrievePayment answered without an object \`data\` for payment ${payment.id}; its record was left as it was. The provider breaks its contract: fix retrievePayment.`,
      details: { payment_id: payment.id, provider_id: payment.provider_id },
    });
  }
  await inTransaction(ctx, async ({ tx }) => {
    await lockCollection(tx, payment.payment_collection_id);
    const current = await mustGet(tx, "payments", paymentId);
    if (JSON.stringify(current.data) === JSON.stringify(data)) return;
    await tx.update("payments", paymentId, { data, updated_at: ctx.now() });
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Books the payment's refunds as its provider lists them (when it can). */
async function applyListedRefunds(ctx: ServiceContext, payment: Payment): Promise<void> {
  const listed = await listProviderRefunds(ctx, payment);
  if (!listed) return;
  await inTransaction(ctx, async (uow) => {
    const collection = await lockCollection(uow.tx, payment.payment_collection_id);
    await applyProviderRefunds(ctx, uow, collection, payment.id, listed);
  });
}

/** Follows the payment's disputes as its provider lists them (when it can). */
async function applyListedDisputes(ctx: ServiceContext, payment: Payment): Promise<void> {
  const listed = await listProviderDisputes(ctx, payment);
  if (!listed) return;
  await inTransaction(ctx, async (uow) => {
    const collection = await lockCollection(uow.tx, payment.payment_collection_id);
    await applyProviderDisputes(ctx, uow, collection, payment.id, listed);
  });
}

/** Sends a pending capture again with its key and books the answer; a settled one is left alone. */
export async function reconcileCapture(
  ctx: ServiceContext,
  paymentId: string,
  captureId: string,
): Promise<void> {
  const current = await inTransaction(ctx, async ({ tx }) => {
    const payment = await mustGet(tx, "payments", paymentId);
    const captures = await tx.list("captures", { payment_id: paymentId });
    return { payment, captures, capture: captures.find((c) => c.id === captureId) };
  });
  const { payment, captures, capture } = current;
  if (capture?.status !== "pending") return;
  await settleReserved(ctx, captureStep, {
    payment,
    capture,
    final: sentFinal(capture, isFinalCapture(payment, capture, captures)),
  });
}

/**
 * Sends a pending refund again with its key and books the answer; a settled
 * one is left alone. A pending refund made at the provider (a dashboard) is
 * never sent: Tender did not request it, and sending it would refund twice;
 * the provider's refund list settles it (see {@link reconcilePayment}).
 */
export async function reconcileRefund(
  ctx: ServiceContext,
  paymentId: string,
  refundId: string,
): Promise<void> {
  const current = await inTransaction(ctx, async ({ tx }) => {
    const payment = await mustGet(tx, "payments", paymentId);
    const refund = await tx.get("refunds", refundId);
    const reason = refund?.refund_reason_id
      ? await tx.get("refund_reasons", refund.refund_reason_id)
      : undefined;
    return { payment, refund, reasonCode: reason?.code ?? null };
  });
  const { payment, refund, reasonCode } = current;
  if (refund?.status !== "pending" || refund.data.made_at_provider === true) {
    if (refund?.status === "pending") await applyListedRefunds(ctx, payment);
    return;
  }
  await settleReserved(ctx, refundStep, { payment, refund, reasonCode });
}

/** Sends an incremental authorization in flight again with its key and books the answer. */
export async function reconcileIncrement(ctx: ServiceContext, paymentId: string): Promise<void> {
  const payment = await inTransaction(ctx, ({ tx }) => mustGet(tx, "payments", paymentId));
  if (payment.increment_started_at === null) return;
  await settleReserved(ctx, incrementStep, payment);
}

/** Sends a cancel in flight again with its key and books the answer. */
export async function reconcileCancel(ctx: ServiceContext, paymentId: string): Promise<void> {
  const payment = await inTransaction(ctx, ({ tx }) => mustGet(tx, "payments", paymentId));
  if (payment.cancel_started_at === null || payment.canceled_at !== null) return;
  await settleReserved(ctx, cancelStep, payment);
}
