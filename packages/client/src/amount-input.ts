import {
  assertAmount,
  normalizeCurrencyCode,
  money as parseMoney,
  TenderError,
} from "@tender/core";

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

/** The minor-unit integer of an amount input, in `currency`; a Money in another currency is refused. */
export function toMinorUnits(value: unknown, currency: string, field = "amount"): number {
  if (
    typeof value === "object" &&
    value !== null &&
    "amount" in value &&
    "currency_code" in value
  ) {
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
