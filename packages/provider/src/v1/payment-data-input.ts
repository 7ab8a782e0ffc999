/**
 * The input of the calls about a payment as a whole (cancel, delete,
 * retrieve, getPaymentStatus, listRefunds, listDisputes): the session it
 * belongs to and its `data` (the session's for a session not authorized
 * yet, the payment's after). Cancel and delete carry a key
 * (`<payment>:cancel`, `<session>:delete`); the reads carry none and must
 * change nothing at the provider.
 *
 * @example
 * ```ts
 * async cancelPayment({ session_id, data, idempotency_key }) { ... }
 * ```
 */
export interface PaymentDataInput {
  /** The session the payment belongs to. */
  session_id: string;
  data: Record<string, unknown>;
  idempotency_key?: string;
}

/** What cancel, delete and retrieve answer: the payment's data after the call. */
export interface ProviderDataResult {
  data: Record<string, unknown>;
}
