import { type DisputeStatus, type ProviderDispute, ProviderError } from "@tender/core";
import type Stripe from "stripe";
import { fromStripeAmount } from "./stripe-currency";
import { type Call, everyPage } from "./stripe-money-movements";

/**
 * Stripe's dispute statuses as Tender's. `prevented` (the network stopped
 * it before any money moved) ends like a won dispute: nothing is taken.
 */
const STATUS_OF: Readonly<Record<string, DisputeStatus>> = {
  warning_needs_response: "warning_needs_response",
  warning_under_review: "warning_under_review",
  warning_closed: "warning_closed",
  needs_response: "needs_response",
  under_review: "under_review",
  won: "won",
  lost: "lost",
  prevented: "won",
};

/** A Stripe dispute as the core's; a status Stripe added since is refused, never guessed. */
export function toProviderDispute(providerId: string, dispute: Stripe.Dispute): ProviderDispute {
  const status = Object.hasOwn(STATUS_OF, dispute.status) ? STATUS_OF[dispute.status] : undefined;
  if (status === undefined) {
    throw new ProviderError({
      providerId,
      code: "provider_error",
      message: `Stripe dispute ${dispute.id} has status "${dispute.status}", which this provider does not know; upgrade @tender/provider-stripe.`,
    });
  }
  const dueBy = dispute.evidence_details?.due_by ?? null;
  return {
    id: dispute.id,
    amount: fromStripeAmount(dispute.amount, dispute.currency),
    reason: dispute.reason ?? null,
    status,
    raw_status: dispute.status,
    evidence_due_by: dueBy === null ? null : new Date(dueBy * 1000),
  };
}

/** Every dispute of a PaymentIntent at Stripe. */
export function disputesAtStripe(call: Call, intentId: string): Promise<Stripe.Dispute[]> {
  return everyPage(call, (s, page) => s.disputes.list({ payment_intent: intentId, ...page }));
}
