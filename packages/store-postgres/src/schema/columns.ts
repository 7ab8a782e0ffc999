import type { StoreTables, TableName } from "@tender/core";

/** The SQL type of a column, as parameters are cast (`$1::timestamptz`). */
export type ColumnType = "text" | "bigint" | "integer" | "timestamptz" | "jsonb";

type TableColumns = {
  readonly [K in TableName]: { readonly [C in keyof StoreTables[K] & string]: ColumnType };
};

/**
 * Every record field and its column type. The mapped type makes a field added
 * to a record in core a compile error here until it has a column (and a migration).
 */
export const COLUMNS: TableColumns = {
  payment_collections: {
    id: "text",
    created_at: "timestamptz",
    updated_at: "timestamptz",
    currency_code: "text",
    amount: "bigint",
    region_id: "text",
    status: "text",
    authorized_amount: "bigint",
    captured_amount: "bigint",
    refunded_amount: "bigint",
    completed_at: "timestamptz",
    metadata: "jsonb",
  },
  payment_sessions: {
    id: "text",
    created_at: "timestamptz",
    updated_at: "timestamptz",
    payment_collection_id: "text",
    provider_id: "text",
    currency_code: "text",
    amount: "bigint",
    status: "text",
    raw_status: "text",
    data: "jsonb",
    context: "jsonb",
    next_action: "jsonb",
    error: "jsonb",
    authorized_at: "timestamptz",
    payment_id: "text",
    authorization_attempt: "integer",
    authorization_started_at: "timestamptz",
    provider_call: "jsonb",
    provider_call_started_at: "timestamptz",
    metadata: "jsonb",
  },
  payments: {
    id: "text",
    created_at: "timestamptz",
    updated_at: "timestamptz",
    payment_collection_id: "text",
    payment_session_id: "text",
    provider_id: "text",
    currency_code: "text",
    amount: "bigint",
    captured_amount: "bigint",
    refunded_amount: "bigint",
    released_amount: "bigint",
    status: "text",
    data: "jsonb",
    capture_before: "timestamptz",
    captured_at: "timestamptz",
    canceled_at: "timestamptz",
    cancel_started_at: "timestamptz",
    expired_at: "timestamptz",
    expiry_warned_at: "timestamptz",
    metadata: "jsonb",
  },
  captures: {
    id: "text",
    created_at: "timestamptz",
    updated_at: "timestamptz",
    payment_id: "text",
    amount: "bigint",
    status: "text",
    created_by: "text",
    idempotency_key: "text",
    error: "jsonb",
    data: "jsonb",
  },
  refunds: {
    id: "text",
    created_at: "timestamptz",
    updated_at: "timestamptz",
    payment_id: "text",
    amount: "bigint",
    status: "text",
    created_by: "text",
    refund_reason_id: "text",
    note: "text",
    idempotency_key: "text",
    error: "jsonb",
    data: "jsonb",
  },
  refund_reasons: {
    id: "text",
    created_at: "timestamptz",
    updated_at: "timestamptz",
    label: "text",
    code: "text",
    description: "text",
    metadata: "jsonb",
  },
  account_holders: {
    id: "text",
    created_at: "timestamptz",
    updated_at: "timestamptz",
    provider_id: "text",
    customer_id: "text",
    external_id: "text",
    email: "text",
    data: "jsonb",
    metadata: "jsonb",
  },
  idempotency_keys: {
    id: "text",
    created_at: "timestamptz",
    updated_at: "timestamptz",
    operation: "text",
    request_hash: "text",
    result_id: "text",
  },
  webhook_events: {
    id: "text",
    created_at: "timestamptz",
    updated_at: "timestamptz",
    provider_id: "text",
    event_id: "text",
    action: "text",
    session_id: "text",
  },
  outbox_events: {
    id: "text",
    created_at: "timestamptz",
    updated_at: "timestamptz",
    name: "text",
    aggregate_id: "text",
    sequence: "bigint",
    data: "jsonb",
    attempts: "integer",
    available_at: "timestamptz",
    claimed_until: "timestamptz",
    parked_at: "timestamptz",
    last_error: "text",
  },
};

const byTable = new Map<TableName, ReadonlyArray<readonly [string, ColumnType]>>();

/** A table's columns in a stable order, `id` first. */
export function columnsOf(table: TableName): ReadonlyArray<readonly [string, ColumnType]> {
  let columns = byTable.get(table);
  if (!columns) {
    columns = Object.entries(COLUMNS[table]);
    byTable.set(table, columns);
  }
  return columns;
}

export function columnType(table: TableName, column: string): ColumnType | undefined {
  return columnsOf(table).find(([name]) => name === column)?.[1];
}
