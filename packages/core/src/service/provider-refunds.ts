import { TenderError } from "../errors/tender-error";
import type { ProviderRefund } from "../provider/payment-provider";
import { generateId } from "../records/generate-id";
import type { Payment, PaymentCollection, Refund } from "../records/records";
import { derivePaymentStatus } from "../state/payment-transitions";
import { errorSummary } from "./error-summary";
import {
  getProvider,
  mustGet,
  refreshCollection,
  type ServiceContext,
  type UnitOfWork,
} from "./service-context";
import { applyRefundOutcome } from "./settle-refund";

/**
 * A payment's refunds as its provider's records have them now, or undefined
 * when the provider cannot list them (`listRefunds` is optional). A failure
 * to answer throws: the caller decides whether that is retryable.
 */
export async function listProviderRefunds(
  ctx: ServiceContext,
  payment: Payment,
): Promise<ProviderRefund[] | undefined> {
  const provider = getProvider(ctx, payment.provider_id);
  const list = provider.listRefunds;
  if (!list) return undefined;
  return listedBy(payment, "refunds", () =>
    list.call(provider, { session_id: payment.payment_session_id, data: payment.data }),
  );
}

/** What a provider lists of a payment; its failure to answer is a retryable `provider_unavailable`. */
export async function listedBy<T>(
  payment: Payment,
  what: "refunds" | "disputes" | "record",
  list: () => Promise<T>,
): Promise<T> {
  try {
    return await list();
  } catch (error) {
    const { code, message } = errorSummary(error);
    throw new TenderError({
      code: "provider_unavailable",
      message: `${payment.provider_id} could not read the ${what} of payment ${payment.id} (${code}: ${message}); nothing was changed, try again.`,
      details: { payment_id: payment.id, provider_id: payment.provider_id },
      retryable: true,
      cause: error,
    });
  }
}

/**
 * Brings a payment's refunds in line with the provider's records, under the
 * collection's lock (held by the caller). Each provider refund is matched to
 * Tender's by the Tender refund id it carries, or by the provider's own id
 * kept on the row, so a refund is never counted twice whoever made it:
 *
 * - one of Tender's still pending settles as the provider says;
 * - one that succeeded and the provider now reports failed is reversed: its
 *   amount is back on the payment, and `payment.refund_failed` is emitted;
 * - one made elsewhere (a dashboard) is booked as a refund made at the
 *   provider (`data.made_at_provider`), with its amount held while pending
 *   and refunded once it succeeds (`payment.refunded`).
 *
 * States only move forward (pending, then succeeded, then failed), so a list
 * read before a later one never undoes it. Returns whether anything changed.
 */
export async function applyProviderRefunds(
  ctx: ServiceContext,
  uow: UnitOfWork,
  collection: PaymentCollection,
  paymentId: string,
  listed: readonly ProviderRefund[],
): Promise<boolean> {
  const { tx } = uow;
  let changed = false;
  for (const theirs of listed) {
    // Re-read: a refund booked in this loop already moved the collection's totals.
    const current = await mustGet(tx, "payment_collections", collection.id);
    const refunds = await tx.list("refunds", { payment_id: paymentId });
    const ours =
      (theirs.refund_id === null ? undefined : refunds.find((r) => r.id === theirs.refund_id)) ??
      refunds.find((r) => r.data.provider_refund_id === theirs.id);
    if (!ours) {
      // Names a Tender refund this payment does not have: not ours to book.
      if (theirs.refund_id !== null) continue;
      await bookRefundMadeAtProvider(ctx, uow, current, paymentId, theirs);
      changed = true;
      continue;
    }
    const data = { ...ours.data, provider_refund_id: theirs.id };
    if (ours.status === "pending" && theirs.status !== "pending") {
      await applyRefundOutcome(ctx, uow, current, ours.id, { status: theirs.status, data });
      changed = true;
    } else if (ours.status === "succeeded" && theirs.status === "failed") {
      await reverseRefund(ctx, uow, current, ours, data);
      changed = true;
    }
  }
  return changed;
}

/** A refund made at the provider, not through Tender: booked as the provider has it. */
async function bookRefundMadeAtProvider(
  ctx: ServiceContext,
  uow: UnitOfWork,
  collection: PaymentCollection,
  paymentId: string,
  theirs: ProviderRefund,
): Promise<void> {
  const payment = await mustGet(uow.tx, "payments", paymentId);
  const now = ctx.now();
  const refund: Refund = {
    id: generateId("ref"),
    created_at: now,
    updated_at: now,
    payment_id: paymentId,
    amount: theirs.amount,
    // Booked as pending, then settled below as the provider has it.
    status: "pending",
    created_by: null,
    refund_reason_id: null,
    note: null,
    // Tender never sends a request for it: the key names the provider's refund.
    idempotency_key: `${payment.provider_id}:${theirs.id}`,
    error: null,
    data: { provider_refund_id: theirs.id, made_at_provider: true },
    claimed_until: null,
  };
  await uow.tx.insert("refunds", refund);
  if (theirs.status !== "pending") {
    await applyRefundOutcome(ctx, uow, collection, refund.id, {
      status: theirs.status,
      ...(theirs.status === "failed"
        ? {
            error: {
              code: "refund_failed",
              message: `The refund ${theirs.id} made at ${payment.provider_id} failed there.`,
            },
          }
        : {}),
    });
  }
}

/** A refund that succeeded and failed after all: its money is back on the payment. */
async function reverseRefund(
  ctx: ServiceContext,
  uow: UnitOfWork,
  collection: PaymentCollection,
  refund: Refund,
  data: Record<string, unknown>,
): Promise<void> {
  const { tx } = uow;
  const now = ctx.now();
  const failed = await tx.update("refunds", refund.id, {
    status: "failed",
    data,
    error: {
      code: "refund_reversed",
      message:
        "The provider reported this refund failed after it had succeeded: its amount is back on the payment and may be refunded again.",
    },
    updated_at: now,
  });
  const payment = await mustGet(tx, "payments", refund.payment_id);
  const refunded_amount = Math.max(0, payment.refunded_amount - refund.amount);
  const updated = await tx.update("payments", payment.id, {
    refunded_amount,
    status: derivePaymentStatus({ ...payment, refunded_amount }),
    updated_at: now,
  });
  await refreshCollection(ctx, uow, collection);
  uow.emit("payment.refund_failed", { payment: updated, refund: failed });
}
