import { TenderError } from "@tender/core";
import { packEventData } from "@tender/core/internal";
import type { ColumnType } from "./columns";
import { isoTime } from "./iso-time";

/** A parameter as sent to the driver: PostgreSQL casts it (`$1::bigint`). */
export type EncodedValue = string | number | null;

const EXPECTED: Readonly<Record<ColumnType, string>> = {
  timestamptz: "a valid Date",
  text: "a string",
  bigint: "a safe integer",
  integer: "a safe integer",
  jsonb: "JSON",
  json: "an event's payload (an object)",
};

/**
 * Turns a record field into a parameter: Dates as ISO strings (millisecond
 * precision, which timestamptz(3) keeps exactly), JSON as text, integers as
 * numbers, an event's payload packed (`packEventData`). A value of the wrong kind is refused before anything is sent.
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
      return JSON.stringify(value);
    case "json":
      // `json` columns hold `document` fields, an event's payload: kept packed.
      if (typeof value === "object") return JSON.stringify(packEventData(value));
      break;
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
    message: `Column ${column} holds ${EXPECTED[type]}; got ${typeof value}.`,
  });
}
