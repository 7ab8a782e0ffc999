/**
 * `capturePayment`: take `amount` of the authorization. Key: the capture's
 * id (then `:attempt-<n>`). `data` is the payment's data (what your
 * authorization answered, as later calls left it).
 *
 * @example
 * ```ts
 * async capturePayment({ session_id, capture_id, amount, final, data, idempotency_key }) { ... }
 * ```
 */
export interface CapturePaymentInput {
  payment_id: string;
  /** The session the payment came from. */
  session_id: string;
  capture_id: string;
  amount: number;
  currency_code: string;
  /** True when this capture takes the rest of the authorization. */
  final: boolean;
  data: Record<string, unknown>;
  idempotency_key: string;
}

/** What a capture answers: the payment's data after it. */
export interface CapturePaymentResult {
  data: Record<string, unknown>;
}
