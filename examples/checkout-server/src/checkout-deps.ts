import type { FakePayPal } from "@tender/provider-paypal/testing";
import type { FakeStripe } from "@tender/provider-stripe/testing";
import type { CheckoutProviderId, CheckoutTender } from "./checkout-providers";
import type { CollectionEvents } from "./collection-events";
import type { FakeBank } from "./fakes/fake-bank";

/** What the routes share: built once by startCheckoutServer. */
export interface CheckoutDeps {
  tender: CheckoutTender;
  events: CollectionEvents;
  /** The providers the checkout offers, in the order it lists them. */
  offered: readonly CheckoutProviderId[];
  /** The fake Stripe, or null in Stripe test mode; PayPal is always its fake. */
  fakeStripe: FakeStripe | null;
  fakePayPal: FakePayPal;
  /** Settles SEPA debits at the fake Stripe, as a bank would; null in Stripe test mode. */
  bank: FakeBank | null;
  /** Sends the fakes' pending webhook events to this server now. */
  deliverWebhooks(): Promise<void>;
  /** Aborted when the server closes: open event streams end. */
  closing: AbortSignal;
  log: (line: string) => void;
}
