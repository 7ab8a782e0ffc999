import type { StoreTables, TableName } from "@tender/core";

export { TABLE_NAMES } from "@tender/core/internal";

/** The tables whose rows belong to a payment collection's aggregate (and are loaded with it). */
export const AGGREGATE_TABLES = [
  "payment_collections",
  "payment_sessions",
  "payments",
  "captures",
  "refunds",
] as const satisfies readonly TableName[];

export type AggregateTable = (typeof AGGREGATE_TABLES)[number];

export function isAggregateTable(table: TableName): table is AggregateTable {
  return AGGREGATE_TABLES.some((candidate) => candidate === table);
}

/** Rows by id, per table, each map typed with its table's record. */
export type RowMaps = { [K in TableName]: Map<string, StoreTables[K]> };

/** A buffered change to one row: its final state when the transaction commits. */
export type Write<TRecord> = { kind: "insert" | "update"; record: TRecord } | { kind: "delete" };

export type WriteMaps = { [K in TableName]: Map<string, Write<StoreTables[K]>> };

export function emptyRowMaps(): RowMaps {
  return {
    payment_collections: new Map(),
    payment_sessions: new Map(),
    payments: new Map(),
    captures: new Map(),
    refunds: new Map(),
    disputes: new Map(),
    refund_reasons: new Map(),
    account_holders: new Map(),
    idempotency_keys: new Map(),
    webhook_events: new Map(),
    outbox_events: new Map(),
  };
}

export function emptyWriteMaps(): WriteMaps {
  return {
    payment_collections: new Map(),
    payment_sessions: new Map(),
    payments: new Map(),
    captures: new Map(),
    refunds: new Map(),
    disputes: new Map(),
    refund_reasons: new Map(),
    account_holders: new Map(),
    idempotency_keys: new Map(),
    webhook_events: new Map(),
    outbox_events: new Map(),
  };
}
