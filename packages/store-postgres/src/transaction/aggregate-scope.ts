import type { TableName } from "@tender/core";
import { TABLES } from "@tender/core/internal";
import type { TransactionState } from "./transaction-state";

function field(source: object | undefined, key: string): unknown {
  return source ? Reflect.get(source, key) : undefined;
}

/** A filter's value for `key` as a list of ids, or undefined when it is not ids (absent, null, ...). */
function idsIn(filter: object | undefined, key: string): string[] | undefined {
  const value = field(filter, key);
  const values: unknown[] = Array.isArray(value) ? value : [value];
  const ids = values.filter((item): item is string => typeof item === "string");
  return ids.length === values.length ? ids : undefined;
}

/**
 * Whether a list is scoped to aggregates this transaction holds whole (by
 * collection id, or by the payment id of a payment it holds): then memory
 * answers it exactly, filter and page included, with no SQL.
 */
export function isScopedToHeldAggregates(
  state: TransactionState,
  table: TableName,
  filter: object | undefined,
): boolean {
  switch (table) {
    case "payment_collections":
      return idsIn(filter, "id")?.every((id) => state.holdsAggregate(id)) ?? false;
    case "payment_sessions":
    case "payments":
      return (
        idsIn(filter, "payment_collection_id")?.every((id) => state.holdsAggregate(id)) ?? false
      );
    case "captures":
    case "refunds":
      return (
        idsIn(filter, "payment_id")?.every((id) => {
          const payment = state.view("payments", id);
          return payment !== undefined && state.holdsAggregate(payment.payment_collection_id);
        }) ?? false
      );
    default:
      return false;
  }
}

/**
 * The row a new aggregate member hangs from (a session's collection, a
 * capture's payment): reading it loads the aggregate, so the commit checks
 * the aggregate's version.
 */
export function parentOf(
  table: TableName,
  record: object,
): { table: "payment_collections" | "payments"; id: string } | undefined {
  const link = TABLES[table].parent;
  if (!link || (link.table !== "payment_collections" && link.table !== "payments"))
    return undefined;
  const id = field(record, link.field);
  return typeof id === "string" ? { table: link.table, id } : undefined;
}
