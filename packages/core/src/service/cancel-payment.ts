import { TenderError } from "../errors/tender-error";
import type { ProviderDataResult } from "../provider/payment-provider";
import type { Payment } from "../records/records";
import { attemptKey } from "./attempt-key";
import { incrementInFlightError } from "./increment-authorization";
import { outcomeUnknown } from "./outcome-unknown";
import { type ProviderStep, type Reservation, runProviderStep } from "./provider-step";
import {
  getProvider,
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
  return runProviderStep(
    ctx,
    cancelStep,
    async ({ tx }): Promise<Reservation<Payment, Payment>> => {
      const found = await mustGet(tx, "payments", paymentId);
      await lockCollection(tx, found.payment_collection_id);
      const payment = await mustGet(tx, "payments", paymentId);
      if (payment.canceled_at !== null) return { done: payment };
      if (payment.cancel_started_at !== null) throw cancelInFlight(payment);
      // The increment may have raised the hold: it settles first, then the cancel releases all of it.
      if (payment.increment_started_at !== null) throw incrementInFlightError(payment);
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
      // Each cancel is a new attempt with its own key: a refusal stored for an earlier one is not replayed.
      const reserved = await tx.update("payments", payment.id, {
        cancel_started_at: ctx.now(),
        cancel_attempt: payment.cancel_attempt + 1,
        updated_at: ctx.now(),
      });
      return { reserved };
    },
  );
}

/**
 * The cancel step: the provider releases the authorization (key
 * `<payment id>:cancel` for the first attempt, `:attempt-<n>` after). A
 * definite refusal clears the reservation; an unknown outcome keeps the
 * payment marked as canceling until reconcile.
 */
export const cancelStep: ProviderStep<Payment, ProviderDataResult, Payment> = {
  provider: (ctx, payment) => getProvider(ctx, payment.provider_id),
  call: (provider, payment) =>
    provider.cancelPayment({
      session_id: payment.payment_session_id,
      data: payment.data,
      idempotency_key: cancelKey(payment),
    }),
  async succeeded(ctx, uow, payment, { data }) {
    const collection = await lockCollection(uow.tx, payment.payment_collection_id);
    const current = await mustGet(uow.tx, "payments", payment.id);
    if (current.canceled_at !== null) return { returns: current };
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
    return { returns: canceled };
  },
  async failed(ctx, { tx }, payment, error) {
    await lockCollection(tx, payment.payment_collection_id);
    const current = await mustGet(tx, "payments", payment.id);
    if (current.cancel_started_at !== null && current.canceled_at === null) {
      await tx.update("payments", payment.id, { cancel_started_at: null, updated_at: ctx.now() });
    }
    return { throws: error };
  },
  async renew(ctx, { tx }, payment) {
    await lockCollection(tx, payment.payment_collection_id);
    const current = await mustGet(tx, "payments", payment.id);
    const inFlight = current.cancel_started_at !== null && current.canceled_at === null;
    if (!inFlight || current.cancel_attempt !== payment.cancel_attempt) return undefined;
    return tx.update("payments", payment.id, {
      cancel_attempt: current.cancel_attempt + 1,
      updated_at: ctx.now(),
    });
  },
  unknown: (payment, error) =>
    outcomeUnknown({
      providerId: payment.provider_id,
      what: `the cancel of payment ${payment.id}`,
      reconcile: `call reconcilePayment("${payment.id}")`,
      details: { payment_id: payment.id },
      cause: error,
    }),
};

/** The idempotency key of a payment's current cancel attempt. */
export function cancelKey(payment: Payment): string {
  return attemptKey(`${payment.id}:cancel`, Math.max(1, payment.cancel_attempt));
}

export function cancelInFlight(payment: Payment): TenderError {
  return new TenderError({
    code: "operation_in_progress",
    message: `Payment ${payment.id} is being canceled; retrieve it in a moment to see the outcome, or call reconcilePayment("${payment.id}") if the cancel's outcome was unknown.`,
    details: { payment_id: payment.id },
    retryable: true,
  });
}
