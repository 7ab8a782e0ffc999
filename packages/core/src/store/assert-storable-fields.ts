import { assertJsonValue, STORED_JSON_LIMITS } from "../records/json-value";
import type { TableName } from "./payment-store";
import { TABLE_NAMES, TABLES } from "./tables";

/** Each table's fields of kind `json`, the ones a caller fills with structured data. */
const JSON_FIELDS = new Map<TableName, readonly string[]>(
  TABLE_NAMES.map((table) => {
    const fields: Readonly<Record<string, string>> = TABLES[table].fields;
    return [table, Object.keys(fields).filter((field) => fields[field] === "json")];
  }),
);

/**
 * Refuses a record or a patch whose JSON fields are not JSON values within
 * the store's limits (see {@link assertJsonValue}), with `invalid_argument`
 * naming the table, field and place (`payment_sessions.data.card[0]`). Every
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
}
