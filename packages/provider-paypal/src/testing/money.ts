/**
 * The currencies PayPal's REST APIs accept; anything else is refused with
 * 422 `CURRENCY_NOT_SUPPORTED`.
 *
 * @example
 * ```ts
 * PAYPAL_CURRENCIES.includes("EUR"); // true
 * ```
 */
export const PAYPAL_CURRENCIES: readonly string[] = [
  "AUD",
  "BRL",
  "CAD",
  "CNY",
  "CZK",
  "DKK",
  "EUR",
  "HKD",
  "HUF",
  "ILS",
  "JPY",
  "MYR",
  "MXN",
  "TWD",
  "NZD",
  "NOK",
  "PHP",
  "PLN",
  "GBP",
  "SGD",
  "SEK",
  "CHF",
  "THB",
  "USD",
];

const ZERO_DECIMAL = new Set(["HUF", "JPY", "TWD"]);

/**
 * PayPal's `Money`: a currency and a decimal string.
 *
 * @example
 * ```ts
 * const amount: PayPalMoney = { currency_code: "JPY", value: "5000" };
 * ```
 */
export interface PayPalMoney {
  currency_code: string;
  value: string;
}

/** Whether PayPal accepts the currency. */
export function isSupportedCurrency(currency: string): boolean {
  return PAYPAL_CURRENCIES.includes(currency);
}

/** How many decimals PayPal writes for a currency: 0 for HUF, JPY, TWD, else 2. */
export function currencyDecimals(currency: string): number {
  return ZERO_DECIMAL.has(currency) ? 0 : 2;
}

/**
 * Minor units of a decimal string, exactly (no floats); `undefined` when the
 * text is not a positive-or-zero decimal with at most the currency's decimals.
 */
export function toMinor(value: string, currency: string): number | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (match === null) return undefined;
  const decimals = currencyDecimals(currency);
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) return undefined;
  const minor =
    BigInt(match[1] ?? "0") * 10n ** BigInt(decimals) +
    BigInt(fraction.padEnd(decimals, "0") || "0");
  return minor > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(minor);
}

/** The decimal string of minor units: `toValue(5000, "USD")` is `"50.00"`, `toValue(5000, "JPY")` is `"5000"`. */
export function toValue(minor: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor)).padStart(decimals + 1, "0");
  if (decimals === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** A `Money` from minor units. */
export function money(minor: number, currency: string): PayPalMoney {
  return { currency_code: currency, value: toValue(minor, currency) };
}

/** Minor units of a `Money` the fake wrote itself (always well formed). */
export function minorOf(amount: PayPalMoney): number {
  return toMinor(amount.value, amount.currency_code) ?? 0;
}
