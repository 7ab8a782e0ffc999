import type { DisputeStatus } from "./dispute-status";

/**
 * One dispute of a payment as the provider's records have it now (what
 * `listDisputes` answers, and a `disputed` webhook's `data.dispute`).
 *
 * @example
 * ```ts
 * const dispute: ProviderDispute = { id: "dp_1", amount: 5000, reason: "fraudulent", status: "needs_response", raw_status: "needs_response", evidence_due_by: null };
 * ```
 */
export interface ProviderDispute {
  /** The provider's id of the dispute (Stripe's `dp_...`): one record per id. */
  id: string;
  /** Minor units, in the payment's currency. */
  amount: number;
  /** The provider's reason (`fraudulent`, ...), or null. */
  reason: string | null;
  /** Mapped to Tender's statuses; `raw_status` keeps the provider's own. */
  status: DisputeStatus;
  raw_status: string;
  /** When the provider wants evidence by, or null. */
  evidence_due_by: Date | null;
}
