import type { PaymentProviderV1 } from "@tender/provider";
import type { Harness } from "./conformance-harness";

/** What a session's flow left in the books: the state webhooks must not change once it is settled. */
export async function stateOf<TProvider extends PaymentProviderV1>(
  h: Harness<TProvider>,
  sessionId: string,
) {
  const session = await h.service.retrievePaymentSession(sessionId);
  const collection = await h.service.retrievePaymentCollection(session.payment_collection_id);
  const payment = await h.paymentOf(sessionId);
  const byAmount = (rows: Array<{ amount: number; status: string }>) =>
    rows.map((row) => [row.amount, row.status] as const).sort(([a], [b]) => a - b);
  return {
    session: { status: session.status, payment_id: session.payment_id },
    collection: {
      status: collection.status,
      authorized_amount: collection.authorized_amount,
      captured_amount: collection.captured_amount,
      refunded_amount: collection.refunded_amount,
    },
    payment: payment && {
      status: payment.status,
      amount: payment.amount,
      captured_amount: payment.captured_amount,
      refunded_amount: payment.refunded_amount,
      released_amount: payment.released_amount,
    },
    captures: payment ? byAmount(await h.service.listCaptures({ payment_id: payment.id })) : [],
    refunds: payment ? byAmount(await h.service.listRefunds({ payment_id: payment.id })) : [],
  };
}
