import { html } from "hono/html";
import { type Html, layout } from "./layout";

/**
 * The fake Stripe's 3D Secure challenge, as this server serves it: the
 * amount, and a button to pass and one to fail, each sending the customer
 * back to the shop's return URL.
 */
export function threeDSecurePage(props: {
  intentId: string;
  amount: string;
  returnUrl: string;
}): Html {
  const action = `/fake/stripe/3ds/${encodeURIComponent(props.intentId)}`;
  const body = html`<h1>3D Secure authentication</h1>
<p>Your bank asks you to confirm a payment of <strong>${props.amount}</strong> to Tender shop.</p>
<p class="muted">Test page of the fake Stripe (PaymentIntent <code>${props.intentId}</code>).</p>
<div class="actions">
<form method="post" action="${action}">
<input type="hidden" name="return" value="${props.returnUrl}">
<button type="submit" name="decision" value="complete">Complete authentication</button>
</form>
<form method="post" action="${action}">
<input type="hidden" name="return" value="${props.returnUrl}">
<button type="submit" name="decision" value="fail" class="secondary">Fail authentication</button>
</form>
</div>`;
  return layout({ title: "3D Secure · fake Stripe", body });
}
