import { type DisputeStatus, type ProviderDispute, ProviderError } from "@tender/core";
import { isMatching, match, P } from "ts-pattern";
import { fromPayPalMoney } from "./paypal-currency";

/** Disputes v1 statuses. */
export const PAYPAL_DISPUTE_STATUSES = [
  "OPEN",
  "WAITING_FOR_BUYER_RESPONSE",
  "WAITING_FOR_SELLER_RESPONSE",
  "UNDER_REVIEW",
  "RESOLVED",
  "OTHER",
] as const;

const disputeShape = {
  dispute_id: P.string,
  status: P.string,
  dispute_amount: { currency_code: P.string, value: P.string },
  disputed_transactions: [{ seller_transaction_id: P.string }, ...P.array()],
} as const;

/** A dispute's capture (`disputed_transactions[0].seller_transaction_id`), from a webhook's resource. */
export function disputedCaptureOf(resource: unknown): string | undefined {
  return isMatching(disputeShape, resource)
    ? resource.disputed_transactions[0].seller_transaction_id
    : undefined;
}

/** What an outcome code means for the merchant: the money comes back, or it is gone. */
function outcomeOf(code: string | null): "won" | "lost" | undefined {
  return match(code)
    .with("RESOLVED_SELLER_FAVOUR", "CANCELED_BY_BUYER", "DENIED", () => "won" as const)
    .with(
      "RESOLVED_BUYER_FAVOUR",
      "RESOLVED_WITH_PAYOUT",
      "ACCEPTED",
      "REFUNDED",
      () => "lost" as const,
    )
    .otherwise(() => undefined);
}

/**
 * A PayPal dispute as Tender's. An inquiry (`dispute_life_cycle_stage:
 * INQUIRY`) takes no money: its statuses are the `warning_*` ones. A status
 * or an outcome this provider does not know is refused, never guessed.
 */
export function toProviderDispute(providerId: string, resource: unknown): ProviderDispute {
  const refuse = (why: string) =>
    new ProviderError({
      providerId,
      code: "provider_error",
      message: `PayPal sent a dispute Tender cannot read (${why}); upgrade @tender/provider-paypal.`,
    });
  if (!isMatching(disputeShape, resource)) throw refuse("not a dispute");
  const amount = fromPayPalMoney(resource.dispute_amount);
  if (amount === undefined || amount <= 0) throw refuse(`amount ${resource.dispute_amount.value}`);
  const record: Record<string, unknown> = { ...resource };
  const inquiry = record.dispute_life_cycle_stage === "INQUIRY";
  const outcome = isMatching({ outcome_code: P.string }, record.dispute_outcome)
    ? record.dispute_outcome.outcome_code
    : null;
  const status = match(resource.status)
    .returnType<DisputeStatus | undefined>()
    .with("OPEN", "WAITING_FOR_SELLER_RESPONSE", () =>
      inquiry ? "warning_needs_response" : "needs_response",
    )
    .with("WAITING_FOR_BUYER_RESPONSE", "UNDER_REVIEW", () =>
      inquiry ? "warning_under_review" : "under_review",
    )
    .with("RESOLVED", () => (inquiry ? "warning_closed" : outcomeOf(outcome)))
    .otherwise(() => undefined);
  if (status === undefined) throw refuse(`status ${resource.status}, outcome ${outcome ?? "none"}`);
  const due =
    typeof record.seller_response_due_date === "string" ? record.seller_response_due_date : null;
  return {
    id: resource.dispute_id,
    amount,
    reason: typeof record.reason === "string" ? record.reason : null,
    status,
    raw_status: outcome ? `${resource.status}:${outcome}` : resource.status,
    evidence_due_by: due === null || Number.isNaN(Date.parse(due)) ? null : new Date(due),
  };
}
