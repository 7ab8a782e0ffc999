import { TenderError } from "../errors/tender-error";
import type { OutboxEvent } from "../records/records";
import { assertStorableFields } from "./assert-storable-fields";
import { cloneRecord } from "./clone-record";
import { matchesFilter, paginate } from "./filter-rows";
import { KeyedMutex } from "./keyed-mutex";
import { MemoryIndexes } from "./memory-indexes";
import type {
  OutboxStore,
  PaymentStore,
  StoreTables,
  StoreTransaction,
  TableName,
} from "./payment-store";
import { childrenOf } from "./tables";

type AnyRecord = StoreTables[TableName];
const DELETED = Symbol("deleted");
type Write = AnyRecord | typeof DELETED;

/**
 * The embedded default store: records in Maps, one lock per aggregate row,
 * and transactions that buffer their writes and apply them all at commit (or
 * none of them, when the work throws). Records are copied in and out, so a
 * caller mutating a returned record never changes the store. Deleting a row
 * deletes the rows that hang from it (TABLES), as the SQL stores'
 * cascades do.
 *
 * @example
 * ```ts
 * const service = createPaymentModuleService({ providers: [manual()], store: memoryStore() });
 * ```
 */
export function memoryStore(): PaymentStore {
  const tables = new Map<TableName, Map<string, AnyRecord>>();
  const indexes = new MemoryIndexes();
  const mutex = new KeyedMutex();
  const sequences = new Map<string, number>();
  const tableOf = (table: TableName): Map<string, AnyRecord> => {
    let rows = tables.get(table);
    if (!rows) {
      rows = new Map();
      tables.set(table, rows);
    }
    return rows;
  };

  return {
    name: "memory",
    outbox: memoryOutbox(() => tableOf("outbox_events")),
    async transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
      const writes = new Map<TableName, Map<string, Write>>();
      const inserted: Array<[TableName, string]> = [];
      const releases: Array<() => void> = [];
      const held = new Set<string>();
      const writesOf = (table: TableName): Map<string, Write> => {
        let rows = writes.get(table);
        if (!rows) {
          rows = new Map();
          writes.set(table, rows);
        }
        return rows;
      };
      const read = (table: TableName, id: string): AnyRecord | undefined => {
        const written = writes.get(table)?.get(id);
        if (written === DELETED) return undefined;
        return written ?? tableOf(table).get(id);
      };

      const tx: StoreTransaction = {
        async get(table, id) {
          return copy(read(table, id)) as StoreTables[typeof table] | undefined;
        },
        async lock(table, id) {
          const key = `${table}:${id}`;
          if (!held.has(key)) {
            held.add(key);
            releases.push(await mutex.acquire(key));
          }
          return copy(read(table, id)) as StoreTables[typeof table] | undefined;
        },
        async list(table, filter, page) {
          const committed = tableOf(table);
          const written = writes.get(table);
          const found = indexes.candidates(table, filter, page?.order);
          // Candidates in list order need be read only up to the end of the page.
          const limit =
            found?.ordered && page?.take !== undefined
              ? (page.skip ?? 0) + page.take
              : Number.POSITIVE_INFINITY;
          const rows: AnyRecord[] = [];
          for (const run of found?.runs ?? [committed.keys()]) {
            let matched = 0;
            for (const id of run) {
              if (matched >= limit) break;
              // A row this transaction wrote is read from its writes, below.
              if (written?.has(id)) continue;
              const row = committed.get(id);
              if (row && matchesFilter(row, filter)) {
                rows.push(row);
                matched++;
              }
            }
          }
          for (const row of written?.values() ?? []) {
            if (row !== DELETED && matchesFilter(row, filter)) rows.push(row);
          }
          return paginate(rows, page).map(copy) as Array<StoreTables[typeof table]>;
        },
        async insert(table, record) {
          assertStorableFields(table, record);
          if (read(table, record.id)) throw duplicate(table, record.id);
          writesOf(table).set(record.id, copy(record));
          inserted.push([table, record.id]);
        },
        async update(table, id, patch) {
          assertStorableFields(table, patch);
          const row = read(table, id);
          if (!row) {
            throw new TenderError({
              code: "not_found",
              message: `No ${table} row ${id} to update.`,
            });
          }
          const next = { ...row, ...copy(patch), id };
          writesOf(table).set(id, next);
          return copy(next) as StoreTables[typeof table];
        },
        async delete(table, id) {
          const doomed: Array<[TableName, string]> = [[table, id]];
          for (let next = doomed.pop(); next; next = doomed.pop()) {
            const [doomedTable, doomedId] = next;
            if (!read(doomedTable, doomedId)) continue;
            writesOf(doomedTable).set(doomedId, DELETED);
            for (const child of childrenOf(doomedTable)) {
              for (const row of await this.list(child.table, { [child.field]: doomedId })) {
                doomed.push([child.table, row.id]);
              }
            }
          }
        },
      };

      try {
        const result = await work(tx);
        // Commit is synchronous: no other transaction observes half of it.
        for (const [table, id] of inserted) {
          if (tableOf(table).has(id)) throw duplicate(table, id);
        }
        // Each commit's events are numbered after everything committed before it, per collection.
        for (const [, row] of writes.get("outbox_events") ?? []) {
          if (row === DELETED || !isOutboxEvent(row)) continue;
          const next = sequences.get(row.aggregate_id) ?? 0;
          row.sequence = next;
          sequences.set(row.aggregate_id, next + 1);
        }
        for (const [table, rows] of writes) {
          const committed = tableOf(table);
          for (const [id, row] of rows) {
            indexes.remove(table, committed.get(id));
            if (row === DELETED) committed.delete(id);
            else {
              committed.set(id, row);
              indexes.add(table, row);
            }
          }
        }
        return result;
      } finally {
        for (const release of releases) release();
      }
    },
  };
}

