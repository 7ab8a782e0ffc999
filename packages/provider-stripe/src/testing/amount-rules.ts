import { invalidParam } from "./stripe-errors";

/** Stripe's minimum charge in the currency's minor unit (a subset of Stripe's table). */
export const MINIMUM_CHARGE: Readonly<Record<string, number>> = {
  usd: 50,
  eur: 50,
  gbp: 30,
  jpy: 50,
  aud: 50,
  cad: 50,
  chf: 50,
  dkk: 250,
  nok: 300,
  sek: 300,
  pln: 200,
  czk: 1500,
  huf: 17500,
  mxn: 1000,
  sgd: 50,
  hkd: 400,
};

/** Stripe's largest amount, in minor units (eight digits). */
export const MAXIMUM_CHARGE = 99_999_999;

const ZERO_DECIMAL = new Set([
  "bif",
  "clp",
  "djf",
  "gnf",
  "jpy",
  "kmf",
  "krw",
  "mga",
  "pyg",
  "rwf",
  "ugx",
  "vnd",
  "vuv",
  "xaf",
  "xof",
  "xpf",
]);
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"]);

/** Digits after the decimal point in Stripe's minor unit for a currency. */
export function currencyExponent(currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return 0;
  if (THREE_DECIMAL.has(currency)) return 3;
  return 2;
}

/** A minor-unit amount as people read it (`$0.50`), for messages. */
export function formatAmount(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const major = amount / 10 ** exponent;
  try {
    return new Intl.NumberFormat("en-US", {
      style: "currency",
      currency: currency.toUpperCase(),
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    }).format(major);
  } catch {
    return major.toFixed(exponent);
  }
}

/** A three-letter lower-case currency code, or the 400 Stripe gives. */
export function validateCurrency(currency: string, param = "currency"): string {
  const code = currency.toLowerCase();
  if (!/^[a-z]{3}$/.test(code)) throw invalidParam(`Invalid currency: ${currency}.`, { param });
  return code;
}

/**
 * Refuses amounts Stripe refuses before charging: not positive, below the
 * currency's minimum (`amount_too_small`), over the maximum (`amount_too_large`),
 * or a three-decimal amount whose last digit is not 0.
 */
export function validateChargeAmount(amount: number, currency: string, param = "amount"): void {
  if (amount < 1) {
    throw invalidParam("This value must be greater than or equal to 1.", {
      param,
      code: "parameter_invalid_integer",
    });
  }
  if (THREE_DECIMAL.has(currency) && amount % 10 !== 0) {
    throw invalidParam(
      `Invalid amount: ${currency} amounts must be a multiple of 10 (Stripe charges three-decimal currencies to two decimals).`,
      { param, code: "invalid_charge_amount" },
    );
  }
  const minimum = MINIMUM_CHARGE[currency];
  if (minimum !== undefined && amount < minimum) {
    throw invalidParam(`Amount must be at least ${formatAmount(minimum, currency)} ${currency}`, {
      param,
      code: "amount_too_small",
    });
  }
  if (amount > MAXIMUM_CHARGE) {
    throw invalidParam(`Amount must be no more than ${formatAmount(MAXIMUM_CHARGE, currency)}`, {
      param,
      code: "amount_too_large",
    });
  }
}
