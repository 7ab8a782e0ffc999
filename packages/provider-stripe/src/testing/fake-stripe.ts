import type { HttpHandler } from "msw";
import Stripe from "stripe";
import { cancelPaymentIntentRoute } from "./cancel-payment-intent";
import { capturePaymentIntentRoute } from "./capture-payment-intent";
import { chargeRoutes } from "./charge-routes";
import { customerRoutes } from "./customers";
import {
  type DeliverOptions,
  failedStatus,
  selectEvents,
  type WebhookTarget,
} from "./deliver-events";
import { escalateInquiry } from "./dispute-escalation";
import { disputeRoutes } from "./dispute-routes";
import {
  type CreateDisputeOptions,
  closeDispute,
  createDispute,
  type FakeDispute,
  submitDisputeEvidence,
} from "./disputes";
import type {
  FakeCharge,
  FakeCustomer,
  FakePaymentIntent,
  FakePaymentMethod,
  FakeRefund,
  FakeSetupIntent,
  StripeEventLike,
} from "./fake-objects";
import {
  createFakeStripeContext,
  createFakeStripeState,
  type RecordedRequest,
} from "./fake-stripe-state";
import type { FakeFault, FaultMatch } from "./faults";
import { declineIncrements, incrementAuthorizationRoute } from "./increment-authorization";
import {
  completeThreeDS,
  expireAuthorization,
  failThreeDS,
  settleProcessing,
} from "./payment-intent-actions";
import { paymentIntentRoutes } from "./payment-intents";
import { paymentMethodRoutes } from "./payment-methods";
import { createRefund, refundRoutes, settleRefund } from "./refunds";
import {
  closeReview,
  type FakeEarlyFraudWarning,
  type FakeReview,
  type FraudType,
  openReview,
  type ReviewClosedReason,
  raiseEarlyFraudWarning,
} from "./risk-signals";
import { setupIntentRoutes } from "./setup-intents";
import { createStripeHandlers } from "./stripe-request-handler";
import { signWebhookPayload } from "./webhook-signature";

/**
 * Options of {@link createFakeStripe}.
 *
 * @example
 * ```ts
 * let clock = Date.UTC(2030, 0, 1);
 * const fake = createFakeStripe({ webhookSecret: ["whsec_old", "whsec_new"], now: () => clock });
 * ```
 */
export interface FakeStripeOptions {
  /** Webhook signing secret(s); with several (a rotation), events are signed with all. Default `whsec_fake_stripe`. */
  webhookSecret?: string | string[];
  /** The clock, in milliseconds (default `Date.now`): `created`, `capture_before` and signature timestamps follow it. */
  now?: () => number;
}

/**
 * The secret webhooks are signed with when none is given.
 *
 * @example
 * ```ts
 * stripe.webhooks.constructEvent(rawBody, header, DEFAULT_WEBHOOK_SECRET);
 * ```
 */
export const DEFAULT_WEBHOOK_SECRET = "whsec_fake_stripe";

/**
 * A stateful fake of Stripe's PaymentIntents API, served through msw so the
 * official `stripe` package talks to it unchanged. See {@link createFakeStripe}.
 *
 * @example
 * ```ts
 * const intent = await stripe.paymentIntents.create({
 *   amount: 1000, currency: "usd", payment_method: "pm_card_threeDSecure2Required", confirm: true,
 * });
 * fake.completeThreeDS(intent.id); // the customer passes 3D Secure
 * await fake.deliver(webhookEndpoint, { duplicate: true }); // at-least-once delivery
 * ```
 */
