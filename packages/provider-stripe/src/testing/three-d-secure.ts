import type { FakeCardDetails, FakePaymentIntent, FakePaymentMethod } from "./fake-objects";
import type { FakeStripeContext } from "./fake-stripe-state";
import type { TestPaymentMethod } from "./test-payment-methods";

/*
 * Whether a card confirmation goes through 3D Secure, as Stripe's test cards
 * and `payment_method_options[card][request_three_d_secure]` have it.
 */

/**
 * What a confirmation does about 3D Secure: nothing, a challenge for the
 * customer (`requires_action`), or, off-session where no customer can answer
 * one, a refusal with `authentication_required`.
 */
export type AuthenticationStep = "none" | "challenge" | "refuse";

/**
 * Whether the card can run 3D Secure at all. Stripe documents the test card
 * 378282246310005 (American Express) as not supporting it: a request for 3D
 * Secure proceeds without authentication.
 */
export function supportsThreeDSecure(card: FakeCardDetails): boolean {
  return !(card.brand === "amex" && card.last4 === "0005");
}

/**
 * Whether the card's issuer requires authentication for this payment. A card
 * that always needs it off-session exempts itself when its test id says so:
 * once set up (`pm_card_authenticationRequiredOnSetup`) or always
 * (`pm_card_authenticationRequiredSetupForOffSession`).
 */
function issuerRequires(
  context: FakeStripeContext,
  method: FakePaymentMethod,
  behaviour: TestPaymentMethod,
  offSession: boolean,
): boolean {
  if (behaviour.outcome.type !== "authenticate") return false;
  if (!offSession) return true;
  if (behaviour.offSessionExempt === "always") return false;
  if (behaviour.offSessionExempt === "once_set_up")
    return !context.state.setUpPaymentMethods.has(method.id);
  return true;
}

/** The 3D Secure step of confirming `intent` with `method`. */
export function authenticationStep(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
  behaviour: TestPaymentMethod,
  offSession: boolean,
): AuthenticationStep {
  if (method.type !== "card") return "none";
  const request = intent.payment_method_options.card?.request_three_d_secure ?? "automatic";
  const asked = request !== "automatic" && supportsThreeDSecure(method.card);
  if (!asked && !issuerRequires(context, method, behaviour, offSession)) return "none";
  return offSession ? "refuse" : "challenge";
}

/** `payment_method_details.card.three_d_secure` after the customer passed a challenge. */
export function passedChallenge(context: FakeStripeContext, card: FakeCardDetails) {
  const serial = context.newId("3ds").slice(-6);
  return {
    authentication_flow: "challenge" as const,
    // Fully authenticated: Mastercard's ECI is 02, the other networks' 05.
    electronic_commerce_indicator: card.brand === "mastercard" ? ("02" as const) : ("05" as const),
    exemption_indicator: null,
    result: "authenticated" as const,
    result_reason: null,
    transaction_id: `3d5ecb1e-0000-4000-8000-000000${serial}`,
    version: "2.2.0" as const,
  };
}
