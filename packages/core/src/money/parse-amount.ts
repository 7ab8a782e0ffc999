import { TenderError } from "../errors/tender-error";
import { assertAmount } from "./assert-amount";
import { getCurrency } from "./currencies";

// Digits, optionally a point and more digits: no sign, exponent, spaces or
// separators, and a point always has digits on both sides.
const DECIMAL_PATTERN = /^([0-9]+)(?:\.([0-9]+))?$/;
const MAX_MINOR_UNITS = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Parses a decimal string in major units into an integer amount in the
 * currency's minor unit, exactly: no floating point, and never rounding. A
 * string with more decimal places than the currency has is an error.
 * Throws a `TenderError` with code `invalid_amount` (or `invalid_currency`).
 *
 * @example
 * ```ts
 * parseAmount("50.00", "usd"); // 5000
 * parseAmount("50.5", "usd"); // 5050
 * parseAmount("5000", "jpy"); // 5000
 * parseAmount("1.234", "kwd"); // 1234
 * parseAmount("50.001", "usd"); // throws: usd has at most 2 decimal places
 * ```
 */
export function parseAmount(decimal: string, currency: string): number {
  const { code, exponent } = getCurrency(currency);
  const example = exponent === 0 ? "5000" : `50.${"0".repeat(exponent)}`;

  if (typeof decimal !== "string") {
    fail(
      `amount must be a decimal string of major units like "${example}" for ${code}; got ${describeNonString(decimal)}. An amount already in minor units needs no parsing`,
      decimal,
    );
  }
  const match = DECIMAL_PATTERN.exec(decimal);
  if (match === null) {
    fail(
      `amount must be a decimal string of major units like "${example}" for ${code}; got ${quote(decimal)}${hint(decimal)}`,
      decimal,
    );
  }
  const whole = match[1] ?? "";
  const fraction = match[2] ?? "";
  if (fraction.length > exponent) {
    fail(
      exponent === 0
        ? `amount in ${code} must be a whole number like "${example}", since ${code} has no minor unit; got ${quote(decimal)}. Round it yourself if you mean to`
        : `amount in ${code} must have at most ${exponent} decimal places, like "${example}"; got ${quote(decimal)} with ${fraction.length}. Round it yourself if you mean to`,
      decimal,
    );
  }
  const minor = BigInt(whole + fraction.padEnd(exponent, "0"));
  if (minor > MAX_MINOR_UNITS) {
    fail(
      `amount in ${code} must be at most "${toDecimalString(Number.MAX_SAFE_INTEGER, code)}" (Number.MAX_SAFE_INTEGER minor units) to stay exact; got ${quote(decimal)}`,
      decimal,
    );
  }
  return Number(minor);
}

/**
 * The exact decimal string, in major units, of an amount in minor units: the
 * inverse of {@link parseAmount}. Negative amounts get a leading `-` (for
 * display; `parseAmount` does not accept them back).
 *
 * @example
 * ```ts
 * toDecimalString(5000, "usd"); // "50.00"
 * toDecimalString(5, "jpy"); // "5"
 * toDecimalString(1234, "kwd"); // "1.234"
 * ```
 */
export function toDecimalString(amount: number, currency: string): string {
  const { exponent } = getCurrency(currency);
  assertAmount(amount, { min: Number.MIN_SAFE_INTEGER });
  const sign = amount < 0 ? "-" : "";
  // A safe integer prints as plain digits (exponent notation starts at 1e21).
  const digits = String(Math.abs(amount));
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, "0");
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

function fail(message: string, received: unknown): never {
  throw new TenderError({
    code: "invalid_amount",
    message,
    details: {
      field: "amount",
      received: typeof received === "string" ? quote(received) : describeNonString(received),
    },
  });
}

function hint(decimal: string): string {
  if (decimal === "") return " (an empty string)";
  if (/\s/.test(decimal)) return "; remove the spaces";
  if (decimal.includes(","))
    return `; remove thousands separators and write the decimal point as "."`;
  if (/^[+-]/.test(decimal)) return "; write it without a sign, amounts are never negative";
  if (/e/i.test(decimal)) return "; write it out without an exponent";
  if (decimal.startsWith(".") || decimal.endsWith(".")) {
    return `; write digits on both sides of the point, like "50" or "0.5"`;
  }
  return "";
}

// Long enough to recognise the input, short enough to keep a message readable.
function quote(decimal: string): string {
  return JSON.stringify(decimal.length > 40 ? `${decimal.slice(0, 40)}…` : decimal);
}

function describeNonString(value: unknown): string {
  if (typeof value === "number") return `${value} (a number)`;
  if (value === null || value === undefined) return String(value);
  return `a value of type ${typeof value}`;
}
