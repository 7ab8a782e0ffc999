import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { useFakeStripeClient } from "./test-support";

const { fake, stripe, confirmIntent } = useFakeStripeClient();

function chargeOf(intent: { latest_charge: string | Stripe.Charge | null }) {
  const charge = fake.charges.get(String(intent.latest_charge));
  if (charge === undefined) throw new Error("no charge");
  return charge;
}

describe("Radar's test cards", () => {
  it("pm_card_radarBlock is blocked before the network: card_declined, fraudulent, outcome blocked", async () => {
    const error = await confirmIntent("pm_card_radarBlock").then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({
      statusCode: 402,
      code: "card_declined",
      decline_code: "fraudulent",
      message: "Your card was declined.",
    });
    const charge = [...fake.charges.values()][0];
    expect(charge).toMatchObject({
      status: "failed",
      failure_code: "card_declined",
      outcome: {
        network_status: "not_sent_to_network",
        reason: "highest_risk_level",
        risk_level: "highest",
        seller_message: "Stripe blocked this payment as too risky.",
        type: "blocked",
      },
      payment_method_details: { card: { last4: "0019" } },
    });
    expect(charge?.outcome.risk_score).toBeGreaterThanOrEqual(75);
    expect(fake.events.map((event) => event.type)).toEqual([
      "payment_intent.created",
      "charge.failed",
      "payment_intent.payment_failed",
    ]);
    expect(fake.reviews.size).toBe(0);
  });

  it("pm_card_riskLevelElevated succeeds with risk_level elevated and opens a review", async () => {
    const intent = await confirmIntent("pm_card_riskLevelElevated");
    expect(intent.status).toBe("succeeded");
    const [review, ...others] = fake.reviews.values();
    expect(others).toEqual([]);
    expect(review).toMatchObject({
      open: true,
      opened_reason: "rule",
      reason: "rule",
      charge: intent.latest_charge,
      payment_intent: intent.id,
    });
    expect(chargeOf(intent)).toMatchObject({
      review: review?.id,
      outcome: {
        network_status: "approved_by_network",
        reason: "elevated_risk_level",
        risk_level: "elevated",
        type: "manual_review",
      },
    });
    expect(intent.review).toBe(review?.id);
    expect(fake.events.map((event) => event.type)).toEqual([
      "payment_intent.created",
      "charge.succeeded",
      "review.opened",
      "payment_intent.succeeded",
      "charge.updated",
    ]);
    expect(fake.events[1]?.data.object).toMatchObject({ review: review?.id });
    await stripe.refunds.create({ payment_intent: intent.id });
    expect(fake.reviews.get(review?.id ?? "")).toMatchObject({
      open: false,
      closed_reason: "refunded",
    });
  });

  it("an ordinary card is authorized at normal risk, with no review", async () => {
    const intent = await confirmIntent("pm_card_visa");
    expect(chargeOf(intent).outcome).toMatchObject({
      network_status: "approved_by_network",
      reason: null,
      risk_level: "normal",
      seller_message: "Payment complete.",
      type: "authorized",
    });
    expect(fake.reviews.size).toBe(0);
  });
});

describe("card brands and funding", () => {
  it.each([
    ["pm_card_visa_debit", "visa", "5556", "debit", "visa"],
    ["pm_card_mastercard_debit", "mastercard", "8210", "debit", "mastercard"],
    ["pm_card_amex", "amex", "8431", "credit", "american_express"],
  ] as const)("%s is a %s %s card (%s)", async (id, brand, last4, funding, displayBrand) => {
    const intent = await confirmIntent(id);
    expect(intent.status).toBe("succeeded");
    expect(chargeOf(intent).payment_method_details).toMatchObject({
      type: "card",
      card: { brand, last4, funding, network: brand, country: "US", three_d_secure: null },
    });
    const method = await stripe.paymentMethods.retrieve(String(intent.payment_method));
    expect(method.card).toMatchObject({
      brand,
      last4,
      funding,
      display_brand: displayBrand,
      networks: { available: [brand], preferred: null },
      checks: { cvc_check: "unchecked" },
    });
  });
});
