import type { PaymentSession } from "@tender/core";
import { returnUrlOf } from "../return-urls";

/**
 * Where the customer's browser goes for a session's next action. Real
 * Stripe's 3D Secure page and PayPal's approval page are theirs; the fakes'
 * addresses (hooks.stripe.com, www.sandbox.paypal.com) exist only inside
 * this process's msw, so with a fake the server serves that page itself.
 */
export function browserRedirectOf(
  session: PaymentSession,
  options: { origin: string; fakeStripe: boolean },
): string | null {
  const target = session.next_action?.redirect_url;
  if (typeof target !== "string") return null;
  const url = new URL(target);
  const intentId = session.data.id;
  if (options.fakeStripe && url.hostname === "hooks.stripe.com" && typeof intentId === "string") {
    const back = returnUrlOf(options.origin, session.payment_collection_id);
    return `${options.origin}/fake/stripe/3ds/${encodeURIComponent(intentId)}?return=${encodeURIComponent(back)}`;
  }
  if (url.hostname === "www.sandbox.paypal.com" && url.pathname === "/checkoutnow") {
    return `${options.origin}/fake/paypal/checkoutnow${url.search}`;
  }
  return target;
}
