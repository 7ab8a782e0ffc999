import type { FakePaymentIntent } from "@tender/provider-stripe/testing";
import type { Page } from "playwright-core";
import { collectionIdOf, type Shop } from "./shop";

/** The cart on the checkout page: 2 × €25.00 + €12.00 + €5.00. */
export const CART_TOTAL = "€67.00";
export const CART_AMOUNT = 6700;

/**
 * Pays the cart on the checkout page as a customer would, by the labels on
 * the screen: the provider's radio button, the test card for Stripe, Pay.
 */
export async function payAtCheckout(
  page: Page,
  shop: Shop,
  choice: { provider: string; card?: string; path?: string },
): Promise<void> {
  if (choice.path !== undefined || !page.url().startsWith(shop.url)) {
    await page.goto(`${shop.url}${choice.path ?? "/"}`);
  }
  await page.getByRole("group", { name: "Payment method" }).getByLabel(choice.provider).check();
  if (choice.card !== undefined) {
    await page.getByLabel("Test card").selectOption({ label: choice.card });
  }
  await page.getByRole("button", { name: `Pay ${CART_TOTAL}` }).click();
}

/** Waits for the order page (where payments end) and returns its collection. */
export async function orderPageCollection(page: Page): Promise<string> {
  await page.waitForURL(/\/checkout\/return\?collection=/, { timeout: 60_000 });
  return collectionIdOf(page.url());
}

/** The fake Stripe's PaymentIntent behind a Tender session or payment. */
export function stripeIntentOf(shop: Shop, intentId: string): FakePaymentIntent {
  const intent = shop.fakes.stripe.paymentIntents.get(intentId);
  if (intent === undefined) throw new Error(`the fake Stripe has no PaymentIntent ${intentId}`);
  return intent;
}

/** What Stripe's refunds of an intent gave back: the succeeded ones. */
export function refundedAtStripe(shop: Shop, intentId: string): number {
  return [...shop.fakes.stripe.refunds.values()]
    .filter((refund) => refund.payment_intent === intentId && refund.status === "succeeded")
    .reduce((sum, refund) => sum + refund.amount, 0);
}
