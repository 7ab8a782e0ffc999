/**
 * One refund of a payment as the provider's own records have it now (what
 * `listRefunds` answers).
 *
 * @example
 * ```ts
 * const refund: ProviderRefund = { id: "re_1", amount: 2000, status: "succeeded", refund_id: null }; // made in a dashboard
 * ```
 */
export interface ProviderRefund {
  /** The provider's id of the refund (Stripe's `re_...`): a refund is never booked twice under it. */
  id: string;
  /** Minor units. */
  amount: number;
  /** `failed` also for a refund that succeeded and was reversed later. */
  status: "pending" | "succeeded" | "failed";
  /** Tender's refund id when Tender made it (carried on the provider's refund); null for one made elsewhere (a dashboard). */
  refund_id: string | null;
}
