import { TenderError } from "../errors/tender-error";
import type { RefundPaymentResult } from "../provider/payment-provider";
import type { Payment, PaymentCollection, Refund } from "../records/records";
import { derivePaymentStatus } from "../state/payment-transitions";
import { nextAttemptKey } from "./attempt-key";
import { errorSummary } from "./error-summary";
import { outcomeUnknown } from "./outcome-unknown";
import type { ProviderStep } from "./provider-step";
import {
  getProvider,
  lockCollection,
  mustGet,
  refreshCollection,
  type ServiceContext,
  type UnitOfWork,
} from "./service-context";

/** A refund reserved as a pending row, with its reason's code for the provider. */
export interface ReservedRefund {
  payment: Payment;
  refund: Refund;
  reasonCode: string | null;
}

/**
 * The refund step: the refund id is the idempotency key. A refund the
 * provider accepted but has not settled stays pending (its amount stays
 * held); a refusal, answered or thrown definitely, marks it failed; an
 * unknown outcome leaves it pending for reconcile.
 */
export const refundStep: ProviderStep<ReservedRefund, RefundPaymentResult, Payment> = {
  provider: (ctx, { payment }) => getProvider(ctx, payment.provider_id),
  call: (provider, { payment, refund, reasonCode }) =>
    provider.refundPayment(refundRequest(payment, refund, reasonCode)),
  async succeeded(ctx, uow, { payment, refund }, answer) {
    const collection = await lockCollection(uow.tx, payment.payment_collection_id);
    await applyRefundOutcome(ctx, uow, collection, refund.id, answer);
    if (answer.status === "failed") return { throws: refusedRefund(payment, refund) };
    return { returns: await mustGet(uow.tx, "payments", payment.id) };
  },
  async failed(ctx, uow, { payment, refund }, error) {
    const collection = await lockCollection(uow.tx, payment.payment_collection_id);
    await applyRefundOutcome(ctx, uow, collection, refund.id, {
      status: "failed",
      error: errorSummary(error),
    });
    return { throws: error };
  },
  async renew(ctx, { tx }, reserved) {
    const { payment, refund } = reserved;
    await lockCollection(tx, payment.payment_collection_id);
    const current = await mustGet(tx, "refunds", refund.id);
    if (current.status !== "pending" || current.idempotency_key !== refund.idempotency_key) {
      return undefined;
    }
    const renewed = await tx.update("refunds", refund.id, {
      idempotency_key: nextAttemptKey(refund.idempotency_key),
      updated_at: ctx.now(),
    });
    return { ...reserved, refund: renewed };
  },
  unknown: ({ payment, refund }, error) =>
    outcomeUnknown({
      providerId: payment.provider_id,
      what: `refund ${refund.id} of payment ${payment.id} (${refund.amount})`,
      reconcile: `call reconcilePayment("${payment.id}")`,
      details: { payment_id: payment.id, refund_id: refund.id },
      cause: error,
    }),
};

/**
 * Settles a pending refund under the collection's lock (held by the caller):
 * `succeeded` moves the payment's refunded amount and emits payment.refunded,
 * `failed` releases its amount, `pending` only keeps the provider's data. A
 * refund already settled is left alone: a late or repeated answer is a no-op.
 */
export async function applyRefundOutcome(
  ctx: ServiceContext,
  uow: UnitOfWork,
  collection: PaymentCollection,
  refundId: string,
  outcome: {
    status: "pending" | "succeeded" | "failed";
    data?: Record<string, unknown>;
    error?: { code: string; message: string };
  },
): Promise<void> {
  const { tx } = uow;
  const refund = await mustGet(tx, "refunds", refundId);
  if (refund.status !== "pending") return;
  const now = ctx.now();
  const data = outcome.data ?? refund.data;
  if (outcome.status === "pending") {
    await tx.update("refunds", refund.id, { data, updated_at: now });
    return;
  }
  if (outcome.status === "failed") {
    await tx.update("refunds", refund.id, {
      status: "failed",
      data,
      error: outcome.error ?? {
        code: "refund_failed",
        message: "The provider refused the refund.",
      },
      updated_at: now,
    });
    return;
  }
  const settled = await tx.update("refunds", refund.id, {
    status: "succeeded",
    data,
    updated_at: now,
  });
  const fresh = await mustGet(tx, "payments", refund.payment_id);
  const refunded_amount = fresh.refunded_amount + refund.amount;
  const updated = await tx.update("payments", fresh.id, {
    refunded_amount,
    status: derivePaymentStatus({ ...fresh, refunded_amount }),
    updated_at: now,
  });
  await refreshCollection(ctx, uow, collection);
  uow.emit("payment.refunded", { payment: updated, refund: settled });
}

/** The provider call for a refund, with the refund id as idempotency key. */
export function refundRequest(payment: Payment, refund: Refund, reasonCode: string | null) {
  return {
    payment_id: payment.id,
    session_id: payment.payment_session_id,
    refund_id: refund.id,
    amount: refund.amount,
    currency_code: payment.currency_code,
    reason: reasonCode,
    note: refund.note,
    data: payment.data,
    idempotency_key: refund.idempotency_key,
  };
}

export function refusedRefund(payment: Payment, refund: Refund): TenderError {
  return new TenderError({
    code: "provider_error",
    message: `Provider ${payment.provider_id} refused refund ${refund.id} of payment ${payment.id}; nothing was refunded. Check the payment at the provider, or refund another way.`,
    details: { payment_id: payment.id, refund_id: refund.id },
  });
}
