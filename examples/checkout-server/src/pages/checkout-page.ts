import { formatAmount } from "@tender/core";
import { html } from "hono/html";
import type { PricedCart } from "../catalog";
import type { CheckoutDescription } from "../describe-checkout";
import { cartTable } from "./cart-table";
import { type Html, layout } from "./layout";

export interface CheckoutPageProps {
  cart: PricedCart;
  providers: ReadonlyArray<{ id: string; label: string }>;
  testCards: ReadonlyArray<{ paymentMethod: string; label: string }>;
  /** A collection to pay again (after a decline or a cancel at PayPal); a new one is made otherwise. */
  collectionId: string | null;
  status: CheckoutDescription;
}

/**
 * The checkout: the cart, the providers as one radio group, the test card
 * for Stripe, a Pay button and the status region screen readers announce.
 * checkout.js drives the JSON API from the form.
 */
export function checkoutPage(props: CheckoutPageProps): Html {
  const total = formatAmount(props.cart.amount, props.cart.currency);
  const items = props.cart.lines.map(({ sku, quantity }) => ({ sku, quantity }));
  const body = html`<h1>Checkout</h1>
<section aria-labelledby="cart-heading">
<h2 id="cart-heading">Your cart</h2>
${cartTable(props.cart)}
</section>
<form id="checkout" data-items="${JSON.stringify(items)}" data-collection="${props.collectionId ?? ""}">
<fieldset>
<legend>Payment method</legend>
${props.providers.map(
  (provider, index) =>
    html`<div class="choice"><input type="radio" name="provider" id="provider-${provider.id}" value="${provider.id}"${index === 0 ? html` checked` : ""}> <label for="provider-${provider.id}">${provider.label}</label></div>`,
)}
</fieldset>
<div id="card-choice" class="choice">
<label for="test-card">Test card</label>
<select id="test-card" name="payment_method">
${props.testCards.map((card) => html`<option value="${card.paymentMethod}">${card.label}</option>`)}
</select>
</div>
<p><button type="submit">Pay ${total}</button></p>
</form>
<h2>Payment status</h2>
<p id="status" class="status" role="status" aria-live="polite" data-state="${props.status.state}">${props.status.message}</p>`;
  return layout({ title: "Checkout · Tender shop", body, script: "/assets/checkout.js" });
}
