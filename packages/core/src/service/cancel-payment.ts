import { TenderError } from "../errors/tender-error";
import type { Payment } from "../records/records";
import {
  getProvider,
  inTransaction,
  lockCollection,
  mustGet,
  refreshCollection,
  type ServiceContext,
} from "./service-context";
import { requireId } from "./validate-input";

/**
 * Cancels a payment that has no capture: the provider releases the
 * authorization, and the payment, its session and its collection follow. A
 * canceled payment canceled again is a no-op.
 */
export async function cancelPayment(
  ctx: ServiceContext,
  paymentIdInput: unknown,
): Promise<Payment> {
  const paymentId = requireId(paymentIdInput, "cancelPayment(id)");

  // Reserve: a cancel in flight refuses captures and other cancels, and the
  // payment keeps holding its amount until the provider has released it.
  const reserved = await inTransaction(ctx, async ({ tx }) => {
    const found = await mustGet(tx, "payments", paymentId);
    await lockCollection(tx, found.payment_collection_id);
    const payment = await mustGet(tx, "payments", paymentId);
    if (payment.canceled_at !== null) return { kind: "done" as const, payment };
    if (payment.cancel_started_at !== null) throw cancelInFlight(payment);
    const captures = await tx.list("captures", {
      payment_id: payment.id,
      status: ["pending", "succeeded"],
    });
    if (captures.length > 0) {
      throw new TenderError({
        code: "cancel_after_capture",
        message: `Payment ${payment.id} has captures (${payment.captured_amount} captured); it cannot be canceled. Refund it instead.`,
        details: { payment_id: payment.id },
      });
    }
    await tx.update("payments", payment.id, {
      cancel_started_at: ctx.now(),
      updated_at: ctx.now(),
    });
    return { kind: "call" as const, payment };
  });
  if (reserved.kind === "done") return reserved.payment;

  const { payment } = reserved;
  const provider = getProvider(ctx, payment.provider_id);
  let data: Record<string, unknown>;
  try {
    ({ data } = await provider.cancelPayment({
      data: payment.data,
      idempotency_key: `${payment.id}:cancel`,
    }));
  } catch (error) {
    await inTransaction(ctx, async ({ tx }) => {
      await lockCollection(tx, payment.payment_collection_id);
      await tx.update("payments", payment.id, { cancel_started_at: null, updated_at: ctx.now() });
    });
    throw error;
  }

  return inTransaction(ctx, async (uow) => {
    const collection = await lockCollection(uow.tx, payment.payment_collection_id);
    const now = ctx.now();
    const canceled = await uow.tx.update("payments", payment.id, {
      status: "canceled",
      canceled_at: now,
      cancel_started_at: null,
      data,
      updated_at: now,
    });
    await uow.tx.update("payment_sessions", payment.payment_session_id, {
      status: "canceled",
      raw_status: "canceled",
      updated_at: now,
    });
    await refreshCollection(ctx, uow, collection);
    uow.emit("payment.canceled", { payment: canceled });
    return canceled;
  });
}

export function cancelInFlight(payment: Payment): TenderError {
  return new TenderError({
    code: "operation_in_progress",
    message: `Payment ${payment.id} is being canceled; retrieve it in a moment to see the outcome.`,
    details: { payment_id: payment.id },
    retryable: true,
  });
}
