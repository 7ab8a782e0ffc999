/** A payment session's status. `captured` and `canceled` are terminal. */
export const PAYMENT_SESSION_STATUSES = [
  "pending",
  "requires_more",
  "processing",
  "authorized",
  "captured",
  "error",
  "canceled",
] as const;
export type PaymentSessionStatus = (typeof PAYMENT_SESSION_STATUSES)[number];

/**
 * A payment's status, derived from its captures and refunds. `expired`: the
 * authorization lapsed (past `capture_before`) with nothing captured.
 */
export const PAYMENT_STATUSES = [
  "authorized",
  "partially_captured",
  "captured",
  "partially_refunded",
  "refunded",
  "canceled",
  "expired",
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** A capture's or refund's status. */
export const OPERATION_STATUSES = ["pending", "succeeded", "failed"] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/**
 * A dispute's status, as card networks (and Stripe) name them. `warning_*`:
 * an inquiry, no money moved yet (it may escalate to `needs_response`);
 * `needs_response` and `under_review`: a chargeback, its amount taken back
 * until it is `won` (the money comes back) or `lost` (it is gone for good).
 * `warning_closed`, `won` and `lost` are terminal.
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
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** A payment collection's status, derived from its sessions and payments. */
export const PAYMENT_COLLECTION_STATUSES = [
  "not_paid",
  "awaiting",
  "requires_more",
  "partially_authorized",
  "authorized",
  "partially_captured",
  "completed",
  "partially_refunded",
  "refunded",
  "canceled",
  "expired",
  "failed",
] as const;
export type PaymentCollectionStatus = (typeof PAYMENT_COLLECTION_STATUSES)[number];