export interface FakeStripe {
  /** msw handlers: `setupServer(...fake.handlers)` or `server.use(...fake.handlers)`. */
  handlers: HttpHandler[];
  readonly paymentIntents: ReadonlyMap<string, FakePaymentIntent>;
  readonly charges: ReadonlyMap<string, FakeCharge>;
  readonly refunds: ReadonlyMap<string, FakeRefund>;
  readonly customers: ReadonlyMap<string, FakeCustomer>;
  readonly paymentMethods: ReadonlyMap<string, FakePaymentMethod>;
  readonly setupIntents: ReadonlyMap<string, FakeSetupIntent>;
  readonly earlyFraudWarnings: ReadonlyMap<string, FakeEarlyFraudWarning>;
  readonly reviews: ReadonlyMap<string, FakeReview>;
  readonly disputes: ReadonlyMap<string, FakeDispute>;
  /** Every request received, retries included, in order. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  /** The secrets webhooks are signed with. */
  readonly webhookSecrets: readonly string[];
  /** The customer passes 3D Secure: `requires_action` -> `requires_capture` (manual capture) or `succeeded`. */
  completeThreeDS(paymentIntentId: string): void;
  /** The customer fails 3D Secure: -> `requires_payment_method` with `payment_intent_authentication_failure`. */
  failThreeDS(paymentIntentId: string): void;
  /** A SEPA debit settles: `processing` -> `succeeded`, or `requires_payment_method` when it fails. */
  settleProcessing(paymentIntentId: string, outcome: "succeeded" | "failed"): void;
  /**
   * A pending refund (SEPA, `pm_card_refundFail`) settles, or a succeeded one
   * fails later (the customer's bank returned it): `"failed"` on a succeeded refund.
   */
  settleRefund(refundId: string, outcome: "succeeded" | "failed"): void;
  /**
   * Someone refunds in the Stripe Dashboard: a refund of the intent's charge
   * with no Tender metadata (all that is left of it without an amount), with
   * `refund.created` and `charge.refunded` as Stripe sends them.
   */
  refundFromDashboard(paymentIntentId: string, amount?: number): FakeRefund;
  /**
   * The card's issuer reports the intent's charge as fraud:
   * `radar.early_fraud_warning.created`. The warning stops being actionable
   * (`radar.early_fraud_warning.updated`) once the charge is refunded in full
   * or charged back.
   */
  raiseEarlyFraudWarning(paymentIntentId: string, fraudType?: FraudType): FakeEarlyFraudWarning;
  /**
   * Radar places the intent's charge in review (`review.opened`); a full
   * refund closes it as `refunded`, a chargeback as `disputed`.
   */
  openReview(paymentIntentId: string, openedReason?: "manual" | "rule"): FakeReview;
  /** Someone closes an open review in the Dashboard (default `approved`): `review.closed`. */
  closeReview(reviewId: string, closedReason?: ReviewClosedReason): FakeReview;
  /**
   * The cardholder disputes the intent's latest charge, which must have
   * captured money (by default all that is not refunded). A chargeback
   * (`needs_response`): `charge.dispute.created`, `charge.dispute.funds_withdrawn`,
   * the charge `disputed`, its fraud warnings no longer actionable and its
   * reviews closed as `disputed`; refunds are refused while it is open or lost.
   * An inquiry (`inquiry: true`, `warning_needs_response`): `charge.dispute.created` only.
   */
  createDispute(paymentIntentId: string, options?: CreateDisputeOptions): FakeDispute;
  /**
   * The merchant submits evidence in the Dashboard: `needs_response` ->
   * `under_review` (`warning_needs_response` -> `warning_under_review`),
   * `charge.dispute.updated`.
   */
  submitDisputeEvidence(disputeId: string): FakeDispute;
  /**
   * The issuer decides: a chargeback `won` (`charge.dispute.funds_reinstated`,
   * then `charge.dispute.closed`) or `lost` (`charge.dispute.closed`); an
   * inquiry `won` closes as `warning_closed` (an inquiry is not lost: create a chargeback).
   */
  closeDispute(disputeId: string, outcome: "won" | "lost"): FakeDispute;
  /**
   * The issuer escalates an open inquiry to a chargeback, on the same dispute:
   * `needs_response` (`charge.dispute.updated`), then the amount and the
   * dispute fee are withdrawn (`charge.dispute.funds_withdrawn`); the charge
   * is `disputed` and its refunds are refused, as for any chargeback.
   */
  escalateInquiry(disputeId: string): FakeDispute;
  /**
   * An uncaptured hold expires now: `requires_capture` -> `canceled`
   * (`cancellation_reason: "expired"`), then `charge.expired`. Without it a
   * hold expires on its own once the fake's clock (`now`) reaches its
   * charge's `capture_before` (7 days, 30 with an extended authorization).
   */
  expireAuthorization(paymentIntentId: string): void;
  /**
   * The issuer declines the intent's incremental authorizations from now on
   * (402 `card_declined`, nothing changes, the attempt counts toward Stripe's
   * 10); `false` approves them again. Stripe has no test card for it.
   */
  declineIncrements(paymentIntentId: string, decline?: boolean): void;
  /**
   * Injects a fault into the next request whose method and path match (`path`
   * is a prefix or a RegExp). A `server_error` is stored for the request's
   * idempotency key like any answer, so a retry with the same key gets the
   * same 500: a client must use a new key only after a definitive answer.
   */
  failNext(match: FaultMatch, fault: FakeFault): void;
  /** Every event generated, in order. */
  readonly events: ReadonlyArray<StripeEventLike>;
  /** A `Stripe-Signature` header value for a body, with the configured secrets (or `secret`) at `timestamp` (unix seconds, default now). */
  signPayload(rawBody: string, options?: { timestamp?: number; secret?: string }): string;
  /**
   * Sends pending events to `target`, signed, in order (or as `options` say),
   * one at a time. A target that throws or answers a non-2xx status makes
   * `deliver` reject; that event and the rest stay pending.
   */
  deliver(target: WebhookTarget, options?: DeliverOptions): Promise<void>;
  /** Forgets everything: objects, events, requests, faults and idempotency keys. */
  reset(): void;
}

