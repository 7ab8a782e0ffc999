import type { Tender } from "@tender/client";
import { manual } from "@tender/provider-manual";
import { paypal } from "@tender/provider-paypal";
import { stripe } from "@tender/provider-stripe";

export interface CheckoutProviderSettings {
  stripe: { apiKey: string; webhookSecret: string | undefined };
  paypal: { clientId: string; clientSecret: string; webhookId: string };
}

/**
 * The providers the shop takes. Cards through Stripe hold the money until
 * the admin captures it (in parts: multicapture). SEPA debits take only
 * automatic capture at Stripe, so they get a Stripe provider of their own.
 */
export function checkoutProviders(settings: CheckoutProviderSettings) {
  const { apiKey, webhookSecret } = settings.stripe;
  const stripeKeys = { apiKey, ...(webhookSecret !== undefined ? { webhookSecret } : {}) };
  return [
    manual(),
    stripe({ ...stripeKeys, multicapture: true, paymentMethodTypes: ["card"] }),
    stripe({
      ...stripeKeys,
      id: "stripe-sepa",
      capture: "automatic",
      paymentMethodTypes: ["sepa_debit"],
    }),
    paypal({ ...settings.paypal, environment: "sandbox" }),
  ] as const;
}

export type CheckoutProviders = ReturnType<typeof checkoutProviders>;
export type CheckoutTender = Tender<CheckoutProviders>;
export type CheckoutProviderId = CheckoutProviders[number]["id"];

/** How the pages name each provider. */
export const PROVIDER_LABELS: Record<CheckoutProviderId, string> = {
  manual: "Pay by invoice (manual)",
  stripe: "Card (Stripe)",
  "stripe-sepa": "SEPA Direct Debit (Stripe)",
  paypal: "PayPal",
};

export function providerLabel(providerId: string): string {
  return isCheckoutProviderId(providerId) ? PROVIDER_LABELS[providerId] : providerId;
}

export function isCheckoutProviderId(value: unknown): value is CheckoutProviderId {
  return typeof value === "string" && Object.hasOwn(PROVIDER_LABELS, value);
}

/** The Stripe test cards the checkout offers, and what each does. */
export const TEST_CARDS = [
  { paymentMethod: "pm_card_visa", label: "Visa 4242: succeeds" },
  { paymentMethod: "pm_card_chargeDeclined", label: "Visa 0002: declined" },
  { paymentMethod: "pm_card_threeDSecure2Required", label: "Visa 3220: needs 3D Secure" },
] as const;

/** The SEPA test debit: `processing` until the bank settles it. */
export const TEST_SEPA_DEBIT = "pm_sepa_debit";
