import type { FakeCardDetails, FakeThreeDSecure } from "./fake-objects";

/*
 * The fields Stripe always shows of a card, on a PaymentMethod and on a
 * charge, beside the brand, number and expiry the test ids give.
 */

/** `checks` of a card: what the issuer checked of the CVC and address (null: not checked). */
export interface FakeCardChecks {
  address_line1_check: "pass" | "fail" | "unavailable" | "unchecked" | null;
  address_postal_code_check: "pass" | "fail" | "unavailable" | "unchecked" | null;
  cvc_check: "pass" | "fail" | "unavailable" | "unchecked" | null;
}

/**
 * `card` of a PaymentMethod (`pm_...`).
 *
 * @example
 * ```ts
 * const method = fake.paymentMethods.get(id);
 * if (method?.type === "card") method.card.display_brand; // "american_express"
 * ```
 */
export type FakePaymentMethodCard = FakeCardDetails & {
  checks: FakeCardChecks;
  display_brand: string;
  fingerprint: string;
  generated_from: null;
  networks: { available: string[]; preferred: null };
  regulated_status: "regulated" | "unregulated";
  three_d_secure_usage: { supported: boolean };
  wallet: null;
};

/**
 * The always-present fields of a charge's `payment_method_details.card`
 * besides {@link FakeCardDetails}; `three_d_secure` is null unless 3D Secure ran.
 */
export interface FakeChargeCardFields {
  amount_authorized: number | null;
  authorization_code: string | null;
  checks: FakeCardChecks;
  electronic_commerce_indicator: string | null;
  fingerprint: string;
  installments: null;
  mandate: null;
  network: string;
  network_transaction_id: string | null;
  regulated_status: "regulated" | "unregulated";
  /** Null unless the payment went through 3D Secure. */
  three_d_secure: FakeThreeDSecure | null;
  transaction_link_id: null;
  wallet: null;
}

/** `sepa_debit` of a PaymentMethod. */
export interface FakePaymentMethodSepaDebit {
  bank_code: string;
  branch_code: null;
  country: string;
  fingerprint: string;
  generated_from: null;
  last4: string;
}

/** `payment_method_details.sepa_debit` of a charge: the mandate the debit ran under. */
export interface FakeChargeSepaDebit {
  bank_code: string;
  branch_code: null;
  country: string;
  fingerprint: string;
  last4: string;
  mandate: string;
}

const DISPLAY_BRANDS: Readonly<Record<string, string>> = { amex: "american_express" };

/** A stable 16-character fingerprint of a card or account, as Stripe gives one per number. */
export function fingerprintOf(text: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let hash = 2166136261;
  let out = "";
  for (let round = 0; out.length < 16; round++) {
    for (const char of `${text}:${round}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
    out += alphabet[(hash >>> 0) % alphabet.length];
  }
  return out;
}

const UNCHECKED: FakeCardChecks = {
  address_line1_check: null,
  address_postal_code_check: null,
  cvc_check: "unchecked",
};

/** A test card as a PaymentMethod shows it. */
export function paymentMethodCard(card: FakeCardDetails): FakePaymentMethodCard {
  return {
    ...card,
    checks: { ...UNCHECKED },
    display_brand: DISPLAY_BRANDS[card.brand] ?? card.brand,
    fingerprint: fingerprintOf(`${card.brand}${card.last4}`),
    generated_from: null,
    networks: { available: [card.brand], preferred: null },
    regulated_status: "unregulated",
    three_d_secure_usage: { supported: true },
    wallet: null,
  };
}

/**
 * A PaymentMethod's card as a charge records it: `amount_authorized` and a
 * network transaction id only when the issuer approved.
 */
export function chargeCard(
  card: FakePaymentMethodCard,
  authorized: { amount: number; chargeId: string } | null,
): FakeCardDetails & FakeChargeCardFields {
  return {
    brand: card.brand,
    last4: card.last4,
    exp_month: card.exp_month,
    exp_year: card.exp_year,
    funding: card.funding,
    country: card.country,
    amount_authorized: authorized?.amount ?? null,
    authorization_code: null,
    checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: null },
    electronic_commerce_indicator: null,
    fingerprint: card.fingerprint,
    installments: null,
    mandate: null,
    network: card.brand,
    network_transaction_id: authorized ? networkTransactionId(authorized.chargeId) : null,
    regulated_status: card.regulated_status,
    three_d_secure: null,
    transaction_link_id: null,
    wallet: null,
  };
}

/** 15 digits derived from the charge id, as a card network's transaction id. */
function networkTransactionId(chargeId: string): string {
  let digits = "";
  for (const char of fingerprintOf(chargeId)) digits += String(char.charCodeAt(0) % 10);
  return digits.slice(0, 15);
}

/** A test bank account as a PaymentMethod shows it. */
export function paymentMethodSepaDebit(account: {
  bank_code: string;
  country: string;
  last4: string;
}): FakePaymentMethodSepaDebit {
  return {
    bank_code: account.bank_code,
    branch_code: null,
    country: account.country,
    fingerprint: fingerprintOf(`${account.country}${account.bank_code}${account.last4}`),
    generated_from: null,
    last4: account.last4,
  };
}

/** A SEPA PaymentMethod as a charge records it, with the mandate the debit runs under. */
export function chargeSepaDebit(
  account: FakePaymentMethodSepaDebit,
  mandate: string,
): FakeChargeSepaDebit {
  return {
    bank_code: account.bank_code,
    branch_code: account.branch_code,
    country: account.country,
    fingerprint: account.fingerprint,
    last4: account.last4,
    mandate,
  };
}
