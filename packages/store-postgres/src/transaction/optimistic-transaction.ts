import {
  type OutboxEvent,
  type StoreFilter,
  type StorePage,
  type StoreTables,
  type StoreTransaction,
  type TableName,
  TenderError,
} from "@tender/core";
import { assertStorableFields, cloneRecord, matchesFilter, paginate } from "@tender/core/internal";
import { isTransientConflict, toTenderError } from "../sql/database-error";
import { StaleAggregateError } from "./aggregate-cache";
import { isScopedToHeldAggregates, parentOf } from "./aggregate-scope";
import { loadAggregate } from "./load-aggregate";
import { planCommit } from "./plan-commit";
import { isAggregateTable } from "./row-maps";
import { selectById, selectRows } from "./select-rows";
import type { StoreDb } from "./store-db";
import { TransactionState } from "./transaction-state";
import { writeStatement } from "./write-statement";

export type CommitOutcome = "committed" | "conflict";

/**
 * One attempt at a store transaction, with no database transaction behind it.
 * The first read of an aggregate row loads the whole aggregate in one
 * statement; later reads inside it are answered from memory. Writes are
 * buffered, and `commit` sends them all in one statement guarded by the
 * version of every aggregate locked or written.
 */
export class OptimisticTransaction implements StoreTransaction {
  private readonly state = new TransactionState();
  private readonly loading = new Map<string, Promise<void>>();
  private open = true;

  constructor(private readonly db: StoreDb) {}

  async get<T extends TableName>(table: T, id: string): Promise<StoreTables[T] | undefined> {
    await this.ensureKnown(table, id);
    return copy(this.state.view(table, id));
  }

  async lock<T extends TableName>(table: T, id: string): Promise<StoreTables[T] | undefined> {
    await this.ensureKnown(table, id);
    const row = this.state.view(table, id);
    const collectionId = row ? this.state.aggregateOf(table, row) : undefined;
    if (collectionId !== undefined) this.state.lockAggregate(collectionId);
    return copy(row);
  }

  async list<T extends TableName>(
    table: T,
    filter?: StoreFilter<StoreTables[T]>,
    page?: StorePage,
  ): Promise<StoreTables[T][]> {
    this.assertOpen();
    if (isScopedToHeldAggregates(this.state, table, filter)) {
      const rows = this.state.rows(table).filter((row) => matchesFilter(row, filter));
      return paginate(rows, page).map((row) => cloneRecord(row));
    }
    const written = this.state.writes[table];
    if (written.size === 0) return this.query(() => selectRows(this.db, table, filter, page));
    // Own writes overlay what the database holds, so the page is cut after merging.
    const rows = await this.query(() => selectRows(this.db, table, filter, undefined));
    const merged = rows.filter((row) => !written.has(row.id));
    for (const write of written.values()) {
      if (write.kind !== "delete" && matchesFilter(write.record, filter)) {
        merged.push(cloneRecord(write.record));
      }
    }
    return paginate(merged, page);
  }

  async insert<T extends TableName>(table: T, record: StoreTables[T]): Promise<void> {
    this.assertOpen();
    // Refused before it is copied or staged, as the memory store refuses it: nothing is written.
    assertStorableFields(table, record);
    const parent = parentOf(table, record);
    if (parent) await this.ensureKnown(parent.table, parent.id);
    if (this.state.view(table, record.id)) throw duplicate(table, record.id);
    const prior = this.state.writes[table].get(record.id);
    // A row deleted earlier in this transaction and inserted again is an update of the stored row.
    const kind = prior?.kind === "delete" ? "update" : "insert";
    // An event is written once and never read back in this transaction: it is numbered on a
    // shallow copy and encoded at commit, before its payload can change (no deep copy of it).
    const staged = isOutboxEvent(record)
      ? { ...record, sequence: this.nextSequence(record.aggregate_id) }
      : cloneRecord(record);
    this.state.stage(table, record.id, { kind, record: staged });
  }

  private readonly sequences = new Map<string, number>();

  /**
   * Numbers an event of this commit: the aggregate's version when this commit
   * bumps it, times 1000, plus its place in the commit. Commits to one
   * collection succeed one after another (the version guard), so a later
   * commit's events always sort after an earlier one's.
   */
  private nextSequence(aggregateId: string): number {
    const entry = this.state.aggregates.get(aggregateId);
    const base = entry ? (entry.version + 1) * 1000 : 0;
    const index = this.sequences.get(aggregateId) ?? 0;
    this.sequences.set(aggregateId, index + 1);
    return base + Math.min(index, 999);
  }

  async update<T extends TableName>(
    table: T,
    id: string,
    patch: Partial<StoreTables[T]>,
  ): Promise<StoreTables[T]> {
    assertStorableFields(table, patch);
    await this.ensureKnown(table, id);
    const current = this.state.view(table, id);
    if (!current) {
      throw new TenderError({ code: "not_found", message: `No ${table} row ${id} to update.` });
    }
    const next: StoreTables[T] = { ...current, ...cloneRecord(patch), id };
    const prior = this.state.writes[table].get(id);
    this.state.stage(table, id, {
      kind: prior?.kind === "insert" ? "insert" : "update",
      record: next,
    });
    return cloneRecord(next);
  }

  async delete<T extends TableName>(table: T, id: string): Promise<void> {
    // Aggregate rows are read first, to know which aggregate's version guards the delete.
    if (isAggregateTable(table)) await this.ensureKnown(table, id);
    else this.assertOpen();
    const prior = this.state.writes[table].get(id);
    if (prior?.kind === "insert") return this.state.stage(table, id, undefined);
    if (this.state.knows(table, id) && !this.state.view(table, id)) return;
    this.state.stage(table, id, { kind: "delete" });
  }

