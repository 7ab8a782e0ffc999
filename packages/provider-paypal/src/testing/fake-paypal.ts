import type { HttpHandler } from "msw";
import { approvePageHandlers } from "./approve-page";
import { captureAuthorizationRoute } from "./authorization-capture";
import {
  expireAuthorizations,
  getAuthorizationRoute,
  voidAuthorizationRoute,
} from "./authorizations";
import { approveOrder, cancelApproval, pendingCaptures } from "./buyer";
import { getCaptureRoute, settleCapture } from "./captures";
import {
  type DeliverOptions,
  failedStatus,
  selectEvents,
  signedDelivery,
  type WebhookTarget,
} from "./deliver-events";
import { type OpenDisputeOptions, openDispute, resolveDispute } from "./disputes";
import type {
  FakeAuthorization,
  FakeCapture,
  FakeOrder,
  FakeRefund,
  PayPalEvent,
} from "./fake-objects";
import { API_BASES, createFakePayPalContext, WEB_BASES } from "./fake-paypal-context";
import { createFakePayPalState, type RecordedRequest } from "./fake-paypal-state";
import type { FakeFault, FaultMatch } from "./faults";
import { moved } from "./moved";
import { oauthTokenRoute } from "./oauth";
import { authorizeOrderRoute, captureOrderRoute } from "./order-actions";
import { approveHref, createOrderRoute, getOrderRoute, patchOrderRoute } from "./orders";
import { createPayPalHandlers } from "./paypal-request-handler";
import { reauthorizeRoute } from "./reauthorize";
import { getRefundRoute, refundCaptureRoute, refundFromDashboard, reverseCapture } from "./refunds";
import { renderOrder } from "./render";
import { verifyWebhookSignatureRoute } from "./verify-webhook";

/**
 * Options of {@link createFakePayPal}.
 *
 * @example
 * ```ts
 * let clock = Date.UTC(2030, 0, 1);
 * const fake = createFakePayPal({ webhookId: "WH-TEST", now: () => clock });
 * ```
 */
export interface FakePayPalOptions {
  /** Default `fake-client-id`; the token endpoint refuses others with 401 `invalid_client`. */
  clientId?: string;
  /** Default `fake-client-secret`. */
  clientSecret?: string;
  /** Default `WH-FAKE`; verification answers FAILURE for another `webhook_id`. */
  webhookId?: string;
  /** Which base URL the fake serves, default `sandbox` (`https://api-m.sandbox.paypal.com`). */
  environment?: "sandbox" | "production";
  /** The clock in milliseconds (default `Date.now`); `advanceClock` moves the fake's time past it. */
  now?: () => number;
}

/**
 * A stateful fake of PayPal's Orders v2 and Payments v2 APIs, served through
 * msw so the official `@paypal/paypal-server-sdk` talks to it unchanged.
 *
 * @example
 * ```ts
 * const fake = createFakePayPal();
 * const server = setupServer(...fake.handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * // ... create an order through the SDK, then:
 * fake.approve(orderId);
 * await fake.deliver(webhookEndpoint);
 * ```
 */
export interface FakePayPal {
  /** msw handlers: `setupServer(...fake.handlers)`. */
  handlers: HttpHandler[];
  /** The API base URL the fake serves. */
  baseUrl: string;
  /** The buyer approves: the order is APPROVED, CHECKOUT.ORDER.APPROVED. */
  approve(orderId: string): void;
  /** Approved, but authorize / capture answer 422 INSTRUMENT_DECLINED (until `approve` again). */
  approveWithDeclinedInstrument(orderId: string): void;
  /** The buyer cancels at PayPal: the order stays unapproved; `cancel_url` is where they go. */
  cancelApproval(orderId: string): void;
  /** Captures of this order or authorization come back PENDING with `status_details.reason` (default PENDING_REVIEW). */
  pendingCaptures(orderIdOrAuthorizationId: string, reason?: string): void;
  /** A PENDING capture settles: PAYMENT.CAPTURE.COMPLETED or PAYMENT.CAPTURE.DENIED. */
  settleCapture(captureId: string, status: "COMPLETED" | "DECLINED"): void;
  /** A refund made in PayPal's dashboard (minor units; all that is left without one): PAYMENT.CAPTURE.REFUNDED. */
  refundFromDashboard(captureId: string, amount?: number): void;
  /** The money of a capture is taken back (all that is left): PAYMENT.CAPTURE.REVERSED. */
  reverseCapture(captureId: string): void;
  /** The buyer disputes a capture: CUSTOMER.DISPUTE.CREATED; returns the dispute id. */
  openDispute(captureId: string, options?: OpenDisputeOptions): string;
  /** PayPal decides a dispute: CUSTOMER.DISPUTE.RESOLVED. */
  resolveDispute(disputeId: string, outcome: "buyer" | "seller"): void;
  /** Moves the fake's clock forward (honor period, 29-day expiry). */
  advanceClock(ms: number): void;
  /** Injects a fault into the next request whose method and path (prefix or RegExp) match. */
  failNext(match: FaultMatch, fault: FakeFault): void;
  /**
   * Sends pending events to `target`, signed, one at a time; resolves with
   * how many were sent. A target that throws or answers a non-2xx status
   * makes `deliver` reject; that event and the rest stay pending.
   */
  deliver(target: WebhookTarget, options?: DeliverOptions): Promise<number>;
  /** Every event generated, in order. */
  readonly events: ReadonlyArray<PayPalEvent>;
  /** An order as GET would show it (with its payments), or `undefined`. */
  order(id: string): FakeOrder | undefined;
  authorization(id: string): FakeAuthorization | undefined;
  capture(id: string): FakeCapture | undefined;
  refund(id: string): FakeRefund | undefined;
  /** What moved for an order, in minor units: captured (COMPLETED captures) and refunded (COMPLETED refunds). */
  moved(orderId: string): { captured: number; refunded: number };
  /** Every request received, in order. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  /** Forgets orders, payments, events, requests, faults and request ids (issued tokens stay valid). */
  reset(): void;
  /** The approve link a browser opens: a small HTML page with Approve / Cancel buttons. */
  approveUrl(orderId: string): string;
}

