import { recordBalanceTransaction } from "./charge-events";
import { chargeOutcome } from "./charge-outcome";
import { latestChargeOf } from "./charges";
import type { FakePaymentIntent, FakePaymentMethod, PaymentIntentStatus } from "./fake-objects";
import type { EventOrigin, FakeStripeContext } from "./fake-stripe-state";
import { expireHold } from "./hold-expiry";
import { behaviourOf } from "./payment-methods";
import { recordFailure, settleAuthorization } from "./payment-outcomes";
import { passedChallenge } from "./three-d-secure";

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

/**
 * The customer passes 3D Secure: `requires_action` -> `requires_capture`
 * (manual) or `succeeded`, the charge's `three_d_secure` filled in; a card
 * that declines after authentication declines now.
 */
export function completeThreeDS(context: FakeStripeContext, id: string): void {
  const intent = intentIn(context, "completeThreeDS", id, "requires_action");
  const method = methodOf(context, intent);
  const threeDSecure = method.type === "card" ? passedChallenge(context, method.card) : undefined;
  settleAuthorization(context, intent, method, BY_STRIPE, threeDSecure);
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
    recordBalanceTransaction(context, charge);
    context.emit("charge.succeeded", charge, BY_STRIPE);
    intent.status = "succeeded";
    intent.amount_received = intent.amount;
    context.emit("payment_intent.succeeded", intent, BY_STRIPE);
    return;
  }
  charge.status = "failed";
  charge.failure_code = "insufficient_funds";
  charge.failure_message = "The customer's account has insufficient funds to cover this payment.";
  charge.outcome = chargeOutcome(behaviourOf(context, methodOf(context, intent)), {
    approved: false,
    declineCode: "insufficient_funds",
  });
  context.emit("charge.failed", charge, BY_STRIPE);
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
 * An uncaptured hold expires now, whatever its `capture_before` says, as
 * Stripe's pinned API version has it: `requires_capture` -> `canceled` with
 * `cancellation_reason: "expired"`, then `charge.expired` for its charge.
 * (Without this call a hold expires once the fake's clock reaches its
 * `capture_before`.)
 */
export function expireAuthorization(context: FakeStripeContext, id: string): void {
  expireHold(context, intentIn(context, "expireAuthorization", id, "requires_capture"));
}
