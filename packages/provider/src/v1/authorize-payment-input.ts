import type { ProviderContext } from "./provider-context";

/**
 * `authorizePayment`: authorize the session's payment (or report where it
 * stands after the customer acted). Key `<session>:authorize:<attempt>`.
 * `data` is the session's data as your last answer left it.
 *
 * @example
 * ```ts
 * async authorizePayment({ session_id, amount, data, context, idempotency_key }) { ... }
 * ```
 */
export interface AuthorizePaymentInput {
  session_id: string;
  amount: number;
  currency_code: string;
  data: Record<string, unknown>;
  context: ProviderContext;
  idempotency_key: string;
}
