import type { InitiatePaymentInput } from "./initiate-payment-input";

/**
 * `updatePayment`: change an open payment (another amount or payment method).
 * Key `<session>:update:<version>`. `data` is the session's data as your
 * last answer left it, with the application's changes on top.
 *
 * @example
 * ```ts
 * async updatePayment({ session_id, amount, data, idempotency_key }) { ... }
 * ```
 */
export interface UpdatePaymentInput extends InitiatePaymentInput {}