  /**
   * Ends the attempt; sends its writes in one statement, or nothing when it
   * wrote nothing (then only the versions of cached aggregates it read are
   * checked). Keeps the cache in step with what was committed.
   */
  async commit(options: { precheck?: boolean } = {}): Promise<CommitOutcome> {
    this.assertOpen();
    this.open = false;
    const plan = planCommit(this.state);
    // A pre-check is checked again under a lock later: its cached reads need no confirming.
    if (!plan && options.precheck) return "committed";
    if (!plan) return (await this.cachedReadsAreCurrent()) ? "committed" : "conflict";
    let held: boolean;
    try {
      held = await this.db.commits.send(plan, writeStatement(this.db.names, plan));
    } catch (error) {
      this.forgetAggregates();
      if (isTransientConflict(error)) return "conflict";
      throw toTenderError(error, "committing a transaction");
    }
    if (!held) {
      this.forgetAggregates();
      return "conflict";
    }
    this.rememberAggregates(new Set(plan.guards.map((guard) => guard.id)));
    return "committed";
  }

  /** Drops this attempt's aggregates from the cache (after a conflict or a failure). */
  forgetAggregates(): void {
    for (const id of this.state.aggregates.keys()) this.db.cache?.evict(id);
  }

  /**
   * Whether the cached aggregates this attempt read are still the database's
   * (one small statement; no statement when it read none). Stale ones leave the cache.
   */
  async cachedReadsAreCurrent(): Promise<boolean> {
    const cached = [...this.state.aggregates].filter(([, entry]) => entry.cached);
    if (cached.length === 0 || !this.db.cache) return true;
    const rows = await this.query(() =>
      this.db.driver.query(
        `SELECT id, version FROM ${this.db.names.table("payment_collections")} WHERE id = ANY($1::text[])`,
        [cached.map(([id]) => id)],
      ),
    );
    const current = new Map(rows.map((row) => [String(row.id), Number(row.version)]));
    const stale = cached.filter(([id, entry]) => current.get(id) !== entry.version);
    for (const [id] of stale) this.db.cache.evict(id);
    return stale.length === 0;
  }

  private rememberAggregates(bumped: ReadonlySet<string>): void {
    const cache = this.db.cache;
    if (!cache) return;
    for (const [id, entry] of this.state.aggregates) {
      const snapshot = this.state.snapshotOf(
        id,
        bumped.has(id) ? entry.version + 1 : entry.version,
      );
      if (snapshot) cache.put(snapshot);
      else cache.evict(id);
    }
    for (const [id, write] of this.state.writes.payment_collections) {
      if (write.kind !== "insert" || this.state.aggregates.has(id)) continue;
      const snapshot = this.state.snapshotOf(id, 0);
      if (snapshot) cache.put(snapshot);
    }
  }

  /** Ends the attempt without writing (the work threw). */
  abandon(): void {
    this.open = false;
  }

  /** The aggregates this attempt version-checked: named in the error when retries run out. */
  lockedCollections(): string[] {
    return [...this.state.aggregates].filter(([, entry]) => entry.locked).map(([id]) => id);
  }

  private async ensureKnown(table: TableName, id: string): Promise<void> {
    this.assertOpen();
    if (this.state.knows(table, id)) return;
    const key = `${table}:${id}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.fetch(table, id).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    await pending;
  }

  private async fetch<T extends TableName>(table: T, id: string): Promise<void> {
    if (isAggregateTable(table)) {
      const cache = this.db.cache;
      const collectionId = cache?.collectionOf(table, id);
      const cached = collectionId === undefined ? undefined : cache?.get(collectionId);
      if (cached && !this.state.aggregates.has(cached.collection.id)) {
        this.state.addSnapshot(cached, true);
        return;
      }
      const snapshot = await this.query(() => loadAggregate(this.db, table, id));
      if (snapshot) {
        const held = this.state.aggregates.get(snapshot.collection.id);
        // This attempt started from an older copy of the aggregate: run it again on fresh data.
        if (held && held.version !== snapshot.version) {
          cache?.evict(snapshot.collection.id);
          throw new StaleAggregateError(snapshot.collection.id);
        }
        this.state.addSnapshot(snapshot);
        cache?.put(snapshot);
      }
    } else {
      const row = await this.query(() => selectById(this.db, table, id));
      if (row) this.state.base[table].set(id, row);
    }
    if (!this.state.knows(table, id)) this.state.markAbsent(table, id);
  }

  private async query<TResult>(run: () => Promise<TResult>): Promise<TResult> {
    try {
      return await run();
    } catch (error) {
      throw toTenderError(error, "reading");
    }
  }

  private assertOpen(): void {
    if (!this.open) {
      throw new TenderError({
        code: "store_error",
        message:
          "This store transaction is over; use the transaction only inside its work function and await every call.",
      });
    }
  }
}

function isOutboxEvent(record: object): record is OutboxEvent {
  return "aggregate_id" in record && "sequence" in record;
}

function copy<TRecord>(row: TRecord | undefined): TRecord | undefined {
  return row === undefined ? undefined : cloneRecord(row);
}

function duplicate(table: string, id: string): TenderError {
  return new TenderError({
    code: "duplicate",
    message: `A ${table} row with id ${id} exists already.`,
  });
}
