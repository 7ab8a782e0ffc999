/**
 * What the customer must do next before a session can authorize (a 3D Secure
 * page, a bank redirect, an approval): a provider answers `requires_more`
 * with one, and the application shows it.
 *
 * @example
 * ```ts
 * const action: NextAction = { type: "redirect_to_url", redirect_url: "https://bank.example/3ds" };
 * ```
 */
export interface NextAction {
  /** The provider's name for the step (`redirect_to_url`, `use_stripe_sdk`, `approve`). */
  type: string;
  /** Where to send the customer (3DS page, bank redirect), when there is one. */
  redirect_url?: string;
  /** What a client SDK needs to finish the step itself (a Stripe client secret, say). */
  client_secret?: string;
  [key: string]: unknown;
}
