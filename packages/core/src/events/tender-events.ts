import type {
  Capture,
  Dispute,
  NextAction,
  Payment,
  PaymentCollection,
  PaymentSession,
  Refund,
  RiskSignal,
} from "../records/records";

/** Every domain event and its payload. Each is written to the outbox in the commit of its change. */
export interface TenderEventMap {
  "payment_collection.created": { collection: PaymentCollection };
  "payment_session.created": { session: PaymentSession };
  "payment_session.requires_more": { session: PaymentSession; next_action: NextAction | null };
  "payment_session.authorized": { session: PaymentSession; payment: Payment };
  /**
   * A capture succeeded. `released_amount` is what it released of the
   * authorization (0 unless it was final and partial: a provider that takes
   * one capture per payment lets the rest go with it, for good).
   */
  "payment.captured": { payment: Payment; capture: Capture; released_amount: number };
  /**
   * A refund succeeded: one Tender made, or one made at the provider (a
   * dashboard), booked from the provider's records (`refund.data.made_at_provider`).
   */
  "payment.refunded": { payment: Payment; refund: Refund };
  /**
   * A refund that had succeeded failed after all (the provider reversed it,
   * the customer's bank returned it): its amount is back on the payment, which
   * may be refunded again.
   */
  "payment.refund_failed": { payment: Payment; refund: Refund };
  "payment.canceled": { payment: Payment };
  /**
   * The provider raised an authorized payment's hold (`incrementAuthorization`):
   * `payment.amount` is the new total, `previous_amount` what it held before.
   */
  "payment.authorization_incremented": { payment: Payment; previous_amount: number };
  /**
   * The customer's bank disputes the payment: an inquiry (`warning_*`, no
   * money moved yet) or a chargeback (`needs_response`: its amount is taken
   * back, `payment.disputed_amount`, and cannot be refunded). Hold the
   * shipment; answer with evidence at the provider before `evidence_due_by`.
   */
  "payment.dispute_opened": { payment: Payment; dispute: Dispute };
  /** A dispute moved without closing: evidence submitted (`under_review`), an inquiry escalated. */
  "payment.dispute_updated": { payment: Payment; dispute: Dispute };
  /**
   * A dispute closed: `won` (its amount is back on the payment), `lost` (the
   * money is gone for good) or `warning_closed` (an inquiry that went no further).
   */
  "payment.dispute_closed": { payment: Payment; dispute: Dispute };
  /**
   * The provider attached a fraud warning or a review to the payment, or one
   * changed (a review closed, a warning no longer actionable). Hold the
   * shipment while one is open; refund an actionable fraud warning before it
   * becomes a dispute. `payment.risk_signals` holds them all.
   */
  "payment.risk_signal": { payment: Payment; signal: RiskSignal };
  /** The authorization lapses at `payment.capture_before` soon: capture now or lose it. */
  "payment.authorization_expiring": { payment: Payment };
  /** The authorization lapsed (past `capture_before`): nothing more can be captured. */
  "payment.expired": { payment: Payment };
  "payment_collection.completed": { collection: PaymentCollection };
  /**
   * The provider took or holds money for a collection that was paid already
   * (the customer paid twice, in two sessions): the payment is surplus, and
   * Tender returns its money (refunds what was captured, cancels what is
   * held) until it is returned. Never fulfil an order on it.
   */
  "payment.surplus": { session: PaymentSession; payment: Payment };
  /** All of a surplus payment's money is returned to the customer. */
  "payment.surplus_returned": { payment: Payment };
}

export type TenderEventName = keyof TenderEventMap;

/** One event as subscribers receive it. */
export type TenderEvent = {
  [K in TenderEventName]: { name: K; id: string; occurred_at: Date; data: TenderEventMap[K] };
}[TenderEventName];

export const TENDER_EVENT_NAMES = [
  "payment_collection.created",
  "payment_session.created",
  "payment_session.requires_more",
  "payment_session.authorized",
  "payment.captured",
  "payment.refunded",
  "payment.refund_failed",
  "payment.canceled",
  "payment.authorization_incremented",
  "payment.dispute_opened",
  "payment.dispute_updated",
  "payment.dispute_closed",
  "payment.risk_signal",
  "payment.authorization_expiring",
  "payment.expired",
  "payment_collection.completed",
  "payment.surplus",
  "payment.surplus_returned",
] as const satisfies readonly TenderEventName[];
