import { createFakePayPal, type FakePayPal } from "@tender/provider-paypal/testing";
import { createFakeStripe, type FakeStripe } from "@tender/provider-stripe/testing";

/** The key and signing secret the server uses with the fake Stripe (any `sk_test_` key works there). */
export const FAKE_STRIPE_SETTINGS = {
  apiKey: "sk_test_checkout_server",
  webhookSecret: "whsec_checkout_server",
} as const;

/** The REST app the fake PayPal knows; its webhook events are signed for `webhookId`. */
export const FAKE_PAYPAL_SETTINGS = {
  clientId: "checkout-server-client",
  clientSecret: "checkout-server-secret",
  webhookId: "WH-CHECKOUT-SERVER",
} as const;

/**
 * The fake payment services the server talks to instead of Stripe and
 * PayPal. They stand for services outside the server, so they outlive it:
 * hand the same ones to a restarted server and the intents, orders and
 * undelivered webhook events are still there.
 */
export interface CheckoutFakes {
  stripe: FakeStripe;
  paypal: FakePayPal;
}

export function createCheckoutFakes(): CheckoutFakes {
  return {
    stripe: createFakeStripe({ webhookSecret: FAKE_STRIPE_SETTINGS.webhookSecret }),
    paypal: createFakePayPal(FAKE_PAYPAL_SETTINGS),
  };
}
