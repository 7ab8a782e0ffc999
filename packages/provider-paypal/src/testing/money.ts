import {
  PAYPAL_CURRENCIES,
  PAYPAL_ZERO_DECIMAL,
  type PayPalMoney,
  paypalCurrencyOf,
} from "../paypal-currency";

// PayPal's currencies and its Money are one declaration for the provider and the fake.
export { PAYPAL_CURRENCIES, type PayPalMoney };

/** Whether PayPal accepts the currency. */
export function isSupportedCurrency(currency: string): boolean {
  return paypalCurrencyOf(currency) === currency;
}

/** How many decimals PayPal writes for a currency: 0 for HUF, JPY, TWD, else 2. */
export function currencyDecimals(currency: string): number {
  const code = paypalCurrencyOf(currency);
  return code === currency && PAYPAL_ZERO_DECIMAL.has(code) ? 0 : 2;
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
