import { match } from "ts-pattern";
import { finishAsyncCapture } from "./charge-events";
import { createCharge, renderPaymentIntent } from "./charges";
import { disputeIfTestCardSays } from "./disputes";
import type {
  FakePaymentError,
  FakePaymentIntent,
  FakePaymentMethod,
  FakeThreeDSecure,
} from "./fake-objects";
import type { EventOrigin, FakeStripeContext } from "./fake-stripe-state";
import { behaviourOf } from "./payment-methods";
import { cardError, type FakeStripeError } from "./stripe-errors";

/*
 * How a payment attempt ends once nothing more is asked of the customer: a
 * hold, a payment, a SEPA debit processing, or a failure back to
 * `requires_payment_method`.
 */

/**
 * The issuer's answer once any 3D Secure is behind the attempt: a hold or a
 * payment, a decline (the 402 is returned), or a SEPA debit processing.
 */
export function settleAuthorization(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
  origin: EventOrigin,
  threeDSecure?: FakeThreeDSecure,
): FakeStripeError | undefined {
  return (
    match(behaviourOf(context, method).outcome)
      .with({ type: "decline" }, (outcome) =>
        failPayment(context, intent, method, origin, {
          type: "card_error",
          code: outcome.code,
          decline_code: outcome.declineCode,
          message: outcome.message,
          ...(outcome.param ? { param: outcome.param } : {}),
        }),
      )
      .with({ type: "process" }, () => {
        createCharge(context, intent, method, { status: "pending", captured: true }, origin);
        intent.status = "processing";
        saveForFutureUsage(context, intent, method);
        context.emit("payment_intent.processing", intent, origin);
        return undefined;
      })
      // A card that needs authentication got here authenticated, or exempt off-session.
      .with({ type: "succeed" }, { type: "authenticate" }, () => {
        authorizeOrCapture(context, intent, method, origin, threeDSecure);
        return undefined;
      })
      .exhaustive()
  );
}

/** A successful authorization: a hold (manual capture) or a captured payment. */
export function authorizeOrCapture(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
  origin: EventOrigin,
  threeDSecure?: FakeThreeDSecure,
): void {
  intent.next_action = null;
  saveForFutureUsage(context, intent, method);
  const authenticated = threeDSecure ? { threeDSecure } : {};
  if (intent.capture_method === "manual") {
    createCharge(
      context,
      intent,
      method,
      { status: "succeeded", captured: false, ...authenticated },
      origin,
    );
    intent.status = "requires_capture";
    intent.amount_capturable = intent.amount;
    context.emit("payment_intent.amount_capturable_updated", intent, origin);
    return;
  }
  const charge = createCharge(
    context,
    intent,
    method,
    { status: "succeeded", captured: true, ...authenticated },
    origin,
  );
  intent.status = "succeeded";
  intent.amount_received = intent.amount;
  context.emit("payment_intent.succeeded", intent, origin);
  finishAsyncCapture(context, charge, intent, origin);
  disputeIfTestCardSays(context, charge);
}

/**
 * A failed attempt: a failed charge, the intent back to `requires_payment_method`
 * with `last_payment_error`, and the 402 to throw (the intent inside it).
 */
export function failPayment(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
  origin: EventOrigin,
  error: Omit<FakePaymentError, "charge" | "payment_method" | "doc_url">,
): FakeStripeError {
  const failure = {
    code: error.code,
    message: error.message,
    ...(error.decline_code ? { declineCode: error.decline_code } : {}),
  };
  const charge = createCharge(
    context,
    intent,
    method,
    { status: "failed", captured: false, failure },
    origin,
  );
  recordFailure(intent, method, { ...error, charge: charge.id });
  context.emit("payment_intent.payment_failed", intent, origin);
  return cardError({
    code: error.code,
    message: error.message,
    charge: charge.id,
    payment_intent: renderPaymentIntent(context, intent),
    payment_method: structuredClone(method),
    ...(error.decline_code ? { decline_code: error.decline_code } : {}),
    ...(error.param ? { param: error.param } : {}),
  });
}

/** Puts an intent back to `requires_payment_method` with the error; Stripe then forgets the method. */
export function recordFailure(
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
  error: Omit<FakePaymentError, "payment_method" | "doc_url">,
): void {
  intent.status = "requires_payment_method";
  intent.next_action = null;
  intent.payment_method = null;
  intent.amount_capturable = 0;
  intent.last_payment_error = {
    ...error,
    doc_url: `https://stripe.com/docs/error-codes/${error.code.replaceAll("_", "-")}`,
    payment_method: structuredClone(method),
  };
}

/**
 * With `setup_future_usage`, a successful payment sets the method up for
 * later (off-session payments then need no authentication) and, with a
 * customer, saves it to the customer.
 */
function saveForFutureUsage(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
): void {
  if (intent.setup_future_usage === null) return;
  context.state.setUpPaymentMethods.add(method.id);
  if (intent.customer === null) return;
  if (method.customer === null && context.state.customers.has(intent.customer))
    method.customer = intent.customer;
}
