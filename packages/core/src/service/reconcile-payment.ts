import type { Payment } from "../records/records";
import { inTransaction, mustGet, type ServiceContext } from "./service-context";
import { settleCapture } from "./settle-capture";
import { settleRefund } from "./settle-refund";
import { requireId } from "./validate-input";

/**
 * Settles a payment's pending captures and refunds, left by a crash or a
 * provider fault between reserve and finalize, by asking the provider again
 * with each one's original idempotency key: a capture is never taken twice.
 */
export async function reconcilePayment(
  ctx: ServiceContext,
  paymentIdInput: unknown,
): Promise<Payment> {
  const paymentId = requireId(paymentIdInput, "reconcilePayment(id)");
  const pending = await inTransaction(ctx, async ({ tx }) => {
    const payment = await mustGet(tx, "payments", paymentId);
    const [captures, refunds] = await Promise.all([
      tx.list("captures", { payment_id: paymentId, status: "pending" }),
      tx.list("refunds", { payment_id: paymentId, status: "pending" }),
    ]);
    const reasons = await Promise.all(
      refunds.map((refund) =>
        refund.refund_reason_id ? tx.get("refund_reasons", refund.refund_reason_id) : undefined,
      ),
    );
    return { payment, captures, refunds, reasons };
  });
  let payment = pending.payment;
  for (const capture of pending.captures) {
    const captured = pending.captures
      .filter((other) => other.id !== capture.id)
      .reduce((sum, other) => sum + other.amount, payment.captured_amount);
    payment = await settleCapture(
      ctx,
      payment,
      capture,
      captured + capture.amount >= payment.amount,
    );
  }
  for (const [index, refund] of pending.refunds.entries()) {
    payment = await settleRefund(ctx, payment, refund, pending.reasons[index]?.code ?? null);
  }
  return inTransaction(ctx, ({ tx }) => mustGet(tx, "payments", paymentId));
}
