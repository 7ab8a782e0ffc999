import { html } from "hono/html";
import type { PricedCart } from "../catalog";
import type { CheckoutDescription } from "../describe-checkout";
import { cartTable } from "./cart-table";
import { type Html, layout } from "./layout";

/**
 * Where the customer lands after paying or coming back from a provider's
 * page: the result, in a status region that follows the collection's events
 * (checkout.js), so a webhook that lands later changes it in place.
 */
export function orderPage(props: {
  collectionId: string;
  cart: PricedCart | null;
  status: CheckoutDescription;
  /** Whether the status region follows the collection's events (not once the buyer cancelled at PayPal). */
  follow: boolean;
}): Html {
  const payAgain =
    props.status.state === "declined" ||
    props.status.state === "unpaid" ||
    props.status.state === "needs_action";
  const body = html`<h1>Your order</h1>
<p class="muted">Order <code>${props.collectionId}</code></p>
<section aria-labelledby="status-heading"${props.follow ? html` data-follow-collection="${props.collectionId}"` : ""}>
<h2 id="status-heading">Payment status</h2>
<p id="status" class="status" role="status" aria-live="polite" data-state="${props.status.state}">${props.status.message}</p>
</section>
${props.cart ? html`<section aria-labelledby="cart-heading"><h2 id="cart-heading">What you ordered</h2>${cartTable(props.cart)}</section>` : ""}
<p>${payAgain ? html`<a href="/?collection=${encodeURIComponent(props.collectionId)}">Choose another payment method</a> · ` : ""}<a href="/">Back to the shop</a></p>`;
  return layout({ title: "Your order · Tender shop", body, script: "/assets/checkout.js" });
}
