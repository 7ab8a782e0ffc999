import { TenderError } from "../errors/tender-error";
import { assertAmount } from "../money/assert-amount";
import type { IncrementAuthorizationResult } from "../provider/payment-provider";
import type { Payment } from "../records/records";
import { derivePaymentStatus } from "../state/payment-transitions";
import { attemptKey } from "./attempt-key";
import { optionalIdempotencyKey, rememberIdempotent, replayIdempotent } from "./caller-idempotency";
import { cancelInFlight } from "./cancel-payment";
import { heldAmount } from "./held-amount";
import { outcomeUnknown } from "./outcome-unknown";
import { type ProviderStep, type Reservation, runProviderStep } from "./provider-step";
import {
  getProvider,
  lockCollection,
  mustGet,
  refreshCollection,
  type ServiceContext,
} from "./service-context";
import { fieldsOf, rejectUnknownKeys, requireId, requireObject } from "./validate-input";

export interface IncrementAuthorizationInput {
  payment_id: string;
  /**
   * The payment's new authorized total in minor units (not the difference):
   * greater than `payment.amount`, and within the collection's amount (raise
   * the collection first with `updatePaymentCollections`).
   */
  amount: number;
  /** Your key: the same key and input replays the first result instead of sending again. */
  idempotency_key?: string;
}

const FIELDS = fieldsOf<IncrementAuthorizationInput>()(["payment_id", "amount", "idempotency_key"]);

/**
 * Raises an authorized payment's hold at its provider before anything is
 * captured (a hotel's extra night, a tip, an edited order), for a provider
 * that declares `capabilities.incrementalAuthorization`. The collection must
 * owe the new total: raise its amount first.
 *
 * While the increment is in flight the payment counts the larger total as
 * held on its collection, and captures and cancels wait. A decline leaves
 * the payment authorized for its old amount; an unknown outcome stays in
 * flight until reconcile learns the provider's answer under the same key.
 *
 * @example
 * ```ts
 * await service.updatePaymentCollections(collection.id, { amount: 6500 });
 * const payment = await service.incrementAuthorization({ payment_id, amount: 6500 });
 * payment.amount; // 6500
 * ```
 */
export async function incrementAuthorization(
  ctx: ServiceContext,
  input: unknown,
): Promise<Payment> {
  const fields = requireObject(input, "incrementAuthorization(input)");
  rejectUnknownKeys(fields, FIELDS, "incrementAuthorization(input)");
  const paymentId = requireId(fields.payment_id, "payment_id");
  assertAmount(fields.amount, { field: "amount", min: 1 });
  const amount = fields.amount;
  const key = optionalIdempotencyKey(fields.idempotency_key);
  const request = { payment_id: paymentId, amount };

  return runProviderStep(
    ctx,
    incrementStep,
    async ({ tx }): Promise<Reservation<Payment, Payment>> => {
      const found = await mustGet(tx, "payments", paymentId);
      const collection = await lockCollection(tx, found.payment_collection_id);
      const payment = await mustGet(tx, "payments", paymentId);
      if (await replayIdempotent(tx, "increment", key, request)) {
        // The same request again: its outcome, finishing it if it is still in flight.
        if (payment.increment_started_at !== null) return { reserved: payment };
        if (payment.amount >= amount) return { done: payment };
        throw new TenderError({
          code: "provider_error",
          message: `This idempotency key's increment of payment ${payment.id} to ${amount} was refused by its provider (the payment stays at ${payment.amount}); use a new key to try again.`,
          details: { payment_id: payment.id, amount },
        });
      }
      const provider = getProvider(ctx, payment.provider_id);
      if (
        provider.capabilities.incrementalAuthorization !== true ||
        !provider.incrementAuthorization
      ) {
        throw new TenderError({
          code: "capability_not_supported",
          message: `Provider ${provider.id} cannot raise an authorization (capabilities.incrementalAuthorization); authorize a new session for the difference instead.`,
          details: { payment_id: payment.id, provider_id: provider.id },
        });
      }
      if (payment.increment_started_at !== null) throw incrementInFlightError(payment);
      if (payment.canceled_at !== null || payment.expired_at !== null) {
        throw new TenderError({
          code: "payment_canceled",
          message: `Payment ${payment.id} is ${payment.canceled_at !== null ? "canceled" : "expired"}; its authorization cannot be raised. Authorize a new session.`,
          details: { payment_id: payment.id },
        });
      }
      if (payment.cancel_started_at !== null) throw cancelInFlight(payment);
      if (payment.surplus_at !== null) {
        throw new TenderError({
          code: "payment_surplus",
          message: `Payment ${payment.id} is surplus: its collection was paid by another payment, so its money is being returned, never raised.`,
          details: { payment_id: payment.id },
        });
      }
      const captures = await tx.list("captures", {
        payment_id: payment.id,
        status: ["pending", "succeeded"],
      });
      if (captures.length > 0 || payment.released_amount > 0) {
        throw new TenderError({
          code: "payment_already_captured",
          message: `Payment ${payment.id} has been captured (${payment.captured_amount} of ${payment.amount}); an authorization can only be raised before its first capture. Authorize a new session for the difference.`,
          details: { payment_id: payment.id, captured_amount: payment.captured_amount },
        });
      }
      if (payment.capture_before && payment.capture_before.getTime() <= ctx.now().getTime()) {
        throw new TenderError({
          code: "capture_expired",
          message: `Payment ${payment.id}'s authorization expired at ${payment.capture_before.toISOString()}; it cannot be raised. Authorize a new session.`,
          details: { payment_id: payment.id },
        });
      }
      if (amount <= payment.amount) {
        throw new TenderError({
          code: "invalid_amount",
          message: `amount is the payment's new total: ${amount} does not raise payment ${payment.id}'s authorized ${payment.amount}. Pass a total greater than ${payment.amount}.`,
          details: { payment_id: payment.id, amount, authorized: payment.amount },
        });
      }
      const others = await heldAmount(tx, collection.id, payment.payment_session_id);
      if (others + amount > collection.amount) {
        throw new TenderError({
          code: "amount_exceeds_collection",
          message: `Collection ${collection.id} is owed ${collection.amount} and ${others} of it is held elsewhere: payment ${payment.id} cannot be raised to ${amount}. Raise the collection's amount first (updatePaymentCollections).`,
          details: {
            payment_id: payment.id,
            collection_id: collection.id,
            collection_amount: collection.amount,
            held_elsewhere: others,
          },
        });
      }
      const now = ctx.now();
      // Each increment is a new attempt with its own key: a refusal stored for an earlier one is not replayed.
      const reserved = await tx.update("payments", payment.id, {
        increment_amount: amount,
        increment_started_at: now,
        increment_attempt: payment.increment_attempt + 1,
        updated_at: now,
      });
      await rememberIdempotent(tx, "increment", key, request, payment.id, now);
      return { reserved };
    },
  );
}

