import type { TableName } from "@tender/core";
import { type ColumnType, columnsOf } from "../schema/columns";
import { type EncodedValue, encodeValue } from "../schema/encode-value";
import { isAggregateTable, TABLE_NAMES } from "./row-maps";
import type { TransactionState } from "./transaction-state";

export interface ColumnValue {
  column: string;
  type: ColumnType;
  value: EncodedValue;
}

/** The version check of one aggregate, carrying the collection row's own change (a row changes once per statement). */
export interface GuardPlan {
  id: string;
  version: number;
  change: { kind: "keep" } | { kind: "update"; values: ColumnValue[] } | { kind: "delete" };
}

export type RowWritePlan =
  | { kind: "insert"; table: TableName; id: string; values: ColumnValue[] }
  | { kind: "update"; table: TableName; id: string; values: ColumnValue[] }
  | { kind: "delete"; table: TableName; id: string };

export interface CommitPlan {
  guards: GuardPlan[];
  writes: RowWritePlan[];
}

/**
 * What a transaction's commit must send: a version guard for every loaded
 * aggregate it locked or wrote to, and each written row's final state (an
 * update sends only the columns that changed). Undefined when it wrote nothing.
 */
export function planCommit(state: TransactionState): CommitPlan | undefined {
  if (!state.hasWrites()) return undefined;
  const guarded = new Set<string>();
  // A cached aggregate is guarded like a locked one: its version may be stale.
  for (const [id, entry] of state.aggregates) if (entry.locked || entry.cached) guarded.add(id);
  const writes: RowWritePlan[] = [];
  for (const table of TABLE_NAMES) {
    for (const [id, write] of state.writes[table]) {
      const before = state.base[table].get(id);
      if (isAggregateTable(table)) {
        const row = write.kind === "delete" ? before : write.record;
        const collectionId = row ? state.aggregateOf(table, row) : undefined;
        if (collectionId !== undefined && state.aggregates.has(collectionId)) {
          guarded.add(collectionId);
        }
      }
      if (table === "payment_collections" && state.aggregates.has(id)) continue;
      if (write.kind === "delete") writes.push({ kind: "delete", table, id });
      else if (write.kind === "insert") {
        writes.push({ kind: "insert", table, id, values: rowValues(table, write.record) });
      } else {
        const values = changedValues(table, before, write.record);
        if (values.length > 0) writes.push({ kind: "update", table, id, values });
      }
    }
  }
  const guards = [...guarded].map((id): GuardPlan => {
    const version = state.aggregates.get(id)?.version ?? 0;
    const write = state.writes.payment_collections.get(id);
    if (write === undefined) return { id, version, change: { kind: "keep" } };
    if (write.kind === "delete") return { id, version, change: { kind: "delete" } };
    const before = state.base.payment_collections.get(id);
    return {
      id,
      version,
      change: {
        kind: "update",
        values: changedValues("payment_collections", before, write.record),
      },
    };
  });
  return { guards, writes };
}

function rowValues(table: TableName, row: object): ColumnValue[] {
  return columnsOf(table).map(([column, type]) => ({
    column,
    type,
    value: encodeValue(type, Reflect.get(row, column), `${table}.${column}`),
  }));
}

/** The columns whose encoded value changed; unchanged fields are skipped before encoding. */
function changedValues(table: TableName, before: object | undefined, after: object): ColumnValue[] {
  const changed: ColumnValue[] = [];
  for (const [column, type] of columnsOf(table)) {
    if (column === "id") continue;
    const next: unknown = Reflect.get(after, column);
    const previous: unknown = before ? Reflect.get(before, column) : undefined;
    if (before && (next === previous || sameInstant(previous, next))) continue;
    const value = encodeValue(type, next, `${table}.${column}`);
    if (before && value === encodeValue(type, previous, `${table}.${column}`)) continue;
    changed.push({ column, type, value });
  }
  return changed;
}

function sameInstant(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
}

/**
 * Every row a commit writes or guards (`table:id`): two commits whose
 * footprints meet are never sent in one statement, where a row can change only once.
 */
export function footprintOf(plan: CommitPlan): string[] {
  const rows = plan.guards.map((guard) => `payment_collections:${guard.id}`);
  for (const write of plan.writes) rows.push(`${write.table}:${write.id}`);
  return rows;
}
