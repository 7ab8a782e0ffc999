import { describe, expect, it } from "vitest";
import { answerControl } from "./control-routes";
import { EVIDENCE_DUE_SECONDS, type FakeDispute } from "./disputes";
import { missingStripeFields } from "./stripe-shape-check";
import { useFakeStripeClient } from "./test-support";

let clock = Date.UTC(2030, 0, 1);
const { fake, stripe, confirmIntent } = useFakeStripeClient({ now: () => clock });

function onlyDispute(): FakeDispute {
  const [dispute, ...others] = fake.disputes.values();
  expect(others).toEqual([]);
  if (dispute === undefined) throw new Error("no dispute");
  return dispute;
}

const disputeEventTypes = () =>
  fake.events
    .filter((event) => event.type.startsWith("charge.dispute."))
    .map((event) => event.type);

describe("the dispute fee", () => {
  it("a chargeback withdraws the amount and Stripe's 15.00 USD fee in one balance transaction", async () => {
    await confirmIntent("pm_card_createDispute");
    expect(onlyDispute().balance_transactions).toEqual([
      expect.objectContaining({
        amount: -1000,
        fee: 1500,
        net: -2500,
        fee_details: [
          {
            amount: 1500,
            application: null,
            currency: "usd",
            description: "Dispute fee",
            type: "stripe_fee",
          },
        ],
        reporting_category: "dispute",
        type: "adjustment",
      }),
    ]);
  });

  it("a chargeback won gives the amount and the fee back", async () => {
    await confirmIntent("pm_card_createDispute");
    const won = fake.closeDispute(onlyDispute().id, "won");
    expect(won.balance_transactions.map(({ amount, fee, net }) => ({ amount, fee, net }))).toEqual([
      { amount: -1000, fee: 1500, net: -2500 },
      { amount: 1000, fee: -1500, net: 2500 },
    ]);
    expect(won.balance_transactions[1]?.fee_details).toMatchObject([
      { amount: -1500, description: "Dispute fee refund", type: "stripe_fee" },
    ]);
  });

  it("a chargeback lost keeps the fee, and an inquiry costs nothing", async () => {
    await confirmIntent("pm_card_createDispute");
    const lost = fake.closeDispute(onlyDispute().id, "lost");
    expect(lost.balance_transactions.map((transaction) => transaction.net)).toEqual([-2500]);
    const inquired = await confirmIntent("pm_card_createDisputeInquiry");
    const inquiry = [...fake.disputes.values()].find(
      (dispute) => dispute.payment_intent === inquired.id,
    );
    expect(inquiry?.balance_transactions).toEqual([]);
  });

  it("a zero-decimal currency's fee is 15 of its units", async () => {
    const intent = await confirmIntent("pm_card_visa", { amount: 5000, currency: "jpy" });
    const dispute = fake.createDispute(intent.id);
    expect(dispute.balance_transactions).toMatchObject([{ amount: -5000, fee: 15, net: -5015 }]);
  });
});

describe("escalating an inquiry", () => {
  it("turns the same dispute into a chargeback: needs_response, funds and fee withdrawn, refunds refused", async () => {
    const intent = await confirmIntent("pm_card_createDisputeInquiry");
    const { id } = onlyDispute();
    await stripe.disputes.update(id, {
      evidence: { uncategorized_text: "Delivered." },
      submit: true,
    });
    expect(onlyDispute().status).toBe("warning_under_review");
    const warning = fake.raiseEarlyFraudWarning(intent.id);
    clock += 3_600_000;
    const escalated = fake.escalateInquiry(id);
    expect(escalated).toMatchObject({
      id,
      status: "needs_response",
      is_charge_refundable: false,
      amount: 1000,
      payment_method_details: { card: { case_type: "chargeback" } },
      evidence: { uncategorized_text: "Delivered." },
      evidence_details: {
        due_by: Math.floor(clock / 1000) + EVIDENCE_DUE_SECONDS,
        submission_count: 0,
        submission_method: "not_submitted",
      },
      balance_transactions: [{ amount: -1000, fee: 1500, net: -2500 }],
    });
    expect(missingStripeFields(escalated, "Dispute")).toEqual([]);
    expect(fake.disputes.size).toBe(1);
    expect(fake.charges.get(String(intent.latest_charge))?.disputed).toBe(true);
    expect(fake.earlyFraudWarnings.get(warning.id)?.actionable).toBe(false);
    expect(disputeEventTypes()).toEqual([
      "charge.dispute.created",
      "charge.dispute.updated",
      "charge.dispute.updated",
      "charge.dispute.funds_withdrawn",
    ]);
    const update = fake.events.filter((event) => event.type === "charge.dispute.updated").at(-1);
    expect(update?.data.previous_attributes).toEqual({
      status: "warning_under_review",
      is_charge_refundable: true,
    });
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({
      code: "charge_disputed",
    });
    expect(fake.closeDispute(id, "won").status).toBe("won");
  });

  it("takes back only what a partial refund left", async () => {
    const intent = await confirmIntent("pm_card_createDisputeInquiry");
    await stripe.refunds.create({ payment_intent: intent.id, amount: 400 });
    expect(fake.escalateInquiry(onlyDispute().id)).toMatchObject({
      amount: 600,
      balance_transactions: [{ amount: -600, net: -2100 }],
    });
  });

  it("is refused for a chargeback, a closed inquiry or a refunded charge", async () => {
    await confirmIntent("pm_card_createDispute");
    expect(() => fake.escalateInquiry(onlyDispute().id)).toThrow(/not an open inquiry/);
    fake.reset();
    await confirmIntent("pm_card_createDisputeInquiry");
    const closed = await stripe.disputes.close(onlyDispute().id);
    expect(() => fake.escalateInquiry(closed.id)).toThrow(/not an open inquiry/);
    fake.reset();
    const refunded = await confirmIntent("pm_card_createDisputeInquiry");
    await stripe.refunds.create({ payment_intent: refunded.id });
    expect(() => fake.escalateInquiry(onlyDispute().id)).toThrow(/has been refunded/);
    expect(() => fake.escalateInquiry("dp_missing")).toThrow(/no dispute dp_missing/);
  });

  it("has a control route", async () => {
    await confirmIntent("pm_card_createDisputeInquiry");
    const answer = await answerControl(fake, {
      method: "POST",
      path: `/_fake/disputes/${onlyDispute().id}/escalate`,
      body: {},
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ status: "needs_response" });
    const again = await answerControl(fake, {
      method: "POST",
      path: `/_fake/disputes/${onlyDispute().id}/escalate`,
      body: {},
    });
    expect(again.status).toBe(400);
  });
});
