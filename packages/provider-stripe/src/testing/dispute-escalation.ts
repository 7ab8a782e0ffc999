import { disputeBalanceTransaction } from "./dispute-balance";
import {
  disputesOf,
  EVIDENCE_DUE_SECONDS,
  type FakeDispute,
  findDispute,
  isInquiry,
  setStatus,
} from "./disputes";
import type { EventOrigin, FakeStripeContext } from "./fake-stripe-state";
import { settleRiskOfDisputedCharge } from "./risk-signals";

const STRIPE_ITSELF: EventOrigin = { id: null, idempotency_key: null };

/**
 * The issuer escalates an open inquiry to a chargeback, on the same dispute:
 * it becomes a chargeback (`case_type: chargeback`, `needs_response`, a new
 * evidence deadline and no submission yet; staged evidence stays),
 * `charge.dispute.updated`; then the money and Stripe's dispute fee are
 * withdrawn, `charge.dispute.funds_withdrawn`. The charge is `disputed`, its
 * refunds refused, its fraud warnings no longer actionable and its reviews
 * closed as `disputed`. Misuse throws a plain Error.
 */
export function escalateInquiry(context: FakeStripeContext, disputeId: string): FakeDispute {
  const dispute = findDispute(context, "escalateInquiry", disputeId);
  if (
    !isInquiry(dispute) ||
    (dispute.status !== "warning_needs_response" && dispute.status !== "warning_under_review")
  ) {
    throw new Error(
      `escalateInquiry: dispute ${disputeId} is not an open inquiry (${dispute.payment_method_details.card.case_type}, ${dispute.status}).`,
    );
  }
  const charge = context.state.charges.get(dispute.charge);
  if (charge === undefined) throw new Error(`escalateInquiry: no charge ${dispute.charge}.`);
  const chargeback = disputesOf(context, charge).find((other) => !isInquiry(other));
  if (chargeback !== undefined) {
    throw new Error(
      `escalateInquiry: charge ${charge.id} is charged back already (${chargeback.id}).`,
    );
  }
  const left = charge.amount_captured - charge.amount_refunded;
  if (left <= 0)
    throw new Error(
      `escalateInquiry: charge ${charge.id} has been refunded; nothing to charge back.`,
    );
  const previous = { status: dispute.status, is_charge_refundable: dispute.is_charge_refundable };
  // A partial refund during the inquiry leaves less to take back.
  dispute.amount = Math.min(dispute.amount, left);
  dispute.payment_method_details.card.case_type = "chargeback";
  setStatus(dispute, "needs_response");
  dispute.evidence_details = {
    ...dispute.evidence_details,
    due_by: context.nowSeconds() + EVIDENCE_DUE_SECONDS,
    past_due: false,
    submission_count: 0,
    submission_method: "not_submitted",
  };
  charge.disputed = true;
  context.emit("charge.dispute.updated", dispute, STRIPE_ITSELF, previous);
  dispute.balance_transactions.push(disputeBalanceTransaction(context, dispute, "withdrawal"));
  context.emit("charge.dispute.funds_withdrawn", dispute, STRIPE_ITSELF);
  settleRiskOfDisputedCharge(context, charge);
  return dispute;
}
