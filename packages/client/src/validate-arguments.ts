import { TenderError } from "@tender/core";
import { amountAsCode } from "./amount-input";
import { describeValue, isPlainObject } from "./describe-value";

/*
 * Run-time checks of what callers hand the client. The types say the same at
 * compile time, but plain JavaScript (and `any`) bypasses them, and a wrong
 * argument must never be read as a default: `capture(3000)` read as
 * `capture()` would capture everything. Every entry runs these before it
 * calls the service, so a refused call changes nothing and reaches no provider.
 */

/** A misuse of the client: `message` says what to pass instead. */
export function invalidArgument(message: string): TenderError {
  return new TenderError({ code: "invalid_argument", message });
}

/** How an options argument is named, what it holds, and how to write it. */
export interface FieldsRule {
  /** The argument as the message names it: `payment.capture(options)`. */
  where: string;
  /** Every field it takes; any other is refused, so a typo is an error and not a silent default. */
  fields: readonly string[];
  /** The call written the right way: `payment.capture({ amount: 3000 })`. */
  example: string;
  /**
   * For a call whose options carry an amount: what to write when the amount
   * itself was passed in their place (`to capture 3000, call ...`).
   */
  withAmount?: (amount: string) => string;
}

/**
 * The own fields of an options object; anything else (null, a number, an
 * array, a class instance) or a field the call does not know is refused.
 */
export function requireFields(value: unknown, rule: FieldsRule): Record<string, unknown> {
  // Before the object check: money("30.00", "usd") is an object too, and still an amount.
  const amount = amountAsCode(value);
  if (amount !== undefined && rule.withAmount) {
    throw invalidArgument(
      `${rule.where} takes an options object, not an amount; got ${amount}: ${rule.withAmount(amount)}.`,
    );
  }
  if (!isPlainObject(value)) {
    throw invalidArgument(
      `${rule.where} must be an object like ${rule.example}; got ${describeValue(value)}.`,
    );
  }
  for (const key of Object.keys(value)) {
    if (!rule.fields.includes(key)) {
      throw invalidArgument(
        `${rule.where} has no field "${key}"${closest(key, rule.fields)}; its fields are ${rule.fields.join(", ")}.`,
      );
    }
  }
  return Object.fromEntries(Object.entries(value));
}

/** Like {@link requireFields}, for options that may be left out: none is `{}`. */
export function optionalFields(value: unknown, rule: FieldsRule): Record<string, unknown> {
  return value === undefined ? {} : requireFields(value, rule);
}

/**
 * An object of free-form fields (a provider's session data, a context,
 * metadata), copied; what may be stored in it the service checks. A class
 * instance is refused here, since its copy would lose what the service
 * refuses it for (a Date, a Map).
 */
export function optionalObject(
  value: unknown,
  field: string,
  withAmount?: (amount: string) => string,
): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  const amount = amountAsCode(value);
  if (amount !== undefined && withAmount) {
    throw invalidArgument(
      `${field} must be an object, not an amount; got ${amount}: ${withAmount(amount)}.`,
    );
  }
  if (!isPlainObject(value)) {
    throw invalidArgument(
      `${field} must be a plain object of JSON values; got ${describeValue(value)}.`,
    );
  }
  return Object.fromEntries(Object.entries(value));
}

/** A record's id, as a resume call takes it: `tender.payment("pay_...")`. */
export function requireId(value: unknown, field: string, example: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw invalidArgument(
      `${field} must be a non-empty string id like "${example}"; got ${describeValue(value)}.`,
    );
  }
  return value;
}

/** A string field that may be left out; null is not "left out", so it is refused too. */
export function optionalString(
  value: unknown,
  field: string,
  limits: { min?: number; max?: number } = {},
): string | undefined {
  if (value === undefined) return undefined;
  const min = limits.min ?? 0;
  const max = limits.max ?? Number.POSITIVE_INFINITY;
  if (typeof value !== "string" || value.length < min || value.length > max) {
    const what =
      max < Number.POSITIVE_INFINITY
        ? `a string of ${min} to ${max} characters`
        : min > 0
          ? "a non-empty string"
          : "a string";
    throw invalidArgument(`${field} must be ${what} or left out; got ${describeValue(value)}.`);
  }
  return value;
}

export function requireFunction(value: unknown, field: string): void {
  if (typeof value !== "function") {
    throw invalidArgument(`${field} must be a function; got ${describeValue(value)}.`);
  }
}

/**
 * For a call that takes nothing: an argument means the caller expects
 * something the call does not do (`cancel(500)` releases everything, not 500).
 * `undefined` counts as nothing, as it does for an optional parameter.
 */
export function noArguments(args: readonly unknown[], where: string, hint = ""): void {
  const given = args.find((arg) => arg !== undefined);
  if (given !== undefined) {
    throw invalidArgument(
      `${where} takes no arguments; got ${describeValue(given)}.${hint ? ` ${hint}` : ""}`,
    );
  }
}

/** ` (did you mean "idempotencyKey"?)` for `idempotency_key`, `Amount` and the like. */
function closest(key: string, fields: readonly string[]): string {
  const loose = (name: string) => name.replaceAll("_", "").toLowerCase();
  const match = fields.find((field) => loose(field) === loose(key));
  return match ? ` (did you mean "${match}"?)` : "";
}
