import type { TableName } from "@tender/core";
import type { AggregateSnapshot } from "./load-aggregate";

const MEMBER_TABLES = ["payment_sessions", "payments", "captures", "refunds"] as const;

/**
 * The aggregates this process read or wrote last, with their versions. A
 * transaction may start from a cached aggregate instead of reading it: its
 * commit is guarded by the cached version anyway, so a stale entry only costs
 * a retry (the commit matches no row, the entry is dropped, the work runs
 * again on fresh data). A transaction that writes nothing checks the versions
 * of the cached aggregates it read in one small statement.
 *
 * Snapshots are shared, never mutated: transactions copy what they return
 * and write new objects.
 */
export class AggregateCache {
  private readonly snapshots = new Map<string, AggregateSnapshot>();
  private readonly members = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  /** The collection a row belongs to, when a cached aggregate holds the row. */
  collectionOf(table: TableName, id: string): string | undefined {
    if (table === "payment_collections") return this.snapshots.has(id) ? id : undefined;
    return this.members.get(`${table}:${id}`);
  }

  get(collectionId: string): AggregateSnapshot | undefined {
    const snapshot = this.snapshots.get(collectionId);
    if (snapshot) {
      // Most recently used last: the first entry is the one to evict.
      this.snapshots.delete(collectionId);
      this.snapshots.set(collectionId, snapshot);
    }
    return snapshot;
  }

  put(snapshot: AggregateSnapshot): void {
    this.evict(snapshot.collection.id);
    this.snapshots.set(snapshot.collection.id, snapshot);
    for (const table of MEMBER_TABLES) {
      for (const row of snapshot[memberKey(table)])
        this.members.set(`${table}:${row.id}`, snapshot.collection.id);
    }
    while (this.snapshots.size > this.capacity) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest === undefined) break;
      this.evict(oldest);
    }
  }

  evict(collectionId: string): void {
    const snapshot = this.snapshots.get(collectionId);
    if (!snapshot) return;
    this.snapshots.delete(collectionId);
    for (const table of MEMBER_TABLES) {
      for (const row of snapshot[memberKey(table)]) this.members.delete(`${table}:${row.id}`);
    }
  }
}

function memberKey(
  table: (typeof MEMBER_TABLES)[number],
): "sessions" | "payments" | "captures" | "refunds" {
  switch (table) {
    case "payment_sessions":
      return "sessions";
    case "payments":
      return "payments";
    case "captures":
      return "captures";
    case "refunds":
      return "refunds";
  }
}

/** Thrown inside a transaction that started from a cached aggregate older than the database's: the work runs again. */
export class StaleAggregateError extends Error {
  constructor(readonly collectionId: string) {
    super(`The cached aggregate of payment collection ${collectionId} is out of date.`);
    this.name = "StaleAggregateError";
  }
}
