import { isBefore } from "./filter-rows";
import type { StoreTables, TableName } from "./payment-store";
import { TABLE_NAMES, TABLES } from "./tables";

type AnyRecord = StoreTables[TableName];
type IndexFields<TTable extends TableName> = ReadonlyArray<keyof StoreTables[TTable] & string>;

/**
 * The lookups the service makes by more than the field a row hangs from its
 * parent by (those are indexed for every table with a parent, so a cascade
 * reads only the children): a collection's sessions of one status, the
 * sessions whose authorization is in flight (a time field is indexed by
 * whether it is set), a payment's captures and refunds of one status, and the
 * lookups the list methods take.
 */
const EXTRA_INDEXES: { readonly [K in TableName]?: ReadonlyArray<IndexFields<K>> } = {
  payment_sessions: [
    ["payment_collection_id", "status"],
    ["payment_collection_id", "authorization_started_at"],
  ],
  payments: [["payment_collection_id", "status"], ["payment_session_id"]],
  captures: [["payment_id", "status"]],
  refunds: [["payment_id", "status"], ["refund_reason_id"]],
  disputes: [["payment_id"], ["payment_collection_id"]],
};

function indexedFields(table: TableName): string[][] {
  const parent = TABLES[table].parent?.field;
  const extra: ReadonlyArray<ReadonlyArray<string>> = EXTRA_INDEXES[table] ?? [];
  return [...(parent ? [[parent]] : []), ...extra.map((fields) => [...fields])];
}

/** Where a list finds its candidate rows: runs of ids, each in list order when `ordered`. */
export interface Candidates {
  ordered: boolean;
  runs: Array<Iterable<string>>;
}

/**
 * The memory store's committed rows by the fields the service looks them up
 * by, so a lookup reads the rows it finds and not the whole collection: a
 * collection with thousands of sessions costs a call no more than one with
 * ten. Each key's ids are kept in list order (created_at, then id), so a
 * list that takes a page stops once it has the page.
 */
export class MemoryIndexes {
  private readonly byTable = new Map<TableName, FieldIndex[]>(
    TABLE_NAMES.map((table) => [
      table,
      indexedFields(table).map((fields) => new FieldIndex(fields)),
    ]),
  );

  add(table: TableName, row: AnyRecord): void {
    for (const index of this.byTable.get(table) ?? []) index.add(row);
  }

  remove(table: TableName, row: AnyRecord | undefined): void {
    if (!row) return;
    for (const index of this.byTable.get(table) ?? []) index.remove(row);
  }

  /**
   * The committed ids a filter can match, or undefined when no index applies
   * (the table is scanned). Ids named by the filter are read as they are;
   * otherwise the index with the fewest candidates answers. Candidates are a
   * superset: the caller still checks each row against the filter.
   */
  candidates(
    table: TableName,
    filter: object | undefined,
    order: "asc" | "desc" | undefined,
  ): Candidates | undefined {
    if (!filter) return undefined;
    const ids = conditionParts(Reflect.get(filter, "id"));
    if (ids?.every((part) => part.startsWith(STRING))) {
      return { ordered: false, runs: [new Set(ids.map((part) => part.slice(STRING.length)))] };
    }
    let best: { runs: OrderedIds[]; size: number } | undefined;
    for (const index of this.byTable.get(table) ?? []) {
      const runs = index.lookup(filter);
      if (!runs) continue;
      const size = runs.reduce((sum, run) => sum + run.size, 0);
      if (!best || size < best.size) best = { runs, size };
    }
    if (!best) return undefined;
    return {
      ordered: true,
      runs: best.runs.map((run) => (order === "desc" ? run.descending() : run.ascending())),
    };
  }
}

const STRING = "s:";
/**
 * Ends each field's part of a key. Stored text never holds NUL (the store
 * refuses it), so two rows' keys are equal exactly when their values are; a
 * filter value holding one can only widen a lookup, whose candidates the
 * caller checks against the filter anyway.
 */
