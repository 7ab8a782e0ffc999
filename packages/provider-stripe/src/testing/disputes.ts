import { latestChargeOf } from "./charges";
import { disputeBalanceTransaction, type FakeBalanceTransaction } from "./dispute-balance";
import type { FakeCharge } from "./fake-objects";
import type { EventOrigin, FakeStripeContext } from "./fake-stripe-state";
import { behaviourOf } from "./payment-methods";
import { settleRiskOfDisputedCharge } from "./risk-signals";
import { invalidRequest } from "./stripe-errors";

/** How long the merchant has to answer a dispute with evidence, as Stripe's test disputes give. */
export const EVIDENCE_DUE_SECONDS = 7 * 24 * 60 * 60;

/** Why a cardholder disputes, as Stripe names it. */
export const DISPUTE_REASONS = [
  "bank_cannot_process",
  "check_returned",
  "credit_not_processed",
  "customer_initiated",
  "debit_not_authorized",
  "duplicate",
  "fraudulent",
  "general",
  "incorrect_account_details",
  "insufficient_funds",
  "noncompliant",
  "product_not_received",
  "product_unacceptable",
  "subscription_canceled",
  "unrecognized",
] as const;

export type DisputeReason = (typeof DISPUTE_REASONS)[number];

/**
 * A dispute's status, as Stripe names it: `warning_*` for an inquiry (no
 * money moved), the others for a chargeback.
 *
 * @example
 * ```ts
 * fake.submitDisputeEvidence(dispute.id);
 * fake.disputes.get(dispute.id)?.status; // "under_review"
 * ```
 */
export type DisputeStatus =
  | "warning_needs_response"
  | "warning_under_review"
  | "warning_closed"
  | "needs_response"
  | "under_review"
  | "won"
  | "lost"
  | "prevented";

/** The evidence fields that take text or a file id. */
export const DISPUTE_EVIDENCE_FIELDS = [
  "access_activity_log",
  "billing_address",
  "cancellation_policy",
  "cancellation_policy_disclosure",
  "cancellation_rebuttal",
  "customer_communication",
  "customer_email_address",
  "customer_name",
  "customer_purchase_ip",
  "customer_signature",
  "duplicate_charge_documentation",
  "duplicate_charge_explanation",
  "duplicate_charge_id",
  "product_description",
  "receipt",
  "refund_policy",
  "refund_policy_disclosure",
  "refund_refusal_explanation",
  "service_date",
  "service_documentation",
  "shipping_address",
  "shipping_carrier",
  "shipping_date",
  "shipping_documentation",
  "shipping_tracking_number",
  "uncategorized_file",
  "uncategorized_text",
] as const;

export type DisputeEvidenceField = (typeof DISPUTE_EVIDENCE_FIELDS)[number];

/**
 * A dispute's evidence: every field `null` until the merchant stages it.
 *
 * @example
 * ```ts
 * await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "Delivered." }, submit: false });
 * fake.disputes.get(dispute.id)?.evidence.uncategorized_text; // "Delivered."
 * ```
 */
export type FakeDisputeEvidence = Record<DisputeEvidenceField, string | null> & {
  enhanced_evidence: Record<string, never>;
};

/**
 * A dispute (`dp_...`) of a card charge: a chargeback, or an inquiry
 * (`payment_method_details.card.case_type`), as `charge.dispute.*` events carry it.
 *
 * @example
 * ```ts
 * const dispute = fake.createDispute(intent.id, { amount: 400 });
 * expect(dispute).toMatchObject({ status: "needs_response", is_charge_refundable: false });
 * ```
 */
