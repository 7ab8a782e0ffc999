import { collectionHeld } from "../money/ledger";
import type { PaymentSession } from "../records/records";
import type { StoreTransaction } from "../store/payment-store";

/** Matches any time that is set: a filter for "not null" in the store's terms. */
const ANY_TIME = { before: new Date("9999-12-31T23:59:59.999Z") };

/**
 * How much of a collection is spoken for, read from the store (see
 * {@link collectionHeld}): live payments and sessions whose authorization is
 * in flight or processing, leaving out the asking session. Only the sessions
 * that may hold are read (with no payment yet, processing or with an
 * authorization started), not every session of the collection.
 */
export async function heldAmount(
  tx: StoreTransaction,
  collectionId: string,
  exceptSessionId: string,
): Promise<number> {
  const open = { payment_collection_id: collectionId, payment_id: null };
  const [processing, authorizing, payments] = await Promise.all([
    tx.list("payment_sessions", { ...open, status: "processing" }),
    tx.list("payment_sessions", { ...open, authorization_started_at: ANY_TIME }),
    tx.list("payments", { payment_collection_id: collectionId }),
  ]);
  // A processing session with its authorization started is in both lists: it holds once.
  const sessions = new Map<string, PaymentSession>();
  for (const session of [...processing, ...authorizing]) sessions.set(session.id, session);
  return collectionHeld([...sessions.values()], payments, exceptSessionId);
}
