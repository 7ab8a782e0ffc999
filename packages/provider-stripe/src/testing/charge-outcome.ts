import type { TestPaymentMethod } from "./test-payment-methods";

/**
 * A charge's `outcome`: whether the network approved it, and Radar's risk
 * evaluation, as Stripe shows it on every charge it attempted.
 *
 * @example
 * ```ts
 * fake.charges.get(chargeId)?.outcome; // { type: "authorized", risk_level: "normal", ... }
 * ```
 */
export interface FakeChargeOutcome {
  advice_code: "confirm_card_data" | "do_not_try_again" | "try_again_later" | null;
  network_advice_code: string | null;
  network_decline_code: string | null;
  network_status: "approved_by_network" | "declined_by_network" | "not_sent_to_network";
  /** The decline code of a declined charge, Radar's reason for a blocked or reviewed one, else null. */
  reason: string | null;
  risk_level: "normal" | "elevated" | "highest" | "not_assessed";
  risk_score?: number;
  /** The Radar rule that blocked or reviewed the charge. */
  rule?: string;
  seller_message: string;
  type: "authorized" | "manual_review" | "issuer_declined" | "blocked";
}

/**
 * The risk scores the fake gives (Stripe scores from 0 to 99: `normal` below
 * 65, `elevated` from 65, `highest` from 75).
 */
const RISK_SCORES = { normal: 20, elevated: 70, highest: 85 } as const;

const NO_ADVICE = { advice_code: null, network_advice_code: null, network_decline_code: null };

/** What Stripe tells the merchant about an issuer's decline, by decline code. */
export function declineSellerMessage(declineCode: string): string {
  return declineCode === "generic_decline"
    ? "The bank did not return any further details with this decline."
    : `The bank returned the decline code \`${declineCode}\`.`;
}

/**
 * The outcome of a charge made with a test payment method: approved, declined
 * by the issuer (`declineCode`), blocked by Radar (`pm_card_radarBlock`), or
 * approved and placed in review (`pm_card_riskLevelElevated`). A SEPA debit
 * is not assessed by Radar.
 */
export function chargeOutcome(
  behaviour: TestPaymentMethod,
  result: { approved: true } | { approved: false; declineCode: string },
): FakeChargeOutcome {
  const riskLevel = behaviour.type === "card" ? (behaviour.risk ?? "normal") : "not_assessed";
  const risk: Pick<FakeChargeOutcome, "risk_level" | "risk_score"> =
    riskLevel === "not_assessed"
      ? { risk_level: riskLevel }
      : { risk_level: riskLevel, risk_score: RISK_SCORES[riskLevel] };
  if (behaviour.risk === "highest" && !result.approved) {
    return {
      ...NO_ADVICE,
      network_status: "not_sent_to_network",
      reason: "highest_risk_level",
      ...risk,
      rule: "block_if_high_risk",
      seller_message: "Stripe blocked this payment as too risky.",
      type: "blocked",
    };
  }
  if (!result.approved) {
    return {
      ...NO_ADVICE,
      network_status: "declined_by_network",
      reason: result.declineCode,
      ...risk,
      seller_message: declineSellerMessage(result.declineCode),
      type: "issuer_declined",
    };
  }
  if (riskLevel === "elevated") {
    return {
      ...NO_ADVICE,
      network_status: "approved_by_network",
      reason: "elevated_risk_level",
      ...risk,
      rule: "manual_review_if_elevated_risk",
      seller_message:
        "Stripe evaluated this payment as having elevated risk, and placed it in your manual review queue.",
      type: "manual_review",
    };
  }
  return {
    ...NO_ADVICE,
    network_status: "approved_by_network",
    reason: null,
    ...risk,
    seller_message: "Payment complete.",
    type: "authorized",
  };
}
