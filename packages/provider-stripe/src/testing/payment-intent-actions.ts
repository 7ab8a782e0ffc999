import { cancelIntent } from "./cancel-payment-intent";
import { latestChargeOf } from "./charges";
import { authorizeOrCapture, recordFailure } from "./confirm-payment-intent";
import type { FakePaymentIntent, FakePaymentMethod, PaymentIntentStatus } from "./fake-objects";
import type { EventOrigin, FakeStripeContext } from "./fake-stripe-state";

/*
 * What the customer or Stripe does between API calls, on a test's demand.
 * Misuse (an unknown id, the wrong status) throws, naming what was expected.
 */

/** Changes made by the customer or by Stripe carry no request. */
const BY_STRIPE: EventOrigin = { id: null, idempotency_key: null };

function intentIn(
  context: FakeStripeContext,
  action: string,
  id: string,
  status: PaymentIntentStatus,
): FakePaymentIntent {
  const intent = context.state.paymentIntents.get(id);
  if (intent === undefined) throw new Error(`${action}: no PaymentIntent ${id} in the fake.`);
  if (intent.status !== status)
    throw new Error(`${action}: PaymentIntent ${id} is ${intent.status}; it must be ${status}.`);
  return intent;
}

function methodOf(context: FakeStripeContext, intent: FakePaymentIntent): FakePaymentMethod {
  const method =
    intent.payment_method === null
      ? undefined
      : context.state.paymentMethods.get(intent.payment_method);
  if (method === undefined) throw new Error(`PaymentIntent ${intent.id} has no payment method.`);
  return method;
}

/** The customer passes 3D Secure: `requires_action` -> `requires_capture` (manual) or `succeeded`. */
export function completeThreeDS(context: FakeStripeContext, id: string): void {
  const intent = intentIn(context, "completeThreeDS", id, "requires_action");
  authorizeOrCapture(context, intent, methodOf(context, intent), BY_STRIPE);
}

/** The customer fails 3D Secure: back to `requires_payment_method` with `payment_intent_authentication_failure`. */
export function failThreeDS(context: FakeStripeContext, id: string): void {
  const intent = intentIn(context, "failThreeDS", id, "requires_action");
  recordFailure(intent, methodOf(context, intent), {
    type: "invalid_request_error",
    code: "payment_intent_authentication_failure",
    message:
      "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.",
  });
  context.emit("payment_intent.payment_failed", intent, BY_STRIPE);
}

/** An asynchronous payment (SEPA debit) settles: `processing` -> `succeeded` or `requires_payment_method`. */
export function settleProcessing(
  context: FakeStripeContext,
  id: string,
  outcome: "succeeded" | "failed",
): void {
  const intent = intentIn(context, "settleProcessing", id, "processing");
  const charge = latestChargeOf(context, intent);
  if (outcome === "succeeded") {
    charge.status = "succeeded";
    charge.paid = true;
    charge.amount_captured = charge.amount;
    intent.status = "succeeded";
    intent.amount_received = intent.amount;
    context.emit("payment_intent.succeeded", intent, BY_STRIPE);
    return;
  }
  charge.status = "failed";
  charge.failure_code = "insufficient_funds";
  charge.failure_message = "The customer's account has insufficient funds to cover this payment.";
  recordFailure(intent, methodOf(context, intent), {
    type: "invalid_request_error",
    code: "payment_intent_payment_attempt_failed",
    message:
      "The latest payment attempt of this PaymentIntent has failed or been canceled, and the attached payment method has been removed. You can try confirming again with a new payment method.",
    charge: charge.id,
  });
  context.emit("payment_intent.payment_failed", intent, BY_STRIPE);
}

/**
 * An uncaptured hold expires as Stripe's pinned API version has it:
 * `requires_capture` -> `canceled` with `cancellation_reason: "expired"`,
 * then `charge.expired` for its charge.
 */
export function expireAuthorization(context: FakeStripeContext, id: string): void {
  const intent = intentIn(context, "expireAuthorization", id, "requires_capture");
  cancelIntent(context, intent, "expired", BY_STRIPE);
  context.emit("charge.expired", latestChargeOf(context, intent), BY_STRIPE);
}
