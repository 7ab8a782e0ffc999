import {
  type CollectionMoney,
  type CollectionTotals,
  SESSION_RULES,
} from "../state/derive-collection-status";
import type { StoreTransaction } from "../store/payment-store";

/**
 * A collection's totals when its money decides nothing, from its sessions:
 * `withSessions` asked of the store. Each rule reads at most one row (is a
 * session in one of its statuses?), in order, and the first that holds ends
 * it: a new collection's first session is decided in two reads, and
 * refreshing a collection costs the same with ten sessions as with ten
 * thousand.
 */
export async function totalsFromSessions(
  tx: StoreTransaction,
  collectionId: string,
  money: CollectionMoney,
): Promise<CollectionTotals> {
  for (const rule of SESSION_RULES) {
    if (rule.money?.(money)) return money.totals(rule.status);
    if (rule.sessions.length === 0) continue;
    const found = await tx.list(
      "payment_sessions",
      { payment_collection_id: collectionId, status: [...rule.sessions] },
      { take: 1 },
    );
    if (found.length > 0) return money.totals(rule.status);
  }
  return money.totals("not_paid");
}
