import type { ProviderContext } from "./provider-context";

/**
 * `initiatePayment`: open the payment at the provider for a session the
 * core has reserved. Key `<session>:initiate` (then `:attempt-<n>`).
 *
 * @example
 * ```ts
 * async initiatePayment({ session_id, amount, currency_code, data, idempotency_key }) { ... }
 * ```
 */
export interface InitiatePaymentInput {
  session_id: string;
  /** Minor units (5000 usd is $50.00). */
  amount: number;
  /** ISO 4217, lowercase. */
  currency_code: string;
  /** The session data the application passed (your provider's `TSessionData`). */
  data: Record<string, unknown>;
  context: ProviderContext;
  idempotency_key: string;
}
