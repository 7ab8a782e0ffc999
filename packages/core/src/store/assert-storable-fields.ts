import { assertJsonValue, assertStorableText, STORED_JSON_LIMITS } from "../records/json-value";
import type { TableName } from "./payment-store";
import { TABLE_NAMES, TABLES } from "./tables";

/** Each table's fields of one kind. */
function fieldsOfKind(kind: string): Map<TableName, readonly string[]> {
  return new Map(
    TABLE_NAMES.map((table) => {
      const fields: Readonly<Record<string, string>> = TABLES[table].fields;
      return [table, Object.keys(fields).filter((field) => fields[field] === kind)];
    }),
  );
}

/** The fields a caller fills with structured data. */
const JSON_FIELDS = fieldsOfKind("json");
/** The text fields: ids, codes, notes, statuses. */
const TEXT_FIELDS = fieldsOfKind("text");

/**
 * Refuses a record or a patch whose JSON fields are not JSON values within
 * the store's limits (see {@link assertJsonValue}), or whose text fields hold
 * a character PostgreSQL cannot store (see {@link assertStorableText}), with
 * `invalid_argument` naming the table, field and place (`payment_sessions.data.card[0]`). Every
 * store calls it in `insert` and `update` before keeping anything, so a value
 * one store could not hold is refused the same way by all of them.
 * `document` fields (an event's payload) are written by the service alone and
 * are not checked.
 */
export function assertStorableFields(table: TableName, fields: object): void {
  for (const field of JSON_FIELDS.get(table) ?? []) {
    const value: unknown = Reflect.get(fields, field);
    if (value === undefined || value === null) continue;
    assertJsonValue(value, `${table}.${field}`, STORED_JSON_LIMITS);
  }
  for (const field of TEXT_FIELDS.get(table) ?? []) {
    const value: unknown = Reflect.get(fields, field);
    if (typeof value === "string") assertStorableText(value, `${table}.${field}`);
  }
}
