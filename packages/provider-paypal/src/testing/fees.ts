import { currencyDecimals } from "./money";

/** PayPal's fixed fee per transaction, in minor units, for the zero-decimal currencies. */
const FIXED_FEE: Record<string, number> = { JPY: 40, HUF: 90, TWD: 10 };

function percentageFee(minor: number): number {
  return Math.floor((minor * 349 + 5_000) / 10_000);
}

/**
 * The fee the fake charges on a capture: 3.49% (rounded half up) plus a
 * fixed fee (0.49 in two-decimal currencies), never more than the amount.
 * Not PayPal's price list: a plausible, exact number for the breakdown.
 */
export function captureFee(minor: number, currency: string): number {
  const fixed = FIXED_FEE[currency] ?? (currencyDecimals(currency) === 2 ? 49 : 0);
  return Math.min(minor, percentageFee(minor) + fixed);
}

/** The part of a capture's fee given back with a refund: the percentage fee on the refunded amount. */
export function refundedFee(refundMinor: number): number {
  return Math.min(refundMinor, percentageFee(refundMinor));
}