const KEY_SEPARATOR = "\u0000";

/**
 * A row's value as an index keys it. A time field is keyed by whether it is
 * set, which answers `{ before }` (a superset of it) and `null`; strings and
 * null are keyed as they are, so a key is equal exactly when the filter's
 * equality is.
 */
function valuePart(value: unknown): string {
  if (typeof value === "string") return `${STRING}${value}`;
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (value instanceof Date) return "set";
  return "other";
}

/** The keys a filter condition can match, or undefined when an index cannot answer it. */
function conditionParts(condition: unknown): string[] | undefined {
  if (isBefore(condition)) return ["set"];
  const values: unknown[] = Array.isArray(condition) ? condition : [condition];
  const parts: string[] = [];
  for (const value of values) {
    if (typeof value !== "string" && value !== null) return undefined;
    parts.push(valuePart(value));
  }
  return parts;
}

/** One index: the ids of the rows with each combination of values of its fields. */
class FieldIndex {
  private readonly byKey = new Map<string, OrderedIds>();

  constructor(private readonly fields: readonly string[]) {}

  add(row: AnyRecord): void {
    const key = this.keyOf(row);
    let ids = this.byKey.get(key);
    if (!ids) {
      ids = new OrderedIds();
      this.byKey.set(key, ids);
    }
    ids.add(row);
  }

  remove(row: AnyRecord): void {
    const key = this.keyOf(row);
    const ids = this.byKey.get(key);
    if (!ids) return;
    ids.remove(row);
    if (ids.size === 0) this.byKey.delete(key);
  }

  /** The id runs of every key the filter matches, or undefined when it does not fix each field. */
  lookup(filter: object): OrderedIds[] | undefined {
    let keys = [""];
    for (const field of this.fields) {
      const parts = conditionParts(Reflect.get(filter, field));
      if (!parts) return undefined;
      const [only] = parts;
      keys =
        parts.length === 1 && only !== undefined
          ? keys.map((key) => `${key}${only}${KEY_SEPARATOR}`)
          : keys.flatMap((key) => parts.map((part) => `${key}${part}${KEY_SEPARATOR}`));
    }
    const runs: OrderedIds[] = [];
    for (const key of keys.length === 1 ? keys : new Set(keys)) {
      const ids = this.byKey.get(key);
      if (ids) runs.push(ids);
    }
    return runs;
  }

  private keyOf(row: AnyRecord): string {
    let key = "";
    for (const field of this.fields) key += `${valuePart(Reflect.get(row, field))}${KEY_SEPARATOR}`;
    return key;
  }
}

interface Entry {
  at: number;
  id: string;
}

/** Ids in list order, created_at then id (as `paginate` and SQL order them). */
class OrderedIds {
  private readonly entries: Entry[] = [];

  get size(): number {
    return this.entries.length;
  }

  add(row: AnyRecord): void {
    const entry = { at: timeOf(row), id: row.id };
    this.entries.splice(this.firstAtOrAfter(entry), 0, entry);
  }

  remove(row: AnyRecord): void {
    const entry = { at: timeOf(row), id: row.id };
    let position = this.firstAtOrAfter(entry);
    // A row whose time cannot be ordered is found by its id.
    if (this.entries[position]?.id !== row.id) {
      position = this.entries.findIndex((candidate) => candidate.id === row.id);
    }
    if (position >= 0) this.entries.splice(position, 1);
  }

  *ascending(): Generator<string> {
    for (const entry of this.entries) yield entry.id;
  }

  *descending(): Generator<string> {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i];
      if (entry) yield entry.id;
    }
  }

  private firstAtOrAfter(entry: Entry): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = this.entries[middle];
      if (other && compare(other, entry) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function timeOf(row: AnyRecord): number {
  return row.created_at instanceof Date ? row.created_at.getTime() : Number.NaN;
}

function compare(a: Entry, b: Entry): number {
  if (a.at !== b.at) return a.at - b.at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