function duplicate(table: string, id: string): TenderError {
  return new TenderError({
    code: "duplicate",
    message: `A ${table} row with id ${id} exists already.`,
  });
}

function copy<T>(value: T): T {
  return value === undefined ? value : cloneRecord(value);
}

/** The outbox over the memory store's `outbox_events` rows: every call is synchronous underneath. */
function memoryOutbox(rowsOf: () => Map<string, AnyRecord>): OutboxStore {
  const events = (): OutboxEvent[] => {
    const out: OutboxEvent[] = [];
    for (const row of rowsOf().values()) if (isOutboxEvent(row)) out.push(row);
    return out;
  };
  return {
    async claim({ now, claimUntil, limit }) {
      const heads = new Map<string, OutboxEvent>();
      for (const event of events()) {
        if (event.parked_at !== null) continue;
        const head = heads.get(event.aggregate_id);
        if (!head || event.sequence < head.sequence) heads.set(event.aggregate_id, event);
      }
      const due = [...heads.values()]
        .filter(
          (event) =>
            event.available_at.getTime() <= now.getTime() &&
            (event.claimed_until === null || event.claimed_until.getTime() <= now.getTime()),
        )
        .sort((a, b) => a.available_at.getTime() - b.available_at.getTime() || cmp(a.id, b.id))
        .slice(0, limit);
      for (const event of due) event.claimed_until = new Date(claimUntil.getTime());
      return due.map(copy);
    },
    async ack(ids) {
      for (const id of ids) rowsOf().delete(id);
    },
    async release(id, outcome) {
      const event = rowsOf().get(id);
      if (!event || !isOutboxEvent(event)) return;
      Object.assign(event, {
        attempts: outcome.attempts,
        available_at: new Date(outcome.available_at.getTime()),
        parked_at: outcome.parked_at === null ? null : new Date(outcome.parked_at.getTime()),
        last_error: outcome.last_error,
        claimed_until: null,
      });
    },
    async list({ state, limit }) {
      const wanted = events().filter(
        (event) => (state === "parked") === (event.parked_at !== null),
      );
      wanted.sort(
        (a, b) =>
          a.created_at.getTime() - b.created_at.getTime() ||
          cmp(a.aggregate_id, b.aggregate_id) ||
          a.sequence - b.sequence,
      );
      return wanted.slice(0, limit ?? 100).map(copy);
    },
    async replay(ids, now) {
      let replayed = 0;
      for (const id of ids) {
        const event = rowsOf().get(id);
        if (!event || !isOutboxEvent(event) || event.parked_at === null) continue;
        Object.assign(event, {
          parked_at: null,
          attempts: 0,
          available_at: new Date(now.getTime()),
          claimed_until: null,
          last_error: null,
        });
        replayed++;
      }
      return replayed;
    },
  };
}

function isOutboxEvent(row: AnyRecord): row is OutboxEvent {
  return "aggregate_id" in row && "sequence" in row;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
