import { latestChargeOf } from "./charges";
import type { FakeCharge, FakePaymentIntent } from "./fake-objects";
import type { FakeStripeContext } from "./fake-stripe-state";

/**
 * An early fraud warning (`issfr_...`), as `radar.early_fraud_warning.*`
 * events carry it: the card's issuer reported the charge as likely fraud.
 *
 * @example
 * ```ts
 * const warning = fake.raiseEarlyFraudWarning(intent.id);
 * fake.earlyFraudWarnings.get(warning.id)?.actionable; // true until refunded in full
 * ```
 */
export interface FakeEarlyFraudWarning {
  id: string;
  object: "radar.early_fraud_warning";
  /** True until the charge is refunded in full or disputed. */
  actionable: boolean;
  charge: string;
  created: number;
  fraud_type: FraudType;
  livemode: false;
  payment_intent: string;
}

/** The issuer's fraud types, as Stripe names them. */
export const FRAUD_TYPES = [
  "card_never_received",
  "fraudulent_card_application",
  "made_with_counterfeit_card",
  "made_with_lost_card",
  "made_with_stolen_card",
  "misc",
  "unauthorized_use_of_card",
] as const;

export type FraudType = (typeof FRAUD_TYPES)[number];

/**
 * A Radar review (`prv_...`), as `review.opened` and `review.closed` carry it.
 *
 * @example
 * ```ts
 * const review = fake.openReview(intent.id);
 * fake.closeReview(review.id, "approved");
 * ```
 */
export interface FakeReview {
  id: string;
  object: "review";
  billing_zip: string | null;
  charge: string;
  closed_reason: ReviewClosedReason | null;
  created: number;
  ip_address: string | null;
  ip_address_location: null;
  livemode: false;
  open: boolean;
  opened_reason: "manual" | "rule";
  payment_intent: string;
  /** The opening reason while open, the closing reason once closed. */
  reason: string;
  session: null;
}

/** Why a review closes, as Stripe names it. */
export const REVIEW_CLOSED_REASONS = [
  "acknowledged",
  "approved",
  "canceled",
  "disputed",
  "payment_never_settled",
  "redacted",
  "refunded",
  "refunded_as_fraud",
] as const;

export type ReviewClosedReason = (typeof REVIEW_CLOSED_REASONS)[number];

const STRIPE_ITSELF = { id: null, idempotency_key: null } as const;

/** The issuer reports the intent's charge as fraud: `radar.early_fraud_warning.created`. */
export function raiseEarlyFraudWarning(
  context: FakeStripeContext,
  intentId: string,
  fraudType: FraudType = "made_with_stolen_card",
): FakeEarlyFraudWarning {
  const charge = chargeOfIntent(context, intentId);
  const warning: FakeEarlyFraudWarning = {
    id: context.newId("issfr"),
    object: "radar.early_fraud_warning",
    // Stripe: actionable while the charge is neither refunded in full nor disputed.
    actionable: !charge.refunded && !charge.disputed,
    charge: charge.id,
    created: context.nowSeconds(),
    fraud_type: fraudType,
    livemode: false,
    payment_intent: intentId,
  };
  context.state.earlyFraudWarnings.set(warning.id, warning);
  context.emit("radar.early_fraud_warning.created", warning, STRIPE_ITSELF);
  return warning;
}

/**
 * Places a charge in review without announcing it: the review, and its id on
 * the charge and the intent. The caller emits `review.opened`.
 */
export function placeInReview(
  context: FakeStripeContext,
  charge: FakeCharge,
  intent: FakePaymentIntent | undefined,
  openedReason: FakeReview["opened_reason"],
): FakeReview {
  const review: FakeReview = {
    id: context.newId("prv"),
    object: "review",
    billing_zip: null,
    charge: charge.id,
    closed_reason: null,
    created: context.nowSeconds(),
    ip_address: null,
    ip_address_location: null,
    livemode: false,
    open: true,
    opened_reason: openedReason,
    payment_intent: charge.payment_intent,
    reason: openedReason,
    session: null,
  };
  context.state.reviews.set(review.id, review);
  charge.review = review.id;
  if (intent) intent.review = review.id;
  return review;
}

/** Radar (a rule, or someone in the Dashboard) places the intent's charge in review: `review.opened`. */
export function openReview(
  context: FakeStripeContext,
  intentId: string,
  openedReason: FakeReview["opened_reason"] = "rule",
): FakeReview {
  const charge = chargeOfIntent(context, intentId);
  const review = placeInReview(
    context,
    charge,
    context.state.paymentIntents.get(intentId),
    openedReason,
  );
  context.emit("review.opened", review, STRIPE_ITSELF);
  return review;
}

/** Someone approves (or otherwise closes) an open review: `review.closed`. */
export function closeReview(
  context: FakeStripeContext,
  reviewId: string,
  closedReason: ReviewClosedReason = "approved",
): FakeReview {
  const review = context.state.reviews.get(reviewId);
  if (review === undefined) throw new Error(`No review ${reviewId} in the fake.`);
  if (!review.open) throw new Error(`Review ${reviewId} is closed (${review.closed_reason}).`);
  review.open = false;
  review.closed_reason = closedReason;
  review.reason = closedReason;
  context.emit("review.closed", review, STRIPE_ITSELF);
  return review;
}

/**
 * What Stripe does to a charge's risk signals once it is refunded in full:
 * its fraud warnings stop being actionable (`radar.early_fraud_warning.updated`)
 * and its open reviews close as `refunded`.
 */
export function settleRiskOfRefundedCharge(context: FakeStripeContext, charge: FakeCharge): void {
  if (charge.refunded) settleRiskSignals(context, charge, "refunded");
}

/**
 * What Stripe does to a charge's risk signals once it is charged back (an
 * inquiry does not count): its fraud warnings stop being actionable
 * (`radar.early_fraud_warning.updated`) and its open reviews close as `disputed`.
 */
export function settleRiskOfDisputedCharge(context: FakeStripeContext, charge: FakeCharge): void {
  settleRiskSignals(context, charge, "disputed");
}

/** The charge's actionable warnings stop being actionable and its open reviews close for `closedReason`. */
function settleRiskSignals(
  context: FakeStripeContext,
  charge: FakeCharge,
  closedReason: "refunded" | "disputed",
): void {
  for (const warning of context.state.earlyFraudWarnings.values()) {
    if (warning.charge !== charge.id || !warning.actionable) continue;
    warning.actionable = false;
    context.emit("radar.early_fraud_warning.updated", warning, STRIPE_ITSELF);
  }
  for (const review of context.state.reviews.values()) {
    if (review.charge !== charge.id || !review.open) continue;
    review.open = false;
    review.closed_reason = closedReason;
    review.reason = closedReason;
    context.emit("review.closed", review, STRIPE_ITSELF);
  }
}

function chargeOfIntent(context: FakeStripeContext, intentId: string): FakeCharge {
  const intent = context.state.paymentIntents.get(intentId);
  if (intent === undefined) throw new Error(`No PaymentIntent ${intentId} in the fake.`);
  return latestChargeOf(context, intent);
}
