import { TenderError } from "../errors/tender-error";
import type { Payment, PaymentCollection, Refund } from "../records/records";
import { derivePaymentStatus } from "../state/payment-transitions";
import { errorSummary } from "./error-summary";
import {
  getProvider,
  inTransaction,
  lockCollection,
  mustGet,
  refreshCollection,
  type ServiceContext,
  type UnitOfWork,
} from "./service-context";

/**
 * Sends a reserved (pending) refund to the provider and settles it. A refund
 * the provider accepted but has not settled stays pending (its amount stays
 * held); a refused one is marked failed and the error thrown.
 */
export async function settleRefund(
  ctx: ServiceContext,
  payment: Payment,
  refund: Refund,
  reasonCode: string | null,
): Promise<Payment> {
  const provider = getProvider(ctx, payment.provider_id);
  let answer: { status: "pending" | "succeeded" | "failed"; data: Record<string, unknown> };
  try {
    answer = await provider.refundPayment(refundRequest(payment, refund, reasonCode));
  } catch (error) {
    if (TenderError.isInstance(error) && error.retryable) throw error;
    await markRefundFailed(ctx, payment, refund, errorSummary(error));
    throw error;
  }
  if (answer.status === "failed") {
    await markRefundFailed(ctx, payment, refund, {
      code: "refund_failed",
      message: "The provider refused the refund.",
    });
    throw refusedRefund(payment, refund);
  }
  return finishRefund(ctx, payment, refund, answer.status, answer.data);
}

/** Marks a pending refund succeeded (moving the payment's refunded amount) or leaves it pending with the provider's data. */
export async function finishRefund(
  ctx: ServiceContext,
  payment: Payment,
  refund: Refund,
  status: "pending" | "succeeded",
  data: Record<string, unknown>,
): Promise<Payment> {
  return inTransaction(ctx, async (uow) => {
    const collection = await lockCollection(uow.tx, payment.payment_collection_id);
    await applyRefundOutcome(ctx, uow, collection, refund.id, { status, data });
    return mustGet(uow.tx, "payments", payment.id);
  });
}

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

async function markRefundFailed(
  ctx: ServiceContext,
  payment: Payment,
  refund: Refund,
  error: { code: string; message: string },
): Promise<void> {
  await inTransaction(ctx, async (uow) => {
    const collection = await lockCollection(uow.tx, payment.payment_collection_id);
    await applyRefundOutcome(ctx, uow, collection, refund.id, { status: "failed", error });
  });
}

/** The provider call for a refund, with the refund id as idempotency key. */
export function refundRequest(payment: Payment, refund: Refund, reasonCode: string | null) {
  return {
    payment_id: payment.id,
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
