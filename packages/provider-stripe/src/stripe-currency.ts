import { getCurrency, TenderError } from "@tender/core";

/**
 * Stripe's minimum charge per currency, in the minor unit as Stripe counts it
 * (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts).
 */
export const STRIPE_MINIMUM_CHARGE: Readonly<Record<string, number>> = {
  usd: 50,
  aed: 200,
  aud: 50,
  bgn: 100,
  brl: 50,
  cad: 50,
  chf: 50,
  czk: 1500,
  dkk: 250,
  eur: 50,
  gbp: 30,
  hkd: 400,
  huf: 17500,
  inr: 50,
  jpy: 50,
  mxn: 1000,
  myr: 200,
  nok: 300,
  nzd: 50,
  pln: 200,
  ron: 200,
  sek: 300,
  sgd: 50,
  thb: 1000,
};

/** Currencies Stripe takes with two decimals although ISO 4217 gives them none. */
const SENT_WITH_TWO_DECIMALS = new Set(["isk"]);

/**
 * Converts Tender's minor-unit amount (ISO 4217 exponents) to what Stripe
 * expects, refusing before any call what Stripe would refuse: three-decimal
 * currencies must end in 0, and the amount must reach Stripe's minimum charge.
 */
export function toStripeAmount(
  amount: number,
  currencyCode: string,
  options: { charge: boolean },
): number {
  const currency = getCurrency(currencyCode);
  if (currency.exponent === 3 && amount % 10 !== 0) {
    throw new TenderError({
      code: "invalid_amount",
      message: `Stripe takes ${currency.code.toUpperCase()} amounts in multiples of 10 (its last digit must be 0); got ${amount}. Round the amount to 10 before charging.`,
      details: { amount, currency_code: currency.code },
    });
  }
  const stripeAmount = SENT_WITH_TWO_DECIMALS.has(currency.code) ? amount * 100 : amount;
  const minimum = STRIPE_MINIMUM_CHARGE[currency.code];
  if (options.charge && minimum !== undefined && stripeAmount < minimum) {
    throw new TenderError({
      code: "invalid_amount",
      message: `Stripe's minimum charge in ${currency.code.toUpperCase()} is ${fromStripeAmount(minimum, currency.code)} (minor units); got ${amount}. Charge at least the minimum, or use another provider.`,
      details: {
        amount,
        currency_code: currency.code,
        minimum: fromStripeAmount(minimum, currency.code),
      },
    });
  }
  return stripeAmount;
}

/** The inverse of {@link toStripeAmount}: Stripe's amount in Tender's minor unit. */
export function fromStripeAmount(amount: number, currencyCode: string): number {
  return SENT_WITH_TWO_DECIMALS.has(currencyCode.toLowerCase()) ? Math.floor(amount / 100) : amount;
}
