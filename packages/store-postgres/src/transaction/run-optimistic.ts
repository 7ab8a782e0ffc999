import { type StoreTransaction, TenderError } from "@tender/core";
import { StaleAggregateError } from "./aggregate-cache";
import { OptimisticTransaction } from "./optimistic-transaction";
import type { StoreDb } from "./store-db";

/**
 * Runs `work` against a fresh optimistic transaction and commits it; when
 * another process committed to a locked aggregate first, nothing was written
 * and `work` runs again from the start on fresh reads. After `maxAttempts`
 * the call fails with a retryable `store_error`.
 */
export async function runOptimistic<T>(
  db: StoreDb,
  work: (tx: StoreTransaction) => Promise<T>,
  options: { maxAttempts: number; onConflict(): void; precheck?: boolean },
): Promise<T> {
  const { maxAttempts } = options;
  for (let attempt = 1; ; attempt++) {
    const tx = new OptimisticTransaction(db);
    let result: T;
    try {
      result = await work(tx);
    } catch (error) {
      tx.abandon();
      // An error the work reached from a stale cached read is not the caller's: run it again on fresh data.
      const stale = error instanceof StaleAggregateError || !(await tx.cachedReadsAreCurrent());
      if (!stale) throw error;
      options.onConflict();
      if (attempt >= maxAttempts) throw error;
      continue;
    }
    if ((await tx.commit({ precheck: options.precheck === true })) === "committed") return result;
    options.onConflict();
    if (attempt >= maxAttempts) {
      const ids = tx.lockedCollections();
      throw new TenderError({
        code: "store_error",
        message: `Payment collection ${ids.join(", ") || "(unknown)"} kept changing under this transaction: another process committed first ${attempt} times. Nothing was written; try the call again.`,
        details: { collection_ids: ids, attempts: attempt },
        retryable: true,
      });
    }
    // Jitter spreads out processes that collided, so the next round has a winner.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.random() * Math.min(100, 2 ** attempt)),
    );
  }
}