/**
 * The increment step: the provider raises the hold (key `<payment id>:increment`
 * for the first attempt, `:attempt-<n>` after). A success moves the payment's
 * amount; a definite refusal leaves it as it was; an unknown outcome keeps the
 * increment in flight until reconcile.
 */
export const incrementStep: ProviderStep<Payment, IncrementAuthorizationResult, Payment> = {
  provider: (ctx, payment) => getProvider(ctx, payment.provider_id),
  call(provider, payment) {
    const increment = provider.incrementAuthorization;
    if (!increment || payment.increment_amount === null) {
      throw new TenderError({
        code: "capability_not_supported",
        message: `Provider ${provider.id} has no incrementAuthorization; payment ${payment.id}'s increment cannot be sent.`,
        details: { payment_id: payment.id },
      });
    }
    return increment.call(provider, {
      payment_id: payment.id,
      session_id: payment.payment_session_id,
      amount: payment.increment_amount,
      currency_code: payment.currency_code,
      data: payment.data,
      idempotency_key: incrementKey(payment),
    });
  },
  async succeeded(ctx, uow, payment, answer) {
    const collection = await lockCollection(uow.tx, payment.payment_collection_id);
    const current = await mustGet(uow.tx, "payments", payment.id);
    // Any attempt's answer settles the increment in flight; one settled already is left alone.
    if (current.increment_started_at === null) return { returns: current };
    const requested = current.increment_amount ?? current.amount;
    // The provider's total is the truth, never more than was asked for nor less than was held.
    const amount = Math.min(requested, Math.max(current.amount, answer.amount));
    const now = ctx.now();
    const raised = await uow.tx.update("payments", payment.id, {
      amount,
      data: answer.data,
      capture_before: answer.capture_before ?? current.capture_before,
      increment_amount: null,
      increment_started_at: null,
      status: derivePaymentStatus({ ...current, amount }),
      updated_at: now,
    });
    await refreshCollection(ctx, uow, collection);
    if (amount > current.amount) {
      uow.emit("payment.authorization_incremented", {
        payment: raised,
        previous_amount: current.amount,
      });
    }
    return { returns: raised };
  },
  async failed(ctx, { tx }, payment, error) {
    await lockCollection(tx, payment.payment_collection_id);
    const current = await mustGet(tx, "payments", payment.id);
    if (
      current.increment_started_at !== null &&
      current.increment_attempt === payment.increment_attempt
    ) {
      await tx.update("payments", payment.id, {
        increment_amount: null,
        increment_started_at: null,
        updated_at: ctx.now(),
      });
    }
    return { throws: error };
  },
  async renew(ctx, { tx }, payment) {
    await lockCollection(tx, payment.payment_collection_id);
    const current = await mustGet(tx, "payments", payment.id);
    if (
      current.increment_started_at === null ||
      current.increment_attempt !== payment.increment_attempt
    ) {
      return undefined;
    }
    return tx.update("payments", payment.id, {
      increment_attempt: current.increment_attempt + 1,
      updated_at: ctx.now(),
    });
  },
  unknown: (payment, error) =>
    outcomeUnknown({
      providerId: payment.provider_id,
      what: `the increment of payment ${payment.id} to ${payment.increment_amount}`,
      reconcile: `call reconcilePayment("${payment.id}")`,
      details: { payment_id: payment.id },
      cause: error,
    }),
};

/** The idempotency key of a payment's current increment attempt. */
export function incrementKey(payment: Payment): string {
  return attemptKey(`${payment.id}:increment`, Math.max(1, payment.increment_attempt));
}

/** A capture, cancel or increment asked for while an increment is in flight. */
export function incrementInFlightError(payment: Payment): TenderError {
  return new TenderError({
    code: "operation_in_progress",
    message: `Payment ${payment.id}'s authorization is being raised to ${payment.increment_amount}; retrieve it in a moment to see the outcome, or call reconcilePayment("${payment.id}") if the increment's outcome was unknown.`,
    details: { payment_id: payment.id },
    retryable: true,
  });
}
