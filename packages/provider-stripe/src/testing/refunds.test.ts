import { describe, expect, it } from "vitest";
import { useFakeStripeClient } from "./test-support";

const { fake, stripe, confirmIntent } = useFakeStripeClient();

async function paid(amount = 1000, paymentMethod = "pm_card_visa") {
  return confirmIntent(paymentMethod, { amount });
}

describe("refunds", () => {
  it("a refund without an amount refunds everything received", async () => {
    const intent = await paid(1000);
    const refund = await stripe.refunds.create({ payment_intent: intent.id });
    expect(refund).toMatchObject({
      object: "refund",
      amount: 1000,
      status: "succeeded",
      payment_intent: intent.id,
      charge: intent.latest_charge,
    });
    await expect(stripe.refunds.retrieve(refund.id)).resolves.toMatchObject({
      id: refund.id,
      amount: 1000,
    });
    expect(fake.charges.get(String(intent.latest_charge))).toMatchObject({
      amount_refunded: 1000,
      refunded: true,
    });
  });

  it("several partial refunds add up to the amount received", async () => {
    const intent = await paid(1000);
    await stripe.refunds.create({
      payment_intent: intent.id,
      amount: 300,
      reason: "requested_by_customer",
    });
    await stripe.refunds.create({
      payment_intent: intent.id,
      amount: 700,
      metadata: { line: "2" },
    });
    expect([...fake.refunds.values()].map((refund) => refund.amount)).toEqual([300, 700]);
    expect(
      fake.events.filter(
        (event) => event.type.startsWith("refund.") || event.type === "charge.refunded",
      ),
    ).toHaveLength(4);
  });

  it("refunding more than is left is refused with amount_too_large", async () => {
    const intent = await paid(1000);
    await stripe.refunds.create({ payment_intent: intent.id, amount: 600 });
    await expect(
      stripe.refunds.create({ payment_intent: intent.id, amount: 500 }),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: "amount_too_large",
    });
  });

  it("refunding a fully refunded payment is refused with charge_already_refunded", async () => {
    const intent = await paid(1000);
    await stripe.refunds.create({ payment_intent: intent.id });
    await expect(
      stripe.refunds.create({ payment_intent: intent.id, amount: 1 }),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: "charge_already_refunded",
    });
  });

  it("only the captured part of a partially captured payment can be refunded", async () => {
    const intent = await confirmIntent("pm_card_visa", { capture_method: "manual" });
    await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 400 });
    await expect(
      stripe.refunds.create({ payment_intent: intent.id, amount: 401 }),
    ).rejects.toMatchObject({ code: "amount_too_large" });
    await expect(stripe.refunds.create({ payment_intent: intent.id })).resolves.toMatchObject({
      amount: 400,
    });
  });

  it("an uncaptured payment cannot be refunded", async () => {
    const intent = await confirmIntent("pm_card_visa", { capture_method: "manual" });
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({
      statusCode: 400,
    });
  });

  it("emits refund.created and charge.refunded", async () => {
    const intent = await paid(1000);
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 250 });
    expect(fake.events.slice(-2)).toMatchObject([
      { type: "refund.created", data: { object: { id: refund.id, status: "succeeded" } } },
      {
        type: "charge.refunded",
        data: { object: { id: intent.latest_charge, amount_refunded: 250 } },
      },
    ]);
  });

  it("a refund of pm_card_refundFail stays pending, then fails and gives the amount back", async () => {
    const intent = await paid(1000, "pm_card_refundFail");
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 });
    expect(refund.status).toBe("pending");
    await expect(
      stripe.refunds.create({ payment_intent: intent.id, amount: 1 }),
    ).rejects.toMatchObject({
      code: "charge_already_refunded",
    });
    fake.settleRefund(refund.id, "failed");
    await expect(stripe.refunds.retrieve(refund.id)).resolves.toMatchObject({ status: "failed" });
    expect(fake.events.slice(-3).map((event) => event.type)).toEqual([
      "refund.updated",
      "charge.refund.updated",
      "refund.failed",
    ]);
    await expect(
      stripe.refunds.create({ payment_intent: intent.id, amount: 1000 }),
    ).resolves.toMatchObject({ status: "pending" });
  });

  it("a pending SEPA refund settles as succeeded", async () => {
    const intent = await confirmIntent("pm_sepa_debit", { currency: "eur" });
    fake.settleProcessing(intent.id, "succeeded");
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 400 });
    expect(refund.status).toBe("pending");
    fake.settleRefund(refund.id, "succeeded");
    expect(fake.refunds.get(refund.id)?.status).toBe("succeeded");
    expect(fake.events.at(-1)?.type).toBe("charge.refund.updated");
    expect(() => fake.settleRefund(refund.id, "succeeded")).toThrow(
      /only a pending refund settles/,
    );
  });

  it("a succeeded refund can fail later, giving its amount back to the charge", async () => {
    const intent = await confirmIntent("pm_card_visa");
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 400 });
    expect(refund.status).toBe("succeeded");
    fake.settleRefund(refund.id, "failed");
    expect(fake.refunds.get(refund.id)).toMatchObject({
      status: "failed",
      failure_reason: "declined",
    });
    expect(fake.events.slice(-3).map((event) => event.type)).toEqual([
      "refund.updated",
      "charge.refund.updated",
      "refund.failed",
    ]);
    expect(fake.charges.get(String(refund.charge))?.amount_refunded).toBe(0);
    expect(() => fake.settleRefund(refund.id, "failed")).toThrow(
      /only a succeeded one fails later/,
    );
  });

  it("refunds as the Dashboard does: no metadata, events as Stripe sends them", async () => {
    const intent = await confirmIntent("pm_card_visa");
    const refund = fake.refundFromDashboard(intent.id, 300);
    expect(refund).toMatchObject({ amount: 300, status: "succeeded", metadata: {} });
    expect(fake.events.slice(-2).map((event) => event.type)).toEqual([
      "refund.created",
      "charge.refunded",
    ]);
    const all = fake.refundFromDashboard(intent.id);
    expect(all.amount).toBe(intent.amount - 300);
    expect(() => fake.refundFromDashboard(intent.id, 1)).toThrow(/already been refunded/);
  });

  it("retrieving an unknown refund answers 404", async () => {
    await expect(stripe.refunds.retrieve("re_missing")).rejects.toMatchObject({
      statusCode: 404,
      code: "resource_missing",
    });
  });
});
