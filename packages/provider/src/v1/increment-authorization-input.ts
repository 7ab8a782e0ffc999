/**
 * `incrementAuthorization`: raise an authorized, uncaptured payment's hold.
 * `amount` is the payment's new authorized total, never the difference.
 * Key `<payment>:increment` (then `:attempt-<n>`).
 *
 * @example
 * ```ts
 * async incrementAuthorization({ session_id, amount, data, idempotency_key }) { return { amount, data } }
 * ```
 */
export interface IncrementAuthorizationInput {
  payment_id: string;
  /** The session the payment came from. */
  session_id: string;
  /** The new total to hold, in minor units; greater than what is authorized now. */
  amount: number;
  currency_code: string;
  /** The payment's `data` (what the authorization answered). */
  data: Record<string, unknown>;
  idempotency_key: string;
}

/** What an increment answers: the total the provider holds now. */
export interface IncrementAuthorizationResult {
  /** The requested amount when it raised the hold. */
  amount: number;
  data: Record<string, unknown>;
  /** Until when the raised authorization may be captured, when the provider says. */
  capture_before?: Date;
}
