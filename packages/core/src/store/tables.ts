import type { StoreTables, TableName } from "./payment-store";

/**
 * How a field is kept: the SQL stores map each kind to a column type. `json`
 * is queryable structured data; `document` is JSON written once and read
 * whole (an event's payload), kept as it was written, which is cheaper to store.
 */
export type FieldKind = "text" | "integer" | "bigint" | "timestamp" | "json" | "document";

/** The row a row hangs from: its table, and the field holding that row's id. */
export interface ParentLink<TTable extends TableName> {
  table: TableName;
  field: keyof StoreTables[TTable] & string;
}

/** One table: what its rows hang from, and every field of its record with its kind. */
export interface TableDeclaration<TTable extends TableName> {
  parent: ParentLink<TTable> | null;
  fields: { readonly [F in keyof StoreTables[TTable] & string]: FieldKind };
}

/**
 * Every table of a store, declared once for every store: its fields (the
 * mapped type makes a field added to a record a compile error here until it
 * is declared) and the aggregate it belongs to. A session and a payment hang
 * from their collection, a capture and a refund from their payment: deleting
 * a row deletes what hangs from it (the memory store does it from this
 * declaration; the SQL schema's ON DELETE CASCADE matches it, and a test
 * checks the migrated columns against these fields). Tables with no parent
 * stand alone; the outbox stands alone on purpose, so deleting a collection
 * never drops an event it already committed.
 */
export const TABLES: { readonly [K in TableName]: TableDeclaration<K> } = {
  payment_collections: {
    parent: null,
    fields: {
      id: "text",
      created_at: "timestamp",
      updated_at: "timestamp",
      currency_code: "text",
      amount: "bigint",
      region_id: "text",
      status: "text",
      authorized_amount: "bigint",
      captured_amount: "bigint",
      refunded_amount: "bigint",
      disputed_amount: "bigint",
      completed_at: "timestamp",
      metadata: "json",
    },
  },
  payment_sessions: {
    parent: { table: "payment_collections", field: "payment_collection_id" },
    fields: {
      id: "text",
      created_at: "timestamp",
      updated_at: "timestamp",
      payment_collection_id: "text",
      provider_id: "text",
      currency_code: "text",
      amount: "bigint",
      status: "text",
      raw_status: "text",
      data: "json",
      context: "json",
      next_action: "json",
      error: "json",
      authorized_at: "timestamp",
      authorized_amount: "bigint",
      payment_id: "text",
      authorization_attempt: "integer",
      authorization_started_at: "timestamp",
      provider_call: "json",
      provider_call_started_at: "timestamp",
      claimed_until: "timestamp",
      metadata: "json",
    },
  },
  payments: {
    parent: { table: "payment_collections", field: "payment_collection_id" },
    fields: {
      id: "text",
      created_at: "timestamp",
      updated_at: "timestamp",
      payment_collection_id: "text",
      payment_session_id: "text",
      provider_id: "text",
      currency_code: "text",
      amount: "bigint",
      captured_amount: "bigint",
      refunded_amount: "bigint",
      released_amount: "bigint",
      disputed_amount: "bigint",
      status: "text",
      data: "json",
      capture_before: "timestamp",
      captured_at: "timestamp",
      canceled_at: "timestamp",
      cancel_started_at: "timestamp",
      cancel_attempt: "integer",
      increment_amount: "bigint",
      increment_started_at: "timestamp",
      increment_attempt: "integer",
      claimed_until: "timestamp",
      expired_at: "timestamp",
      expiry_warned_at: "timestamp",
      surplus_at: "timestamp",
      surplus_returning_at: "timestamp",
      risk_signals: "json",
      metadata: "json",
    },
  },
  captures: {
    parent: { table: "payments", field: "payment_id" },
    fields: {
      id: "text",
      created_at: "timestamp",
      updated_at: "timestamp",
      payment_id: "text",
      amount: "bigint",
      status: "text",
      created_by: "text",
      idempotency_key: "text",
      error: "json",
      data: "json",
      claimed_until: "timestamp",
    },
  },
  refunds: {
    parent: { table: "payments", field: "payment_id" },
    fields: {
      id: "text",
      created_at: "timestamp",
      updated_at: "timestamp",
      payment_id: "text",
      amount: "bigint",
      status: "text",
      created_by: "text",
      refund_reason_id: "text",
      note: "text",
      idempotency_key: "text",
      error: "json",
      data: "json",
      claimed_until: "timestamp",
    },
  },
  // Stands alone (no cascade): a dispute is the provider's record of money
  // taken back, and its payment (captured) can never be deleted.
  disputes: {
    parent: null,
    fields: {
      id: "text",
      created_at: "timestamp",
      updated_at: "timestamp",
      payment_id: "text",
      payment_collection_id: "text",
      provider_id: "text",
      provider_dispute_id: "text",
      amount: "bigint",
      currency_code: "text",
      reason: "text",
      status: "text",
      raw_status: "text",
      evidence_due_by: "timestamp",
      closed_at: "timestamp",
      data: "json",
    },
  },
  refund_reasons: {
    parent: null,
    fields: {
      id: "text",
      created_at: "timestamp",
      updated_at: "timestamp",
      label: "text",
      code: "text",
      description: "text",
      metadata: "json",
    },
  },
  account_holders: {
    parent: null,
    fields: {
      id: "text",
      created_at: "timestamp",
      updated_at: "timestamp",
      provider_id: "text",
      customer_id: "text",
      external_id: "text",
      email: "text",
      data: "json",
      metadata: "json",
    },
  },
  idempotency_keys: {
    parent: null,
    fields: {
      id: "text",
      created_at: "timestamp",
      updated_at: "timestamp",
      operation: "text",
      request_hash: "text",
      result_id: "text",
    },
  },
  webhook_events: {
    parent: null,
    fields: {
      id: "text",
      created_at: "timestamp",
      updated_at: "timestamp",
      provider_id: "text",
      event_id: "text",
      action: "text",
      session_id: "text",
    },
  },
  outbox_events: {
    parent: null,
    fields: {
      id: "text",
      created_at: "timestamp",
      updated_at: "timestamp",
      name: "text",
      aggregate_id: "text",
      sequence: "bigint",
      data: "document",
      attempts: "integer",
      available_at: "timestamp",
      claimed_until: "timestamp",
      parked_at: "timestamp",
      last_error: "text",
    },
  },
};

/** Every table a store keeps, parents before the rows that hang from them. */
export const TABLE_NAMES: readonly TableName[] = [
  "payment_collections",
  "payment_sessions",
  "payments",
  "captures",
  "refunds",
  "disputes",
  "refund_reasons",
  "account_holders",
  "idempotency_keys",
  "webhook_events",
  "outbox_events",
];

/** The tables whose rows hang from rows of `table`, with the field that says which. */
export function childrenOf(table: TableName): Array<{ table: TableName; field: string }> {
  const children: Array<{ table: TableName; field: string }> = [];
  for (const child of TABLE_NAMES) {
    const link = TABLES[child].parent;
    if (link?.table === table) children.push({ table: child, field: link.field });
  }
  return children;
}

/** The collection aggregate's tables: the collection and every table that hangs from it, directly or not. */
export function aggregateTables(): TableName[] {
  const members: TableName[] = ["payment_collections"];
  for (let i = 0; i < members.length; i++) {
    const table = members[i];
    if (table) for (const child of childrenOf(table)) members.push(child.table);
  }
  return members;
}
