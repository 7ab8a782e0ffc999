import {
  assertAmount,
  isCurrencyCode,
  isMinorUnitAmount,
  normalizeCurrencyCode,
  money as parseMoney,
  TenderError,
  toDecimalString,
} from "@tender/core";
import { isPlainObject } from "./describe-value";

declare const moneyBrand: unique symbol;

/** An exact amount in a currency, made by {@link money}. */
export interface Money {
  readonly amount: number;
  readonly currency_code: string;
  readonly [moneyBrand]: true;
}

/**
 * An amount parsed exactly from a decimal string, never a float:
 * `money("50.00", "usd")` is 5000 cents; `money("50.001", "usd")` throws.
 *
 * @example
 * ```ts
 * await tender.collections.create({ currency: "usd", amount: money("50.00", "usd") });
 * ```
 */
export function money(decimal: string, currency: string): Money {
  const parsed = parseMoney(decimal, currency);
  return Object.freeze({ ...parsed }) as Money;
}

/** A plain minor-unit integer, or {@link Money}. */
export type AmountInput = number | Money;

/**
 * Checks an amount at compile time: a string (or a float written as a string)
 * becomes a type that names the fix.
 */
export type CheckedAmount<TAmount> = TAmount extends string
  ? 'Amounts are integers in the minor unit (5000 = $50.00) or money("50.00", "usd"), never strings'
  : TAmount extends AmountInput
    ? TAmount
    : AmountInput;

/**
 * The minor-unit integer of an amount input, in `currency`; a Money in
 * another currency is refused. `field` names the amount in the message
 * (`payment.capture({ amount })`).
 */
export function toMinorUnits(value: unknown, currency: string, field = "amount"): number {
  if (isMoneyShaped(value)) {
    const code = normalizeCurrencyCode(currency);
    if (value.currency_code !== code) {
      throw new TenderError({
        code: "currency_mismatch",
        message: `${field} is money in ${String(value.currency_code)} but the payment is in ${code}; make it with money(..., "${code}").`,
      });
    }
    assertAmount(value.amount, { field, min: 1 });
    return value.amount;
  }
  assertAmount(value, { field, min: 1 });
  return value;
}

/**
 * An amount as the caller would write it in a call (`3000`,
 * `money("30.00", "usd")`), or undefined when `value` is no valid amount: for
 * a message that shows where the amount goes.
 */
export function amountAsCode(value: unknown): string | undefined {
  if (typeof value === "number") return isPositiveAmount(value) ? String(value) : undefined;
  if (
    isMoneyShaped(value) &&
    isPositiveAmount(value.amount) &&
    isCurrencyCode(value.currency_code)
  ) {
    const code = normalizeCurrencyCode(value.currency_code);
    return `money("${toDecimalString(value.amount, code)}", "${code}")`;
  }
  return undefined;
}

function isPositiveAmount(value: unknown): value is number {
  return isMinorUnitAmount(value) && value > 0;
}

/** Made by {@link money}, or written by hand as `{ amount, currency_code }`. */
function isMoneyShaped(value: unknown): value is { amount: unknown; currency_code: unknown } {
  return (
    isPlainObject(value) && Object.hasOwn(value, "amount") && Object.hasOwn(value, "currency_code")
  );
}
