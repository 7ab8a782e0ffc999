import { TenderError } from "@tender/core";
import type { ColumnType } from "./columns";
import { isoTime } from "./iso-time";

/** A parameter as sent to the driver: PostgreSQL casts it (`$1::bigint`). */
export type EncodedValue = string | number | null;

/**
 * Turns a record field into a parameter: Dates as ISO strings (millisecond
 * precision, which timestamptz(3) keeps exactly), JSON as text, integers as
 * numbers. A value of the wrong kind is refused before anything is sent.
 * JSON fields are stringified as they are: `insert` and `update` refused
 * anything `JSON.stringify` would drop, change or throw on, or PostgreSQL
 * could not store (`assertStorableFields`), before the row was staged.
 */
export function encodeValue(type: ColumnType, value: unknown, column: string): EncodedValue {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "timestamptz":
      if (value instanceof Date && !Number.isNaN(value.getTime())) return isoTime(value);
      break;
    case "jsonb":
    case "json":
      return JSON.stringify(value);
    case "bigint":
    case "integer":
      if (typeof value === "number" && Number.isSafeInteger(value)) return value;
      break;
    case "text":
      if (typeof value === "string") return value;
      break;
  }
  throw new TenderError({
    code: "invalid_argument",
    message: `Column ${column} holds ${type === "timestamptz" ? "a valid Date" : type === "text" ? "a string" : "a safe integer"}; got ${typeof value}.`,
  });
}
