import type { StoreTransaction } from "../store/payment-store";

/**
 * How much of a collection is spoken for: live payments, plus sessions whose
 * authorization is in flight or processing (an async method that may still
 * succeed). A session may only authorize into what is left, so a customer is
 * never charged twice for one collection.
 */
export async function heldAmount(
  tx: StoreTransaction,
  collectionId: string,
  exceptSessionId: string,
): Promise<number> {
  const [sessions, payments] = await Promise.all([
    tx.list("payment_sessions", { payment_collection_id: collectionId }),
    tx.list("payments", { payment_collection_id: collectionId }),
  ]);
  let held = 0;
  for (const payment of payments) {
    if (payment.canceled_at === null && payment.payment_session_id !== exceptSessionId) {
      held += payment.amount - payment.released_amount;
    }
  }
  for (const session of sessions) {
    if (session.id === exceptSessionId || session.payment_id !== null) continue;
    if (session.status === "processing" || session.authorization_started_at !== null) {
      held += session.amount;
    }
  }
  return held;
}
