/**
 * `refundPayment`: give back `amount` of what was captured. Key: the
 * refund's id (then `:attempt-<n>`). Carry `refund_id` on your service's
 * refund, so `listRefunds` can name it.
 *
 * @example
 * ```ts
 * async refundPayment({ session_id, refund_id, amount, reason, data, idempotency_key }) { ... }
 * ```
 */
export interface RefundPaymentInput {
  payment_id: string;
  /** The session the payment came from. */
  session_id: string;
  refund_id: string;
  amount: number;
  currency_code: string;
  /** The refund reason's code, when the application gave one. */
  reason: string | null;
  note: string | null;
  data: Record<string, unknown>;
  idempotency_key: string;
}

/** What a refund answers; one the provider accepted but has not settled is `pending`. */
export interface RefundPaymentResult {
  status: "pending" | "succeeded" | "failed";
  data: Record<string, unknown>;
}