/**
 * Creates a fake PayPal. Build the SDK `Client` after `server.listen()`.
 *
 * @example
 * ```ts
 * const fake = createFakePayPal();
 * const server = setupServer(...fake.handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * const client = new Client({
 *   clientCredentialsAuthCredentials: { oAuthClientId: "fake-client-id", oAuthClientSecret: "fake-client-secret" },
 *   environment: Environment.Sandbox,
 * });
 * const { result } = await new OrdersController(client).createOrder({
 *   body: { intent: CheckoutPaymentIntent.Authorize, purchaseUnits: [{ amount: { currencyCode: "USD", value: "50.00" } }] },
 * });
 * fake.approve(result.id ?? "");
 * ```
 */
export function createFakePayPal(options: FakePayPalOptions = {}): FakePayPal {
  const environment = options.environment ?? "sandbox";
  const baseNow = options.now ?? Date.now;
  let offset = 0;
  let state = createFakePayPalState();
  const context = createFakePayPalContext(() => state, {
    now: () => baseNow() + offset,
    apiBase: API_BASES[environment],
    webBase: WEB_BASES[environment],
    webhookId: options.webhookId ?? "WH-FAKE",
    clientId: options.clientId ?? "fake-client-id",
    clientSecret: options.clientSecret ?? "fake-client-secret",
  });
  let deliveries = 0;
  const routes = [
    oauthTokenRoute,
    createOrderRoute,
    getOrderRoute,
    patchOrderRoute,
    authorizeOrderRoute,
    captureOrderRoute,
    getAuthorizationRoute,
    captureAuthorizationRoute,
    voidAuthorizationRoute,
    reauthorizeRoute,
    getCaptureRoute,
    refundCaptureRoute,
    getRefundRoute,
    verifyWebhookSignatureRoute,
  ];
  const current = () => {
    expireAuthorizations(context);
    return state;
  };
  return {
    handlers: [
      ...createPayPalHandlers(context, routes, expireAuthorizations),
      ...approvePageHandlers(context),
    ],
    baseUrl: context.apiBase,
    approve: (id) => approveOrder(context, id),
    approveWithDeclinedInstrument: (id) => approveOrder(context, id, true),
    cancelApproval: (id) => cancelApproval(context, id),
    pendingCaptures: (id, reason) => pendingCaptures(context, id, reason),
    settleCapture: (id, status) => settleCapture(context, id, status),
    refundFromDashboard: (id, amount) => refundFromDashboard(context, id, amount),
    reverseCapture: (id) => reverseCapture(context, id),
    openDispute: (id, disputeOptions) => openDispute(context, id, disputeOptions),
    resolveDispute: (id, outcome) => resolveDispute(context, id, outcome),
    advanceClock(ms) {
      if (!Number.isFinite(ms) || ms < 0)
        throw new Error(`advanceClock needs a non-negative number of ms, not ${ms}.`);
      offset += ms;
      expireAuthorizations(context);
    },
    failNext(match, fault) {
      state.faults.push({ match, fault });
    },
    async deliver(target, deliverOptions = {}) {
      let sent = 0;
      for (const event of selectEvents(state.events, state.deliveredEventIds, deliverOptions)) {
        const answer = await target(signedDelivery(context, event, ++deliveries));
        const status = failedStatus(answer);
        if (status !== undefined)
          throw new Error(
            `The webhook target answered ${status} to ${event.id} (${event.event_type}); it stays pending.`,
          );
        state.deliveredEventIds.add(event.id);
        sent++;
      }
      return sent;
    },
    get events() {
      return state.events;
    },
    order(id) {
      const record = current().orders.get(id);
      return record === undefined ? undefined : renderOrder(context, record);
    },
    authorization: (id) => structuredClone(current().authorizations.get(id)?.authorization),
    capture: (id) => structuredClone(current().captures.get(id)?.capture),
    refund: (id) => structuredClone(current().refunds.get(id)?.refund),
    moved: (orderId) => moved(context, orderId),
    get requests() {
      return state.requests;
    },
    reset() {
      state = createFakePayPalState();
      offset = 0;
    },
    approveUrl: (orderId) => approveHref(context, orderId),
  };
}
