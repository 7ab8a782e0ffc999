import { TenderError } from "../errors/tender-error";
import type { Capture, Payment } from "../records/records";
import { derivePaymentStatus, isCaptureClosed } from "../state/payment-transitions";
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
 * Sends a reserved (pending) capture to the provider and settles it: succeeded
 * moves the payment's captured amount, a refusal marks it failed. A retryable
 * fault leaves it pending, to be settled by `reconcilePayment` with the same
 * idempotency key, so it is never captured twice.
 */
export async function settleCapture(
  ctx: ServiceContext,
  payment: Payment,
  capture: Capture,
  final: boolean,
): Promise<Payment> {
  const provider = getProvider(ctx, payment.provider_id);
  let data: Record<string, unknown>;
  try {
    ({ data } = await provider.capturePayment(captureRequest(payment, capture, final)));
  } catch (error) {
    if (TenderError.isInstance(error) && error.retryable) throw error;
    await inTransaction(ctx, async ({ tx }) => {
      await lockCollection(tx, payment.payment_collection_id);
      const current = await mustGet(tx, "captures", capture.id);
      if (current.status !== "pending") return;
      await tx.update("captures", capture.id, {
        status: "failed",
        error: errorSummary(error),
        updated_at: ctx.now(),
      });
    });
    throw error;
  }

  return inTransaction(ctx, (uow) => applyCaptureSuccess(ctx, uow, payment, capture, data));
}

/** The provider call for a capture: its amount, whether it is final, and the capture id as idempotency key. */
export function captureRequest(payment: Payment, capture: Capture, final: boolean) {
  return {
    payment_id: payment.id,
    capture_id: capture.id,
    amount: capture.amount,
    currency_code: payment.currency_code,
    final,
    data: payment.data,
    idempotency_key: capture.idempotency_key,
  };
}

/**
 * Books a capture the provider accepted, under the collection's lock: the
 * capture succeeds, the payment's captured amount moves, the session is
 * captured once the payment is, and payment.captured is emitted. A capture
 * already settled is left alone.
 */
export async function applyCaptureSuccess(
  ctx: ServiceContext,
  uow: UnitOfWork,
  payment: Payment,
  capture: Capture,
  data: Record<string, unknown>,
): Promise<Payment> {
  const { tx } = uow;
  const collection = await lockCollection(tx, payment.payment_collection_id);
  const current = await mustGet(tx, "captures", capture.id);
  const fresh = await mustGet(tx, "payments", payment.id);
  if (current.status !== "pending") return fresh;
  const now = ctx.now();
  const settled = await tx.update("captures", capture.id, {
    status: "succeeded",
    data,
    updated_at: now,
  });
  const captured_amount = fresh.captured_amount + capture.amount;
  // A provider that takes one capture per payment releases the rest with it.
  const released_amount = getProvider(ctx, payment.provider_id).capabilities.multipleCaptures
    ? fresh.released_amount
    : fresh.amount - captured_amount;
  const updated = await tx.update("payments", payment.id, {
    captured_amount,
    released_amount,
    captured_at: now,
    data,
    status: derivePaymentStatus({ ...fresh, captured_amount, released_amount }),
    updated_at: now,
  });
  if (isCaptureClosed(updated)) {
    await tx.update("payment_sessions", updated.payment_session_id, {
      status: "captured",
      updated_at: now,
    });
  }
  await refreshCollection(ctx, uow, collection);
  uow.emit("payment.captured", { payment: updated, capture: settled });
  return updated;
}
