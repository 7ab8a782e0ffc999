/**
 * `@tender/provider-paypal/testing`: a stateful fake PayPal (Orders v2,
 * Payments v2, OAuth, webhook verification) served through msw, so the
 * official `@paypal/paypal-server-sdk` talks to it unchanged, offline.
 *
 * @example
 * ```ts
 * import { createFakePayPal } from "@tender/provider-paypal/testing";
 * import { setupServer } from "msw/node";
 *
 * const fake = createFakePayPal();
 * const server = setupServer(...fake.handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * ```
 *
 * @packageDocumentation
 */

export type { DeliverOptions, WebhookDelivery, WebhookTarget } from "./deliver-events";
export type { OpenDisputeOptions } from "./disputes";
export type {
  FakeAuthorization,
  FakeCapture,
  FakeDispute,
  FakeOrder,
  FakePurchaseUnit,
  FakeRefund,
  PayPalEvent,
  PayPalLink,
  RelatedIds,
} from "./fake-objects";
export { createFakePayPal, type FakePayPal, type FakePayPalOptions } from "./fake-paypal";
export type { RecordedRequest } from "./fake-paypal-state";
export type { FakeFault, FaultMatch } from "./faults";
export { PAYPAL_CURRENCIES, type PayPalMoney } from "./money";
export { crc32, type SignedTransmission, signTransmission } from "./webhook-signature";
