import type { FakeCardDetails } from "./fake-objects";

/**
 * What happens when a PaymentIntent is confirmed with a test payment method.
 *
 * @example
 * ```ts
 * TEST_PAYMENT_METHODS.pm_card_threeDSecure2Required?.outcome; // { type: "authenticate" }
 * ```
 */
export type TestChargeOutcome =
  | { type: "succeed" }
  | { type: "decline"; code: string; declineCode: string; message: string; param?: string }
  | { type: "authenticate" }
  | { type: "process" };

/**
 * A Stripe test payment method id's card (or bank) and behaviour.
 *
 * @example
 * ```ts
 * const visa: TestPaymentMethod | undefined = TEST_PAYMENT_METHODS.pm_card_visa;
 * visa?.type === "card" && visa.card.last4; // "4242"
 * ```
 */
export type TestPaymentMethod = {
  outcome: TestChargeOutcome;
  /** `pending` refunds wait for `settleRefund` (SEPA, `pm_card_refundFail`). */
  refunds: "succeed" | "pending";
  /**
   * Once the charge is captured, the cardholder disputes all of it: a chargeback
   * (`pm_card_createDispute`) or an inquiry (`pm_card_createDisputeInquiry`).
   */
  dispute?: "chargeback" | "inquiry";
  /**
   * A card that needs authentication (`outcome: authenticate`) but not
   * off-session: once it is set up for later use
   * (`pm_card_authenticationRequiredOnSetup`), or always
   * (`pm_card_authenticationRequiredSetupForOffSession`).
   */
  offSessionExempt?: "once_set_up" | "always";
  /**
   * Radar's risk level for the card (default `normal`): `elevated` succeeds
   * and opens a review (`pm_card_riskLevelElevated`), `highest` with a
   * decline is blocked by Radar before the network (`pm_card_radarBlock`).
   */
  risk?: "elevated" | "highest";
} & (
  | { type: "card"; card: FakeCardDetails }
  | { type: "sepa_debit"; sepa_debit: { bank_code: string; country: string; last4: string } }
);

function card(
  brand: string,
  last4: string,
  outcome: TestChargeOutcome,
  refunds: "succeed" | "pending" = "succeed",
  funding: FakeCardDetails["funding"] = "credit",
): TestPaymentMethod {
  return {
    type: "card",
    card: { brand, last4, exp_month: 12, exp_year: 2034, funding, country: "US" },
    outcome,
    refunds,
  };
}

function decline(
  code: string,
  declineCode: string,
  message: string,
  param?: string,
): TestChargeOutcome {
  return { type: "decline", code, declineCode, message, ...(param ? { param } : {}) };
}

const SUCCEED: TestChargeOutcome = { type: "succeed" };
const AUTHENTICATE: TestChargeOutcome = { type: "authenticate" };

/**
 * Stripe's test payment method ids the fake knows, with the card numbers' last
 * four digits Stripe documents for them.
 *
 * @example
 * ```ts
 * TEST_PAYMENT_METHODS.pm_card_chargeDeclinedInsufficientFunds?.outcome;
 * // { type: "decline", code: "card_declined", declineCode: "insufficient_funds", ... }
 * ```
 */
export const TEST_PAYMENT_METHODS: Readonly<Record<string, TestPaymentMethod>> = {
  pm_card_visa: card("visa", "4242", SUCCEED),
  pm_card_mastercard: card("mastercard", "4444", SUCCEED),
  pm_card_visa_debit: card("visa", "5556", SUCCEED, "succeed", "debit"),
  pm_card_mastercard_debit: card("mastercard", "8210", SUCCEED, "succeed", "debit"),
  pm_card_amex: card("amex", "8431", SUCCEED),
  pm_card_radarBlock: {
    ...card("visa", "0019", decline("card_declined", "fraudulent", "Your card was declined.")),
    risk: "highest",
  },
  pm_card_riskLevelElevated: { ...card("visa", "9235", SUCCEED), risk: "elevated" },
  pm_card_chargeDeclined: card(
    "visa",
    "0002",
    decline("card_declined", "generic_decline", "Your card was declined."),
  ),
  pm_card_chargeDeclinedInsufficientFunds: card(
    "visa",
    "9995",
    decline("card_declined", "insufficient_funds", "Your card has insufficient funds."),
  ),
  pm_card_chargeDeclinedLostCard: card(
    "visa",
    "9987",
    decline("card_declined", "lost_card", "Your card was declined."),
  ),
  pm_card_chargeDeclinedStolenCard: card(
    "visa",
    "9979",
    decline("card_declined", "stolen_card", "Your card was declined."),
  ),
  pm_card_chargeDeclinedExpiredCard: card(
    "visa",
    "0069",
    decline("expired_card", "expired_card", "Your card has expired.", "exp_month"),
  ),
  pm_card_chargeDeclinedIncorrectCvc: card(
    "visa",
    "0127",
    decline("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect.", "cvc"),
  ),
  pm_card_chargeDeclinedProcessingError: card(
    "visa",
    "0119",
    decline(
      "processing_error",
      "processing_error",
      "An error occurred while processing your card. Try again in a little bit.",
    ),
  ),
  pm_card_threeDSecure2Required: card("visa", "3220", AUTHENTICATE),
  pm_card_authenticationRequired: card("visa", "3184", AUTHENTICATE),
  pm_card_authenticationRequiredOnSetup: {
    ...card("visa", "3155", AUTHENTICATE),
    offSessionExempt: "once_set_up",
  },
  pm_card_authenticationRequiredSetupForOffSession: {
    ...card("visa", "0446", AUTHENTICATE),
    offSessionExempt: "always",
  },
  pm_card_threeDSecureOptional: card("visa", "3055", SUCCEED),
  pm_card_refundFail: card("visa", "5126", SUCCEED, "pending"),
  pm_card_createDispute: { ...card("visa", "0259", SUCCEED), dispute: "chargeback" },
  pm_card_createDisputeInquiry: { ...card("visa", "1976", SUCCEED), dispute: "inquiry" },
};

const SEPA_DEBIT: TestPaymentMethod = {
  type: "sepa_debit",
  sepa_debit: { bank_code: "37040044", country: "DE", last4: "3000" },
  outcome: { type: "process" },
  refunds: "pending",
};

/** The behaviour of a test payment method id: the table above, or any `pm_sepa...` id as a SEPA debit. */
export function lookupTestPaymentMethod(id: string): TestPaymentMethod | undefined {
  if (Object.hasOwn(TEST_PAYMENT_METHODS, id)) return TEST_PAYMENT_METHODS[id];
  if (id.startsWith("pm_sepa")) return SEPA_DEBIT;
  return undefined;
}
