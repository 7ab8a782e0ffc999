import { parseAmount } from "@tender/core";
import type { FakePayPalContext } from "./fake-paypal-context";
import type { PayPalMoney } from "./money";

/** An amount in the currency's ISO 4217 minor units, as Tender books it (HUF and TWD in hundredths, though PayPal writes them whole). */
const bookedUnits = (amount: PayPalMoney): number =>
  parseAmount(amount.value, amount.currency_code);

const CAPTURED = new Set(["COMPLETED", "PARTIALLY_REFUNDED", "REFUNDED"]);

/**
 * What moved for an order, in the currency's ISO 4217 minor units (the
 * units Tender books, so the books compare with it as they are): `captured` sums its captures that
 * completed (a later refund does not undo that), `refunded` its COMPLETED
 * refunds, reversals included. PENDING and DECLINED captures move nothing.
 */
export function moved(
  context: FakePayPalContext,
  orderId: string,
): { captured: number; refunded: number } {
  const record = context.state.orders.get(orderId);
  if (record === undefined) throw new Error(`The fake PayPal has no order ${orderId}.`);
  let captured = 0;
  let refunded = 0;
  for (const captureId of record.captureIds) {
    const capture = context.state.captures.get(captureId);
    if (capture === undefined || !CAPTURED.has(capture.capture.status)) continue;
    captured += bookedUnits(capture.capture.amount);
    for (const refundId of capture.refundIds) {
      const refund = context.state.refunds.get(refundId)?.refund;
      if (refund?.status === "COMPLETED") refunded += bookedUnits(refund.amount);
    }
  }
  return { captured, refunded };
}
