import { collectionHeld } from "../money/ledger";
import type { StoreTransaction } from "../store/payment-store";

/**
 * How much of a collection is spoken for, read from the store (see
 * {@link collectionHeld}): live payments and sessions whose authorization is
 * in flight or processing, leaving out the asking session.
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
  return collectionHeld(sessions, payments, exceptSessionId);
}
