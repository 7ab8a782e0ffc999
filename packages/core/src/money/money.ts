import { normalizeCurrencyCode } from "./currencies";
import { parseAmount } from "./parse-amount";

/**
 * An amount and its currency from a decimal string in major units, ready to
 * pass where Tender takes `amount` and `currency_code`. Parses exactly, like
 * {@link parseAmount}, and stores the currency code lowercase.
 *
 * @example
 * ```ts
 * money("50.00", "USD"); // { amount: 5000, currency_code: "usd" }
 * ```
 */
export function money(
  decimal: string,
  currency: string,
): { amount: number; currency_code: string } {
  return { amount: parseAmount(decimal, currency), currency_code: normalizeCurrencyCode(currency) };
}
