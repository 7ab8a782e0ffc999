import type { StoreTables, TableName } from "./payment-store";

/** The row a row hangs from: its table, and the field holding that row's id. */
export interface ParentLink<TTable extends TableName> {
  table: TableName;
  field: keyof StoreTables[TTable] & string;
}

/**
 * Which aggregate each table's rows belong to, declared once for every store:
 * a session and a payment hang from their collection, a capture and a refund
 * from their payment. Deleting a row deletes what hangs from it (as the SQL
 * schema's ON DELETE CASCADE does), and a store may load an aggregate whole.
 * Tables with no parent stand alone; the outbox stands alone on purpose, so
 * deleting a collection never drops an event it already committed.
 */
export const TABLE_PARENTS: { readonly [K in TableName]: ParentLink<K> | null } = {
  payment_collections: null,
  payment_sessions: { table: "payment_collections", field: "payment_collection_id" },
  payments: { table: "payment_collections", field: "payment_collection_id" },
  captures: { table: "payments", field: "payment_id" },
  refunds: { table: "payments", field: "payment_id" },
  refund_reasons: null,
  account_holders: null,
  idempotency_keys: null,
  webhook_events: null,
  outbox_events: null,
};

/** Every table a store keeps, parents before the rows that hang from them. */
export const TABLE_NAMES: readonly TableName[] = [
  "payment_collections",
  "payment_sessions",
  "payments",
  "captures",
  "refunds",
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
    const link = TABLE_PARENTS[child];
    if (link?.table === table) children.push({ table: child, field: link.field });
  }
  return children;
}
