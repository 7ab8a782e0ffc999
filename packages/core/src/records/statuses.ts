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

/** The payment statuses in which an authorization hold is open: what the expiry sweep looks at. */
export const OPEN_HOLD_STATUSES = [
  "authorized",
  "partially_captured",
] as const satisfies readonly PaymentStatus[];

/** A capture's or refund's status. */
export const OPERATION_STATUSES = ["pending", "succeeded", "failed"] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

export { DISPUTE_STATUSES, type DisputeStatus } from "@tender/provider";

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
