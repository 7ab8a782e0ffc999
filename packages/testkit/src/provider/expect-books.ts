import type { Payment } from "@tender/core";
import type { PaymentProviderV1 } from "@tender/provider";
import { expect } from "vitest";
import type { Harness } from "./conformance-harness";

const amounts = (payment: Payment | undefined) => ({
  captured_amount: payment?.captured_amount ?? 0,
  refunded_amount: payment?.refunded_amount ?? 0,
  status: payment?.status,
});

/**
 * The books equal the provider's record: what the session's payment says was
 * captured and refunded is what moved at the provider, and reconciling the
 * payment against that record changes none of it.
 */
export async function expectBooksAgree<TProvider extends PaymentProviderV1>(
  harness: Harness<TProvider>,
  sessionId: string,
): Promise<void> {
  const payment = await harness.paymentOf(sessionId);
  const moved = await harness.moved(sessionId);
  const books = amounts(payment);
  if (moved.captured !== undefined) {
    expect(moved.captured, "captured at the provider = the payment's captured_amount").toBe(
      books.captured_amount,
    );
  }
  if (moved.refunded !== undefined) {
    expect(moved.refunded, "refunded at the provider = the payment's refunded_amount").toBe(
      books.refunded_amount,
    );
  }
  if (payment) {
    const reconciled = await harness.service.reconcilePayment(payment.id);
    expect(amounts(reconciled), "reconcile finds nothing to correct").toEqual(books);
  }
}
