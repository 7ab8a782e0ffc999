/**
 * A dispute's status. `warning_*`: an inquiry, nothing taken yet;
 * `needs_response` and `under_review`: a chargeback, its amount taken back
 * until it is `won` (the money comes back) or `lost` (it is gone for good).
 * `warning_closed`, `won` and `lost` are terminal.
 *
 * @example
 * ```ts
 * DISPUTE_STATUSES.includes("lost"); // true
 * ```
 */
export const DISPUTE_STATUSES = [
  "warning_needs_response",
  "warning_under_review",
  "warning_closed",
  "needs_response",
  "under_review",
  "won",
  "lost",
] as const;

/** One of {@link DISPUTE_STATUSES}. */
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
