import { hasExpiredUncaptured } from "../money/ledger";
import type { PaymentStatus } from "../records/statuses";

/**
 * The moves a payment's derived status can make, as data (for the generated
 * diagram and the property tests). `canceled` and `expired` are terminal: an
 * authorization that lapsed with nothing captured is `expired`. `refunded` is
 * terminal for Tender's own calls; only the provider reversing a refund that
 * had succeeded (it failed after all: `payment.refund_failed`) moves a
 * refunded or partially refunded payment back.
 */
export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  authorized: ["partially_captured", "captured", "canceled", "expired"],
  partially_captured: ["partially_captured", "captured", "partially_refunded", "refunded"],
  captured: ["partially_refunded", "refunded"],
  partially_refunded: ["partially_refunded", "refunded", "captured", "partially_captured"],
  refunded: ["partially_refunded", "captured"],
  canceled: [],
  expired: [],
};

export interface PaymentAmounts {
  amount: number;
  captured_amount: number;
  refunded_amount: number;
  /** Released without capture; a payment whose captured and released amounts cover it is closed. */
  released_amount?: number;
  canceled_at: Date | null;
  /** Set when the authorization lapsed; with nothing captured the payment is `expired`. */
  expired_at?: Date | null;
}

/** Whether nothing more can be captured: captured and released cover the authorization. */
export function isCaptureClosed(payment: PaymentAmounts): boolean {
  return payment.captured_amount + (payment.released_amount ?? 0) >= payment.amount;
}

/** A payment's status, from its amounts alone. */
export function derivePaymentStatus(payment: PaymentAmounts): PaymentStatus {
  if (payment.canceled_at !== null) return "canceled";
  if (isExpired(payment)) return "expired";
  if (payment.refunded_amount > 0) {
    // `refunded` is terminal: only a payment captured in full and refunded in
    // full gets it, since the rest of a partial capture may still be captured.
    const closed = isCaptureClosed(payment);
    return closed && payment.refunded_amount >= payment.captured_amount
      ? "refunded"
      : "partially_refunded";
  }
  if (payment.captured_amount === 0) return "authorized";
  return isCaptureClosed(payment) ? "captured" : "partially_captured";
}

/** Whether the authorization lapsed with nothing captured: the payment holds nothing any more. */
export function isExpired(payment: PaymentAmounts): boolean {
  return hasExpiredUncaptured(payment);
}
