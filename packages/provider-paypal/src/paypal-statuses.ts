/** Orders v2 order statuses. */
export const PAYPAL_ORDER_STATUSES = [
  "CREATED",
  "SAVED",
  "PAYER_ACTION_REQUIRED",
  "APPROVED",
  "COMPLETED",
  "VOIDED",
] as const;
export type PayPalOrderStatus = (typeof PAYPAL_ORDER_STATUSES)[number];

/** Payments v2 authorization statuses. */
export const PAYPAL_AUTHORIZATION_STATUSES = [
  "CREATED",
  "PENDING",
  "PARTIALLY_CAPTURED",
  "CAPTURED",
  "VOIDED",
  "EXPIRED",
  "DENIED",
] as const;
export type PayPalAuthorizationStatus = (typeof PAYPAL_AUTHORIZATION_STATUSES)[number];

/** Payments v2 capture statuses. */
export const PAYPAL_CAPTURE_STATUSES = [
  "PENDING",
  "COMPLETED",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
  "DECLINED",
  "FAILED",
] as const;
export type PayPalCaptureStatus = (typeof PAYPAL_CAPTURE_STATUSES)[number];

/** Payments v2 refund statuses. */
export const PAYPAL_REFUND_STATUSES = ["PENDING", "COMPLETED", "FAILED", "CANCELLED"] as const;
export type PayPalRefundStatus = (typeof PAYPAL_REFUND_STATUSES)[number];