export interface FakeDispute {
  id: string;
  object: "dispute";
  amount: number;
  /** The withdrawal (amount and dispute fee) once funds are withdrawn, and the reinstatement once won. */
  balance_transactions: FakeBalanceTransaction[];
  charge: string;
  created: number;
  currency: string;
  enhanced_eligibility_types: string[];
  evidence: FakeDisputeEvidence;
  evidence_details: {
    due_by: number | null;
    enhanced_eligibility: Record<string, never>;
    has_evidence: boolean;
    past_due: boolean;
    submission_count: number;
    submission_method: "manual" | "not_submitted";
  };
  intended_submission_method: null;
  /** False while a chargeback is open or lost: refunds of the charge are then refused. */
  is_charge_refundable: boolean;
  livemode: false;
  metadata: Record<string, string>;
  payment_intent: string;
  payment_method_details: {
    type: "card";
    card: {
      brand: string;
      case_type: "chargeback" | "inquiry";
      network: string;
      network_reason_code: null;
    };
  };
  reason: DisputeReason;
  status: DisputeStatus;
}

/**
 * Options of {@link createDispute}.
 *
 * @example
 * ```ts
 * fake.createDispute(intent.id, { amount: 400, reason: "product_not_received", inquiry: true });
 * ```
 */
export interface CreateDisputeOptions {
  /** Default: what is captured and not refunded; no more than that. */
  amount?: number;
  /** Default `fraudulent`. */
  reason?: DisputeReason;
  /** An inquiry (`warning_needs_response`, no money moves) instead of a chargeback. */
  inquiry?: boolean;
}

export type { FakeBalanceTransaction } from "./dispute-balance";

const STRIPE_ITSELF: EventOrigin = { id: null, idempotency_key: null };

/** Statuses of a chargeback that keeps the charge's money: its charge cannot be refunded. */
const BLOCKING_STATUSES: readonly DisputeStatus[] = ["needs_response", "under_review", "lost"];
const CLOSED_STATUSES: readonly DisputeStatus[] = ["won", "lost", "warning_closed", "prevented"];

/** Whether the dispute is over (won, lost, a closed inquiry, or prevented). */
export function isDisputeClosed(dispute: FakeDispute): boolean {
  return CLOSED_STATUSES.includes(dispute.status);
}

/** Whether the dispute is an inquiry (`case_type: inquiry`), not a chargeback. */
export function isInquiry(dispute: FakeDispute): boolean {
  return dispute.payment_method_details.card.case_type === "inquiry";
}

/** Sets the status, and `is_charge_refundable` with it. */
export function setStatus(dispute: FakeDispute, status: DisputeStatus): void {
  dispute.status = status;
  dispute.is_charge_refundable = !BLOCKING_STATUSES.includes(status);
}

/** The charge's disputes, inquiries included, oldest first. */
export function disputesOf(context: FakeStripeContext, charge: FakeCharge): FakeDispute[] {
  return [...context.state.disputes.values()].filter((dispute) => dispute.charge === charge.id);
}

function emptyEvidence(): FakeDisputeEvidence {
  return {
    access_activity_log: null,
    billing_address: null,
    cancellation_policy: null,
    cancellation_policy_disclosure: null,
    cancellation_rebuttal: null,
    customer_communication: null,
    customer_email_address: null,
    customer_name: null,
    customer_purchase_ip: null,
    customer_signature: null,
    duplicate_charge_documentation: null,
    duplicate_charge_explanation: null,
    duplicate_charge_id: null,
    product_description: null,
    receipt: null,
    refund_policy: null,
    refund_policy_disclosure: null,
    refund_refusal_explanation: null,
    service_date: null,
    service_documentation: null,
    shipping_address: null,
    shipping_carrier: null,
    shipping_date: null,
    shipping_documentation: null,
    shipping_tracking_number: null,
    uncategorized_file: null,
    uncategorized_text: null,
    enhanced_evidence: {},
  };
}

/**
 * The cardholder disputes a charge. A chargeback withdraws the money
 * (`charge.dispute.created`, `charge.dispute.funds_withdrawn`), marks the
 * charge `disputed` and settles its risk signals; an inquiry only asks
 * (`charge.dispute.created`). A charge has one chargeback (an open inquiry
 * may escalate to one); misuse throws a plain Error.
 */
