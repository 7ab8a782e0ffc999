import { TenderError } from "../errors/tender-error";
import { matchesFilter, paginate } from "./filter-rows";
import { KeyedMutex } from "./keyed-mutex";
import type {
  PaymentStore,
  StoreFilter,
  StoreTables,
  StoreTransaction,
  TableName,
} from "./payment-store";

type AnyRecord = StoreTables[TableName];
const DELETED = Symbol("deleted");
type Write = AnyRecord | typeof DELETED;

/**
 * The embedded default store: records in Maps, one lock per aggregate row,
 * and transactions that buffer their writes and apply them all at commit (or
 * none of them, when the work throws). Records are copied in and out, so a
 * caller mutating a returned record never changes the store.
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
          // A lookup by collection or payment reads only that aggregate's rows, not the whole table.
          const indexed = indexes.candidates(table, filter);
          const ids = new Set<string>([
            ...(indexed ?? tableOf(table).keys()),
            ...(writes.get(table)?.keys() ?? []),
          ]);
          const rows: AnyRecord[] = [];
          for (const id of ids) {
            const row = read(table, id);
            if (row && matchesFilter(row, filter)) rows.push(row);
          }
          return paginate(rows, page).map(copy) as Array<StoreTables[typeof table]>;
        },
        async insert(table, record) {
          if (read(table, record.id)) throw duplicate(table, record.id);
          writesOf(table).set(record.id, copy(record));
          inserted.push([table, record.id]);
        },
        async update(table, id, patch) {
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
          writesOf(table).set(id, DELETED);
        },
      };

      try {
        const result = await work(tx);
        // Commit is synchronous: no other transaction observes half of it.
        for (const [table, id] of inserted) {
          if (tableOf(table).has(id)) throw duplicate(table, id);
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
  return value === undefined ? value : structuredClone(value);
}

const INDEXED_FIELDS = ["payment_collection_id", "payment_id"] as const;

/** Committed row ids by the fields the service looks rows up by (a collection's or a payment's rows). */
class MemoryIndexes {
  private readonly byField = new Map<string, Map<string, Set<string>>>();

  add(table: TableName, row: AnyRecord): void {
    for (const field of INDEXED_FIELDS) {
      const value: unknown = Reflect.get(row, field);
      if (typeof value !== "string") continue;
      const key = `${table}.${field}`;
      let values = this.byField.get(key);
      if (!values) {
        values = new Map();
        this.byField.set(key, values);
      }
      let ids = values.get(value);
      if (!ids) {
        ids = new Set();
        values.set(value, ids);
      }
      ids.add(row.id);
    }
  }

  remove(table: TableName, row: AnyRecord | undefined): void {
    if (!row) return;
    for (const field of INDEXED_FIELDS) {
      const value: unknown = Reflect.get(row, field);
      if (typeof value === "string")
        this.byField.get(`${table}.${field}`)?.get(value)?.delete(row.id);
    }
  }

  /** The committed ids a filter can match, or undefined when no index applies (scan the table). */
  candidates(
    table: TableName,
    filter: StoreFilter<AnyRecord> | undefined,
  ): Iterable<string> | undefined {
    if (!filter) return undefined;
    for (const field of INDEXED_FIELDS) {
      const wanted: unknown = Reflect.get(filter, field);
      if (wanted === undefined) continue;
      const values: unknown[] = Array.isArray(wanted) ? wanted : [wanted];
      if (!values.every((v) => typeof v === "string")) continue;
      const index = this.byField.get(`${table}.${field}`);
      const ids = new Set<string>();
      for (const value of values) {
        if (typeof value === "string") for (const id of index?.get(value) ?? []) ids.add(id);
      }
      return ids;
    }
    return undefined;
  }
}
