import type { StoreTables, TableName } from "@tender/core";
import type { AggregateSnapshot } from "./load-aggregate";
import { emptyRowMaps, emptyWriteMaps, type Write } from "./row-maps";

/** A loaded aggregate: the collection's version when it was read, and whether the work locked it. */
export interface AggregateEntry {
  version: number;
  locked: boolean;
  /** Read from the process's cache, not the database: its version must be checked at commit. */
  cached: boolean;
}

/**
 * What one transaction knows: rows read from the database (`base`), rows
 * known not to exist, the aggregates it loaded, and its buffered writes. Reads
 * answer from writes first, then from what was read.
 */
export class TransactionState {
  readonly base = emptyRowMaps();
  readonly writes = emptyWriteMaps();
  readonly aggregates = new Map<string, AggregateEntry>();
  private readonly absent = new Set<string>();

  view<T extends TableName>(table: T, id: string): StoreTables[T] | undefined {
    const write = this.writes[table].get(id);
    if (write) return write.kind === "delete" ? undefined : write.record;
    return this.base[table].get(id);
  }

  /** Whether `view` answers for this row without asking the database. */
  knows(table: TableName, id: string): boolean {
    return (
      this.writes[table].has(id) || this.base[table].has(id) || this.absent.has(`${table}:${id}`)
    );
  }

  markAbsent(table: TableName, id: string): void {
    this.absent.add(`${table}:${id}`);
  }

  /** Every row of a table this transaction can see without SQL. */
  rows<T extends TableName>(table: T): StoreTables[T][] {
    const ids = new Set([...this.base[table].keys(), ...this.writes[table].keys()]);
    const rows: StoreTables[T][] = [];
    for (const id of ids) {
      const row = this.view(table, id);
      if (row) rows.push(row);
    }
    return rows;
  }

  stage<T extends TableName>(table: T, id: string, write: Write<StoreTables[T]> | undefined): void {
    if (write) this.writes[table].set(id, write);
    else this.writes[table].delete(id);
  }

  hasWrites(): boolean {
    return Object.values(this.writes).some((rows) => rows.size > 0);
  }

  /** A collection inserted by this transaction: its aggregate is whole in memory and needs no version check. */
  isNewCollection(id: string): boolean {
    return this.writes.payment_collections.get(id)?.kind === "insert";
  }

  /** Whether every row of this collection's aggregate is in memory (loaded or new). */
  holdsAggregate(collectionId: string): boolean {
    return this.aggregates.has(collectionId) || this.isNewCollection(collectionId);
  }

  /**
   * Keeps the first snapshot of an aggregate: a later load of the same
   * aggregate (another member row looked up by id) never mixes two points in time.
   */
  addSnapshot(snapshot: AggregateSnapshot, cached = false): void {
    if (this.aggregates.has(snapshot.collection.id)) return;
    this.aggregates.set(snapshot.collection.id, {
      version: snapshot.version,
      locked: false,
      cached,
    });
    this.base.payment_collections.set(snapshot.collection.id, snapshot.collection);
    for (const row of snapshot.sessions) this.base.payment_sessions.set(row.id, row);
    for (const row of snapshot.payments) this.base.payments.set(row.id, row);
    for (const row of snapshot.captures) this.base.captures.set(row.id, row);
    for (const row of snapshot.refunds) this.base.refunds.set(row.id, row);
  }

  lockAggregate(collectionId: string): void {
    const entry = this.aggregates.get(collectionId);
    if (entry) entry.locked = true;
  }

  /** The collection an aggregate row belongs to, from the row (or its payment's row). */
  aggregateOf(table: TableName, row: object): string | undefined {
    switch (table) {
      case "payment_collections":
        return stringField(row, "id");
      case "payment_sessions":
      case "payments":
        return stringField(row, "payment_collection_id");
      case "captures":
      case "refunds": {
        const paymentId = stringField(row, "payment_id");
        if (paymentId === undefined) return undefined;
        const payment = this.view("payments", paymentId) ?? this.base.payments.get(paymentId);
        return payment?.payment_collection_id;
      }
      default:
        return undefined;
    }
  }
  /** The aggregate of a collection as this transaction leaves it (for the cache after a commit). */
  snapshotOf(collectionId: string, version: number): AggregateSnapshot | undefined {
    const collection = this.view("payment_collections", collectionId);
    if (!collection) return undefined;
    const belongs = (table: TableName) => (row: object) =>
      this.aggregateOf(table, row) === collectionId;
    return {
      collection,
      version,
      sessions: this.rows("payment_sessions").filter(belongs("payment_sessions")),
      payments: this.rows("payments").filter(belongs("payments")),
      captures: this.rows("captures").filter(belongs("captures")),
      refunds: this.rows("refunds").filter(belongs("refunds")),
    };
  }
}

function stringField(row: object, field: string): string | undefined {
  const value: unknown = Reflect.get(row, field);
  return typeof value === "string" ? value : undefined;
}