export function disputeCharge(
  context: FakeStripeContext,
  charge: FakeCharge,
  options: CreateDisputeOptions = {},
): FakeDispute {
  const details = charge.payment_method_details;
  if (details.type !== "card")
    throw new Error(`createDispute: charge ${charge.id} is not a card payment.`);
  const left = charge.amount_captured - charge.amount_refunded;
  if (left <= 0)
    throw new Error(`createDispute: charge ${charge.id} has no captured, unrefunded money.`);
  const amount = options.amount ?? left;
  if (!Number.isInteger(amount) || amount < 1 || amount > left) {
    throw new Error(
      `createDispute: the amount (${amount}) must be an integer from 1 to ${left}, what charge ${charge.id} has captured and not refunded.`,
    );
  }
  const inquiry = options.inquiry === true;
  const earlier = disputesOf(context, charge).find(
    (dispute) => !isInquiry(dispute) || (inquiry && !isDisputeClosed(dispute)),
  );
  if (earlier !== undefined)
    throw new Error(`createDispute: charge ${charge.id} is disputed already (${earlier.id}).`);
  const dispute: FakeDispute = {
    id: context.newId("dp"),
    object: "dispute",
    amount,
    balance_transactions: [],
    charge: charge.id,
    created: context.nowSeconds(),
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: {
      due_by: context.nowSeconds() + EVIDENCE_DUE_SECONDS,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: "not_submitted",
    },
    intended_submission_method: null,
    is_charge_refundable: inquiry,
    livemode: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    payment_method_details: {
      type: "card",
      card: {
        brand: details.card.brand,
        case_type: inquiry ? "inquiry" : "chargeback",
        network: details.card.brand,
        network_reason_code: null,
      },
    },
    reason: options.reason ?? "fraudulent",
    status: inquiry ? "warning_needs_response" : "needs_response",
  };
  context.state.disputes.set(dispute.id, dispute);
  if (inquiry) {
    context.emit("charge.dispute.created", dispute, STRIPE_ITSELF);
    return dispute;
  }
  charge.disputed = true;
  context.emit("charge.dispute.created", dispute, STRIPE_ITSELF);
  dispute.balance_transactions.push(disputeBalanceTransaction(context, dispute, "withdrawal"));
  context.emit("charge.dispute.funds_withdrawn", dispute, STRIPE_ITSELF);
  settleRiskOfDisputedCharge(context, charge);
  return dispute;
}

/** The cardholder disputes the intent's latest charge; see {@link disputeCharge}. */
export function createDispute(
  context: FakeStripeContext,
  intentId: string,
  options: CreateDisputeOptions = {},
): FakeDispute {
  const intent = context.state.paymentIntents.get(intentId);
  if (intent === undefined)
    throw new Error(`createDispute: no PaymentIntent ${intentId} in the fake.`);
  return disputeCharge(context, latestChargeOf(context, intent), options);
}

/**
 * A test card that disputes (`pm_card_createDispute`, `pm_card_createDisputeInquiry`)
 * disputes its charge once captured, for what is captured; later captures add nothing.
 */
export function disputeIfTestCardSays(context: FakeStripeContext, charge: FakeCharge): void {
  const method = context.state.paymentMethods.get(charge.payment_method);
  const dispute = method === undefined ? undefined : behaviourOf(context, method).dispute;
  if (dispute === undefined || disputesOf(context, charge).length > 0) return;
  disputeCharge(context, charge, { inquiry: dispute === "inquiry" });
}

/**
 * Refuses, as Stripe does, a refund of a charge whose chargeback is open or
 * lost (`charge_disputed`); an inquiry or a won dispute does not block.
 */
