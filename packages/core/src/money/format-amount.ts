// Node >= 20 (our engine floor) formats decimal strings exactly (Intl.NumberFormat v3,
// ES2023); the ES2022 lib we compile against does not declare that overload yet.
/// <reference lib="es2023.intl" />

import { TenderError } from "../errors/tender-error";
import { assertAmount } from "./assert-amount";
import { getCurrency } from "./currencies";
import { toDecimalString } from "./parse-amount";

/**
 * An amount in minor units, formatted for people with `Intl.NumberFormat`:
 * always the currency's own number of decimal places, computed exactly (no
 * floating-point division, so the largest safe amounts keep their last digit).
 * Negative amounts are allowed, for display. Throws a `TenderError` with code
 * `invalid_amount`, `invalid_currency` or `invalid_argument` (for the locale).
 *
 * @example
 * ```ts
 * formatAmount(5000, "usd"); // "$50.00"
 * formatAmount(5000, "jpy"); // "¥5,000"
 * formatAmount(123450, "eur", "de-DE"); // "1.234,50 €"
 * ```
 */
export function formatAmount(amount: number, currency: string, locale = "en-US"): string {
  const { code, exponent } = getCurrency(currency);
  assertAmount(amount, { min: Number.MIN_SAFE_INTEGER });
  let formatter: Intl.NumberFormat;
  try {
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: code.toUpperCase(),
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
  } catch (cause) {
    // The currency is validated above, so a RangeError here is the locale's.
    throw new TenderError({
      code: "invalid_argument",
      message: `locale must be a BCP 47 language tag like "en-US"; got ${JSON.stringify(locale)}`,
      details: { field: "locale" },
      cause,
    });
  }
  const decimal = toDecimalString(amount, code);
  if (!isNumericString(decimal)) {
    // toDecimalString only writes `[-]digits[.digits]`; the check narrows the type for Intl.
    throw new TypeError(`toDecimalString wrote ${JSON.stringify(decimal)}, which is not a number`);
  }
  return formatter.format(decimal);
}

function isNumericString(value: string): value is `${number}` {
  return /^-?[0-9]+(\.[0-9]+)?$/.test(value);
}
