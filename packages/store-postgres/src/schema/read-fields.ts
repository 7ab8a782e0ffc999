import {
  type NextAction,
  type RiskSignal,
  type SessionError,
  type SessionProviderCall,
  TenderError,
} from "@tender/core";
import { isRiskSignal, unpackEventData } from "@tender/core/internal";
import { isMatching, P } from "ts-pattern";

const nextActionShape = {
  type: P.string,
  redirect_url: P.optional(P.string),
  client_secret: P.optional(P.string),
};
const sessionErrorShape = {
  code: P.string,
  message: P.string,
  decline_code: P.optional(P.string),
};

const plainObject = P.when(
  (value): value is Record<string, unknown> =>
    typeof value === "object" && value !== null && !Array.isArray(value),
);
const providerCallShape = {
  operation: P.union("initiate", "update"),
  idempotency_key: P.string,
  request: {
    amount: P.number,
    currency_code: P.string,
    data: plainObject,
    context: plainObject,
  },
};

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON as a driver returns it: parsed already (pg, PGlite), or as text (another driver). */
export function parseJson(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

/**
 * Reads the fields of one row from the database. Rows are untrusted input: a
 * field of the wrong kind is a `store_error` naming the table and column, never
 * a record that lies about its types.
 */
export class FieldReader {
  private readonly row: Record<string, unknown>;

  constructor(
    private readonly table: string,
    value: unknown,
  ) {
    const parsed = parseJson(value);
    if (!isRecord(parsed)) throw this.invalid("row", parsed);
    this.row = parsed;
  }

  text(key: string): string {
    const value = this.row[key];
    if (typeof value !== "string") throw this.invalid(key, value);
    return value;
  }

  nullableText(key: string): string | null {
    return this.row[key] === null || this.row[key] === undefined ? null : this.text(key);
  }

  /** bigint and integer columns; JSON gives numbers, some drivers give digit strings. */
  integer(key: string): number {
    const value = this.row[key];
    const number = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof number !== "number" || !Number.isSafeInteger(number)) throw this.invalid(key, value);
    return number;
  }

  nullableInteger(key: string): number | null {
    return this.row[key] === null || this.row[key] === undefined ? null : this.integer(key);
  }

  date(key: string): Date {
    const value = this.row[key];
    const date =
      value instanceof Date
        ? new Date(value.getTime())
        : new Date(typeof value === "string" ? value : Number.NaN);
    if (Number.isNaN(date.getTime())) throw this.invalid(key, value);
    return date;
  }

  nullableDate(key: string): Date | null {
    return this.row[key] === null || this.row[key] === undefined ? null : this.date(key);
  }

  object(key: string): Record<string, unknown> {
    const value = parseJson(this.row[key]);
    if (!isRecord(value)) throw this.invalid(key, value);
    return value;
  }

  /** An event's payload: packed (`packEventData`), or an object written before packing. */
  eventData(key: string): Record<string, unknown> {
    const value = parseJson(this.row[key]);
    if (!Array.isArray(value) && !isRecord(value)) throw this.invalid(key, value);
    return unpackEventData(value);
  }

  nullableObject(key: string): Record<string, unknown> | null {
    return this.row[key] === null || this.row[key] === undefined ? null : this.object(key);
  }

  oneOf<const TValue extends string>(key: string, values: readonly TValue[]): TValue {
    const value = this.row[key];
    const found = values.find((candidate) => candidate === value);
    if (found === undefined) throw this.invalid(key, value);
    return found;
  }

  nextAction(key: string): NextAction | null {
    const value = parseJson(this.row[key]);
    if (value === null || value === undefined) return null;
    if (!isMatching(nextActionShape, value)) throw this.invalid(key, value);
    return value;
  }

  sessionError(key: string): SessionError | null {
    const value = parseJson(this.row[key]);
    if (value === null || value === undefined) return null;
    if (!isMatching(sessionErrorShape, value)) throw this.invalid(key, value);
    return value;
  }

  riskSignals(key: string): RiskSignal[] {
    const value = parseJson(this.row[key]);
    if (!Array.isArray(value) || !value.every(isRiskSignal)) {
      throw this.invalid(key, value);
    }
    return value.map((item) => ({
      id: item.id,
      kind: item.kind,
      status: item.status,
      reason: item.reason,
      actionable: item.actionable,
    }));
  }

  providerCall(key: string): SessionProviderCall | null {
    const value = parseJson(this.row[key]);
    if (value === null || value === undefined) return null;
    if (!isMatching(providerCallShape, value)) throw this.invalid(key, value);
    const request = value.request;
    const metadata: unknown = Reflect.get(request, "metadata");
    return {
      operation: value.operation,
      idempotency_key: value.idempotency_key,
      request: {
        amount: request.amount,
        currency_code: request.currency_code,
        data: request.data,
        context: request.context,
        ...(metadata !== undefined ? { metadata: isRecord(metadata) ? metadata : null } : {}),
      },
    };
  }

  private invalid(key: string, value: unknown): TenderError {
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
    return new TenderError({
      code: "store_error",
      message: `The database returned a ${this.table} row whose ${key} is ${kind}, which Tender cannot read; check that the schema was migrated by this version of @tender/store-postgres.`,
      details: { table: this.table, column: key },
    });
  }
}
