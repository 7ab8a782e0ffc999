import { cancelIntent } from "./cancel-payment-intent";
import type { FakeCharge, FakePaymentIntent } from "./fake-objects";
import type { EventOrigin, FakeStripeContext } from "./fake-stripe-state";

/*
 * An uncaptured hold lapses at its charge's `capture_before` (7 days, or up
 * to 30 with an extended authorization): Stripe cancels the intent as
 * `expired` and sends `charge.expired`.
 */

/** Changes made by Stripe itself carry no request. */
const BY_STRIPE: EventOrigin = { id: null, idempotency_key: null };

/** The deadline of the hold behind an intent, from its latest charge; `undefined` without one. */
export function captureDeadline(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
): number | undefined {
  const charge = chargeOf(context, intent);
  return charge?.payment_method_details.type === "card"
    ? charge.payment_method_details.card.capture_before
    : undefined;
}

function chargeOf(context: FakeStripeContext, intent: FakePaymentIntent): FakeCharge | undefined {
  return intent.latest_charge === null
    ? undefined
    : context.state.charges.get(intent.latest_charge);
}

/** Ends a `requires_capture` hold as expired: `payment_intent.canceled`, then `charge.expired`. */
export function expireHold(context: FakeStripeContext, intent: FakePaymentIntent): void {
  cancelIntent(context, intent, "expired", BY_STRIPE);
  const charge = chargeOf(context, intent);
  if (charge !== undefined) context.emit("charge.expired", charge, BY_STRIPE);
}

/**
 * Expires every hold whose `capture_before` the fake's clock has reached, as
 * Stripe does on its own; the fake does it before answering each request.
 */
export function expireLapsedHolds(context: FakeStripeContext): void {
  const now = context.nowSeconds();
  for (const intent of context.state.paymentIntents.values()) {
    if (intent.status !== "requires_capture") continue;
    const deadline = captureDeadline(context, intent);
    if (deadline !== undefined && deadline <= now) expireHold(context, intent);
  }
}