export function assertNotChargedBack(context: FakeStripeContext, charge: FakeCharge): void {
  if (disputesOf(context, charge).some((dispute) => !dispute.is_charge_refundable)) {
    throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, {
      code: "charge_disputed",
    });
  }
}

/** Why evidence cannot be submitted for the dispute now, or undefined. */
export function submissionRefusal(dispute: FakeDispute): string | undefined {
  if (isDisputeClosed(dispute))
    return `Dispute ${dispute.id} is closed (${dispute.status}); its evidence can no longer change.`;
  if (dispute.status === "under_review" || dispute.status === "warning_under_review")
    return `Dispute ${dispute.id} has evidence under review already; it can be submitted once.`;
  return undefined;
}

/** Submits the staged evidence: `*needs_response` -> `*under_review`; the caller emits. */
export function markEvidenceSubmitted(context: FakeStripeContext, dispute: FakeDispute): void {
  const details = dispute.evidence_details;
  details.has_evidence = true;
  details.submission_count += 1;
  details.submission_method = "manual";
  details.past_due = details.due_by !== null && context.nowSeconds() > details.due_by;
  setStatus(dispute, isInquiry(dispute) ? "warning_under_review" : "under_review");
}

/** The merchant submits evidence (in the Dashboard): `charge.dispute.updated`. */
export function submitDisputeEvidence(context: FakeStripeContext, disputeId: string): FakeDispute {
  const dispute = findDispute(context, "submitDisputeEvidence", disputeId);
  const refusal = submissionRefusal(dispute);
  if (refusal !== undefined) throw new Error(`submitDisputeEvidence: ${refusal}`);
  markEvidenceSubmitted(context, dispute);
  context.emit("charge.dispute.updated", dispute, STRIPE_ITSELF);
  return dispute;
}

/**
 * The merchant accepts the dispute (`POST /v1/disputes/:id/close`): a
 * chargeback is lost, an inquiry closes; `charge.dispute.closed`.
 */
export function acceptDispute(
  context: FakeStripeContext,
  dispute: FakeDispute,
  origin: EventOrigin,
): void {
  setStatus(dispute, isInquiry(dispute) ? "warning_closed" : "lost");
  context.emit("charge.dispute.closed", dispute, origin);
}

/**
 * The issuer decides. A chargeback won gives the money back
 * (`charge.dispute.funds_reinstated`, then `charge.dispute.closed`); lost, it
 * stays with the cardholder (`charge.dispute.closed`). An inquiry only closes
 * (`won`); it is not lost but escalated, by creating a chargeback.
 */
export function closeDispute(
  context: FakeStripeContext,
  disputeId: string,
  outcome: "won" | "lost",
): FakeDispute {
  const dispute = findDispute(context, "closeDispute", disputeId);
  if (isDisputeClosed(dispute))
    throw new Error(`closeDispute: dispute ${disputeId} is closed already (${dispute.status}).`);
  if (isInquiry(dispute)) {
    if (outcome === "lost") {
      throw new Error(
        `closeDispute: dispute ${disputeId} is an inquiry; an inquiry is closed, not lost (escalate it by creating a chargeback).`,
      );
    }
    setStatus(dispute, "warning_closed");
    context.emit("charge.dispute.closed", dispute, STRIPE_ITSELF);
    return dispute;
  }
  setStatus(dispute, outcome);
  if (outcome === "won") {
    dispute.balance_transactions.push(disputeBalanceTransaction(context, dispute, "reinstatement"));
    context.emit("charge.dispute.funds_reinstated", dispute, STRIPE_ITSELF);
  }
  context.emit("charge.dispute.closed", dispute, STRIPE_ITSELF);
  return dispute;
}

/** The dispute `id`, or a plain Error naming the helper that asked. */
export function findDispute(context: FakeStripeContext, action: string, id: string): FakeDispute {
  const dispute = context.state.disputes.get(id);
  if (dispute === undefined) throw new Error(`${action}: no dispute ${id} in the fake.`);
  return dispute;
}
