import { describe, expect, it } from "vitest";
import { useFakeStripeClient } from "./test-support";

const { fake, stripe, confirmIntent } = useFakeStripeClient();

const types = () => fake.events.map((event) => event.type);
const eventOf = (type: string) => fake.events.find((event) => event.type === type);

describe("charge events, in the order Stripe sends them", () => {
  it("an asynchronous capture (the default) sends charge.succeeded, then charge.updated once the balance transaction exists", async () => {
    const intent = await confirmIntent("pm_card_visa");
    expect(intent.capture_method).toBe("automatic_async");
    expect(types()).toEqual([
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
      "charge.updated",
    ]);
    expect(eventOf("charge.succeeded")?.data.object).toMatchObject({
      id: intent.latest_charge,
      status: "succeeded",
      captured: true,
      paid: true,
      balance_transaction: null,
    });
    const updated = eventOf("charge.updated");
    expect(updated?.data.object).toMatchObject({
      balance_transaction: expect.stringMatching(/^txn_/),
    });
    expect(updated?.data.previous_attributes).toEqual({ balance_transaction: null });
    expect(updated?.request.id).toMatch(/^req_/);
  });

  it("a synchronous capture has its balance transaction at once, and no charge.updated", async () => {
    await confirmIntent("pm_card_visa", { capture_method: "automatic" });
    expect(types()).toEqual([
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.succeeded",
    ]);
    expect(eventOf("charge.succeeded")?.data.object).toMatchObject({
      balance_transaction: expect.stringMatching(/^txn_/),
    });
  });

  it("a hold sends charge.succeeded uncaptured; its capture sends charge.captured with the balance transaction", async () => {
    const intent = await confirmIntent("pm_card_visa", { capture_method: "manual" });
    expect(eventOf("charge.succeeded")?.data.object).toMatchObject({
      captured: false,
      amount_captured: 0,
      balance_transaction: null,
      payment_method_details: { card: { amount_authorized: 1000 } },
    });
    await stripe.paymentIntents.capture(intent.id);
    expect(types()).toEqual([
      "payment_intent.created",
      "charge.succeeded",
      "payment_intent.amount_capturable_updated",
      "payment_intent.succeeded",
      "charge.captured",
    ]);
    expect(eventOf("charge.captured")?.data.object).toMatchObject({
      captured: true,
      balance_transaction: expect.stringMatching(/^txn_/),
    });
  });

  it("a decline sends charge.failed with Stripe's error code, the decline code in outcome.reason", async () => {
    await expect(confirmIntent("pm_card_chargeDeclinedInsufficientFunds")).rejects.toMatchObject({
      code: "card_declined",
    });
    expect(types()).toEqual([
      "payment_intent.created",
      "charge.failed",
      "payment_intent.payment_failed",
    ]);
    expect(eventOf("charge.failed")?.data.object).toMatchObject({
      status: "failed",
      paid: false,
      failure_code: "card_declined",
      failure_message: "Your card has insufficient funds.",
      receipt_url: null,
      outcome: {
        network_status: "declined_by_network",
        reason: "insufficient_funds",
        risk_level: "normal",
        seller_message: "The bank returned the decline code `insufficient_funds`.",
        type: "issuer_declined",
      },
      payment_method_details: { card: { amount_authorized: null, network_transaction_id: null } },
    });
  });

  it("a SEPA debit sends charge.pending, then charge.succeeded or charge.failed when it settles", async () => {
    const settled = await confirmIntent("pm_sepa_debit", { currency: "eur" });
    fake.settleProcessing(settled.id, "succeeded");
    const failed = await confirmIntent("pm_sepa_debit", { currency: "eur" });
    fake.settleProcessing(failed.id, "failed");
    expect(types()).toEqual([
      "payment_intent.created",
      "charge.pending",
      "payment_intent.processing",
      "charge.succeeded",
      "payment_intent.succeeded",
      "payment_intent.created",
      "charge.pending",
      "payment_intent.processing",
      "charge.failed",
      "payment_intent.payment_failed",
    ]);
    expect(eventOf("charge.pending")?.data.object).toMatchObject({
      status: "pending",
      balance_transaction: null,
      outcome: { risk_level: "not_assessed" },
      payment_method_details: {
        type: "sepa_debit",
        sepa_debit: { last4: "3000", mandate: expect.stringMatching(/^mandate_/) },
      },
    });
    expect(eventOf("charge.succeeded")?.data.object).toMatchObject({
      balance_transaction: expect.stringMatching(/^txn_/),
    });
    expect(eventOf("charge.failed")?.data.object).toMatchObject({
      failure_code: "insufficient_funds",
      outcome: { type: "issuer_declined", reason: "insufficient_funds" },
    });
  });

  it("updating a charge's description or metadata sends charge.updated with what they were", async () => {
    const intent = await confirmIntent("pm_card_visa", { metadata: { order: "41" } });
    const chargeId = String(intent.latest_charge);
    const before = fake.events.length;
    const charge = await stripe.charges.update(chargeId, {
      description: "Order 42",
      metadata: { order: "42", note: "gift" },
    });
    expect(charge).toMatchObject({
      description: "Order 42",
      metadata: { order: "42", note: "gift" },
    });
    expect(fake.events.slice(before).map((event) => event.type)).toEqual(["charge.updated"]);
    expect(fake.events.at(-1)?.data.previous_attributes).toEqual({
      description: null,
      metadata: { order: "41", note: null },
    });
    await stripe.charges.update(chargeId, { metadata: { order: "42" } });
    expect(fake.events).toHaveLength(before + 1);
    await expect(stripe.charges.retrieve(chargeId)).resolves.toMatchObject({ id: chargeId });
    await expect(stripe.charges.retrieve("ch_missing")).rejects.toMatchObject({ statusCode: 404 });
    const listed = await stripe.charges.list({ payment_intent: intent.id });
    expect(listed.data.map((each) => each.id)).toEqual([chargeId]);
  });
});
