import { TenderError } from "../errors/tender-error";

const MINOR_UNIT_RULE = "an integer in the currency's minor unit (5000 usd = $50.00)";

/**
 * Throws a `TenderError` with code `invalid_amount` unless `value` is a safe
 * integer (so arithmetic on it stays exact) of at least `min` (default 0).
 * `field` names the amount in the message (default `"amount"`).
 *
 * @example
 * ```ts
 * assertAmount(5000); // ok: $50.00 in usd
 * assertAmount(50.5); // throws: amount must be an integer in the currency's minor unit ...
 * assertAmount(-200, { field: "adjustment", min: Number.MIN_SAFE_INTEGER }); // ok
 * ```
 */
export function assertAmount(
  value: unknown,
  options: { field?: string; min?: number } = {},
): asserts value is number {
  const field = options.field ?? "amount";
  const min = options.min ?? 0;
  const fail = (rule: string): never => {
    throw new TenderError({
      code: "invalid_amount",
      message: `${field} must be ${rule}; got ${describe(value)}`,
      details: { field, received: describe(value) },
    });
  };

  // NaN and ±Infinity are numbers but not integers, so this covers them too.
  if (typeof value !== "number" || !Number.isInteger(value)) return fail(MINOR_UNIT_RULE);
  if (!Number.isSafeInteger(value)) {
    return fail(
      `a safe integer, between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}, so it stays exact`,
    );
  }
  if (value < min) {
    return fail(min === 0 ? "0 or more (amounts are never negative)" : `at least ${min}`);
  }
}

/**
 * Whether `value` is a valid amount: a safe, non-negative integer in the
 * currency's minor unit (what {@link assertAmount} accepts by default).
 *
 * @example
 * ```ts
 * isMinorUnitAmount(5000); // true
 * isMinorUnitAmount(50.5); // false
 * ```
 */
export function isMinorUnitAmount(value: unknown): value is number {
  return Number.isSafeInteger(value) && typeof value === "number" && value >= 0;
}

function describe(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return `${JSON.stringify(value)} (a string)`;
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "bigint") return `${value}n (a bigint)`;
  return `${String(value)} (a ${typeof value})`;
}
