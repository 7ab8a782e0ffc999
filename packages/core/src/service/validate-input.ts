import { TenderError } from "../errors/tender-error";
import { assertJsonValue, assertStorableText } from "../records/json-value";

/**
 * A plain object from the caller (an object literal, or one with a null
 * prototype), or an `invalid_argument` error naming where it was expected.
 * A class instance, a Map, a Date or a typed array is refused rather than
 * read: its fields may be getters or live on its prototype, which a copy of
 * its own fields would silently lose. Spread it (`{ ...dto }`) to pass it.
 */
export function requireObject(value: unknown, where: string): Record<string, unknown> {
  if (!isPlainObject(value)) {
    const instance = typeof value === "object" && value !== null && !Array.isArray(value);
    throw new TenderError({
      code: "invalid_argument",
      message: instance
        ? `${where} must be a plain object; got ${describe(value)}. Pass its fields as an object literal ({ ...value }).`
        : `${where} must be an object; got ${describe(value)}.`,
    });
  }
  return Object.fromEntries(Object.entries(value));
}

/** An object literal or an object with a null prototype: what JSON would make. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Refuses keys the call does not know, so a typo (`amout`) is an error and not a silent default. */
export function rejectUnknownKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  where: string,
): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new TenderError({
        code: "invalid_argument",
        message: `${where} has no field "${key}"; the fields are ${allowed.join(", ")}.`,
      });
    }
  }
}

export function requireId(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new TenderError({
      code: "invalid_argument",
      message: `${field} must be a non-empty string id; got ${describe(value)}.`,
    });
  }
  assertStorableText(value, field);
  return value;
}

/** An id that may be left out (`undefined` or `null`); when given, as {@link requireId} checks it. */
export function optionalId(value: unknown, field: string): string | null | undefined {
  if (value === undefined || value === null) return value;
  return requireId(value, field);
}

/**
 * A whole number option (a limit, a duration in milliseconds), `fallback`
 * when left out; `where` names it in the error (`reconcile(options).limit`).
 */
export function optionalWholeNumber(
  value: unknown,
  where: string,
  { fallback, min }: { fallback: number; min: number },
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    throw new TenderError({
      code: "invalid_argument",
      message: `${where} must be a whole number, ${min} or more; got ${describe(value)}.`,
    });
  }
  return value;
}

export function optionalString(value: unknown, field: string): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value !== "string") {
    throw new TenderError({
      code: "invalid_argument",
      message: `${field} must be a string when given; got ${describe(value)}.`,
    });
  }
  assertStorableText(value, field);
  return value;
}

export function optionalObject(value: unknown, field: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  return requireObject(value, field);
}

/**
 * A JSON object the caller hands in to be stored (`data`, `context`), checked
 * once, before anything is written, against what every store can hold: JSON
 * values only, within `MAX_JSON_DEPTH` and `MAX_JSON_BYTES` (see
 * {@link assertJsonValue}). `where` names the argument in the error when it
 * is not an object; `field` is where a bad value inside it is said to be.
 */
export function optionalJsonObject(
  value: unknown,
  field: string,
  where: string = field,
): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  const object = requireObject(value, where);
  assertJsonValue(value, field);
  return object;
}

/**
 * A stored object with the caller's fields laid over it (a session's data or
 * context on update). Each part was checked alone; together they may outgrow
 * `MAX_JSON_BYTES`, and are refused before anything is written.
 */
export function mergeJsonObject(
  current: Record<string, unknown>,
  input: Record<string, unknown>,
  field: string,
): Record<string, unknown> {
  const merged = { ...current, ...input };
  assertJsonValue(merged, `${field} (merged into the session's ${field})`);
  return merged;
}

/** Metadata the caller hands in: a JSON object as {@link optionalJsonObject} checks it, or null to clear it. */
export function optionalMetadata(
  value: unknown,
  field: string,
): Record<string, unknown> | null | undefined {
  if (value === null) return null;
  return optionalJsonObject(value, field);
}

/** One id or a non-empty list of ids. */
export function requireIds(value: unknown, field: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      throw new TenderError({
        code: "invalid_argument",
        message: `${field} must name at least one id.`,
      });
    }
    return value.map((id, index) => requireId(id, `${field}[${index}]`));
  }
  return [requireId(value, field)];
}

export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object" && !isPlainObject(value)) {
    const name = constructorName(value);
    return name ? `a ${name}` : "an object that is not plain";
  }
  return typeof value === "object" ? "an object" : typeof value;
}

/**
 * The field list of an input type, checked against the type both ways: a
 * name the type lacks and a field of the type left out are compile errors,
 * so `rejectUnknownKeys` and the public type never drift apart.
 *
 * @example
 * ```ts
 * const FIELDS = fieldsOf<CapturePaymentInput>()(["payment_id", "amount", "captured_by", "idempotency_key"]);
 * ```
 */
export function fieldsOf<TInput>() {
  return <const TKeys extends ReadonlyArray<keyof TInput & string>>(
    keys: TKeys &
      (Exclude<keyof TInput, TKeys[number]> extends never
        ? unknown
        : MissingFields<Exclude<keyof TInput, TKeys[number]>>),
  ): TKeys => keys;
}

/** The compile error of {@link fieldsOf} when the list leaves fields out. */
type MissingFields<TMissing> = { "the field list leaves out": TMissing };

/** The name of a class instance's constructor, if it says one; never throws on a hostile object. */
function constructorName(value: object): string | undefined {
  try {
    const name: unknown = Object.getPrototypeOf(value)?.constructor?.name;
    return typeof name === "string" && /^[A-Za-z_$][\w$]{0,63}$/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}
