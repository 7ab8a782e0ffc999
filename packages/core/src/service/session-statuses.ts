import type { PaymentSession } from "../records/records";
import { PAYMENT_SESSION_STATUSES } from "../records/statuses";
import type { StoreTransaction } from "../store/payment-store";

/**
 * The statuses a collection's sessions are in, one entry for each status
 * present: all that `deriveCollectionStatus` needs of the sessions, since it
 * asks which statuses occur, never how many sessions are in one (a test holds
 * it to that). One row read per status, so refreshing a collection costs the
 * same with ten sessions as with ten thousand.
 */
export async function sessionStatuses(
  tx: StoreTransaction,
  collectionId: string,
): Promise<Array<Pick<PaymentSession, "status">>> {
  const found = await Promise.all(
    PAYMENT_SESSION_STATUSES.map((status) =>
      tx.list("payment_sessions", { payment_collection_id: collectionId, status }, { take: 1 }),
    ),
  );
  return found.flatMap((rows) => rows.map((row) => ({ status: row.status })));
}