/**
 * Creates a fake Stripe. Build the `Stripe` client after `server.listen()`:
 * the fetch client keeps the `fetch` it found when it was built.
 *
 * @example
 * ```ts
 * const fake = createFakeStripe({ webhookSecret: "whsec_test" });
 * const server = setupServer(...fake.handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * const stripe = new Stripe("sk_test_123", { httpClient: Stripe.createFetchHttpClient() });
 * const intent = await stripe.paymentIntents.create({
 *   amount: 1000, currency: "eur", payment_method: "pm_card_visa", capture_method: "manual", confirm: true,
 * });
 * fake.paymentIntents.get(intent.id)?.status; // "requires_capture"
 * ```
 */
export function createFakeStripe(options: FakeStripeOptions = {}): FakeStripe {
  const now = options.now ?? Date.now;
  const secrets =
    options.webhookSecret === undefined ? [DEFAULT_WEBHOOK_SECRET] : [options.webhookSecret].flat();
  let state = createFakeStripeState();
  const context = createFakeStripeContext(() => state, now, Stripe.API_VERSION);
  const signPayload = (rawBody: string, sign: { timestamp?: number; secret?: string } = {}) =>
    signWebhookPayload(
      rawBody,
      sign.secret === undefined ? secrets : [sign.secret],
      sign.timestamp ?? Math.floor(now() / 1000),
    );

  return {
    handlers: createStripeHandlers(context, [
      ...paymentIntentRoutes,
      capturePaymentIntentRoute,
      cancelPaymentIntentRoute,
      incrementAuthorizationRoute,
      ...chargeRoutes,
      ...refundRoutes,
      ...disputeRoutes,
      ...customerRoutes,
      ...paymentMethodRoutes,
      ...setupIntentRoutes,
    ]),
    get paymentIntents() {
      return state.paymentIntents;
    },
    get charges() {
      return state.charges;
    },
    get refunds() {
      return state.refunds;
    },
    get customers() {
      return state.customers;
    },
    get paymentMethods() {
      return state.paymentMethods;
    },
    get setupIntents() {
      return state.setupIntents;
    },
    get earlyFraudWarnings() {
      return state.earlyFraudWarnings;
    },
    get reviews() {
      return state.reviews;
    },
    get disputes() {
      return state.disputes;
    },
    get requests() {
      return state.requests;
    },
    get events() {
      return state.events;
    },
    webhookSecrets: secrets,
    completeThreeDS: (id) => completeThreeDS(context, id),
    failThreeDS: (id) => failThreeDS(context, id),
    settleProcessing: (id, outcome) => settleProcessing(context, id, outcome),
    settleRefund: (id, outcome) => settleRefund(context, id, outcome),
    refundFromDashboard: (id, amount) =>
      createRefund(
        context,
        { intentId: id, chargeId: undefined, amount, reason: null, metadata: {} },
        { id: null, idempotency_key: null },
      ),
    raiseEarlyFraudWarning: (id, fraudType) => raiseEarlyFraudWarning(context, id, fraudType),
    openReview: (id, openedReason) => openReview(context, id, openedReason),
    closeReview: (id, closedReason) => closeReview(context, id, closedReason),
    createDispute: (id, disputeOptions) => createDispute(context, id, disputeOptions),
    submitDisputeEvidence: (id) => submitDisputeEvidence(context, id),
    closeDispute: (id, outcome) => closeDispute(context, id, outcome),
    escalateInquiry: (id) => escalateInquiry(context, id),
    expireAuthorization: (id) => expireAuthorization(context, id),
    declineIncrements: (id, decline = true) => declineIncrements(context, id, decline),
    failNext(match, fault) {
      state.faults.push({ match, fault });
    },
    signPayload,
    async deliver(target, deliverOptions = {}) {
      for (const event of selectEvents(state.events, state.deliveredEventIds, deliverOptions)) {
        const rawBody = JSON.stringify(event);
        const answer = await target({
          headers: {
            "content-type": "application/json; charset=utf-8",
            "stripe-signature": signPayload(rawBody),
            "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          },
          rawBody,
        });
        const status = failedStatus(answer);
        if (status !== undefined)
          throw new Error(
            `The webhook target answered ${status} to ${event.id} (${event.type}); it stays pending.`,
          );
        state.deliveredEventIds.add(event.id);
      }
    },
    reset() {
      state = createFakeStripeState();
    },
  };
}
