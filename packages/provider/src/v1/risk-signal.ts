/**
 * A fraud or risk signal a provider attached to a payment (a webhook's
 * `data.risk`). The core records it on the payment and emits
 * `payment.risk_signal`; it decides nothing itself.
 *
 * @example
 * ```ts
 * const signal: RiskSignal = { id: "issfr_1", kind: "fraud_warning", status: "open", reason: "card_never_received", actionable: true };
 * ```
 */
export interface RiskSignal {
  /** The provider's id of the signal (Stripe's early fraud warning `issfr_...`, review `prv_...`). */
  id: string;
  /**
   * `fraud_warning`: the card's issuer reported the payment as likely fraud
   * (a dispute may follow); `review`: the provider holds the payment for a
   * manual review.
   */
  kind: "fraud_warning" | "review";
  /** A review is `open` until closed; a fraud warning stays `open`. A closed signal never opens again. */
  status: "open" | "closed";
  /** The provider's reason: the fraud type, or the review's opening (then closing) reason. */
  reason: string | null;
  /** The provider says to act now (an actionable early fraud warning: refund it before a dispute). */
  actionable: boolean;
}
