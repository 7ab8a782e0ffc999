import { getCurrency, parseAmount, TenderError, toDecimalString } from "@tender/core";

/**
 * The currencies PayPal's REST APIs take
 * (https://developer.paypal.com/api/rest/reference/currency-codes/); any
 * other is refused before a request is sent.
 *
 * @example
 * ```ts
 * PAYPAL_CURRENCIES.includes("JPY"); // true
 * ```
 */
export const PAYPAL_CURRENCIES = [
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
] as const;

/** One of {@link PAYPAL_CURRENCIES}. */
export type PayPalCurrency = (typeof PAYPAL_CURRENCIES)[number];

/**
 * Currencies PayPal takes without decimals. JPY has none in ISO 4217 either;
 * HUF and TWD have two there (and in Tender's minor units), so PayPal only
 * takes whole forints and dollars of them.
 */
export const PAYPAL_ZERO_DECIMAL: ReadonlySet<PayPalCurrency> = new Set(["HUF", "JPY", "TWD"]);

/** PayPal's `Money`: an upper-case currency code and a decimal string. */
export interface PayPalMoney {
  currency_code: string;
  value: string;
}

/** PayPal's code of a currency (any case), or `undefined` when PayPal does not take it. */
export function paypalCurrencyOf(code: string): PayPalCurrency | undefined {
  const upper = code.toUpperCase();
  return PAYPAL_CURRENCIES.find((currency) => currency === upper);
}

/**
 * Tender's amount (minor units of the ISO 4217 currency) as PayPal's
 * `Money`, exactly: `5000 usd` is `50.00 USD`, `5000 jpy` is `5000 JPY`,
 * `150000 huf` is `1500 HUF`. Refuses, with a `TenderError` and before any
 * request, a currency PayPal does not take and an amount PayPal cannot
 * write (a fraction of a forint or a Taiwan dollar).
 *
 * @example
 * ```ts
 * toPayPalMoney(1999, "eur"); // { currency_code: "EUR", value: "19.99" }
 * ```
 */
export function toPayPalMoney(amount: number, currencyCode: string): PayPalMoney {
  const currency_code = paypalCurrencyOf(currencyCode);
  if (currency_code === undefined) {
    throw new TenderError({
      code: "invalid_currency",
      message: `PayPal does not take ${currencyCode.toUpperCase()}; it takes ${PAYPAL_CURRENCIES.join(", ")}. Use another provider for this currency.`,
      details: { currency_code: currencyCode },
    });
  }
  const { exponent, code } = getCurrency(currencyCode);
  const decimal = toDecimalString(amount, code);
  if (!PAYPAL_ZERO_DECIMAL.has(currency_code) || exponent === 0) {
    return { currency_code, value: decimal };
  }
  const unit = 10 ** exponent;
  if (amount % unit !== 0) {
    throw new TenderError({
      code: "invalid_amount",
      message: `PayPal takes ${currency_code} in whole units only; ${amount} minor units is ${decimal} ${currency_code}. Round the amount to a multiple of ${unit}.`,
      details: { amount, currency_code: code },
    });
  }
  return { currency_code, value: String(amount / unit) };
}

/**
 * PayPal's `Money` in Tender's minor units of the currency, exactly (the
 * inverse of {@link toPayPalMoney}); `undefined` for a value that is not a
 * decimal of the currency.
 *
 * @example
 * ```ts
 * fromPayPalMoney({ currency_code: "HUF", value: "1500" }); // 150000
 * ```
 */
export function fromPayPalMoney(money: PayPalMoney): number | undefined {
  try {
    return parseAmount(money.value, money.currency_code.toLowerCase());
  } catch (error) {
    if (TenderError.isInstance(error)) return undefined;
    throw error;
  }
}
