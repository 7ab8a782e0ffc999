import { type PaymentModuleService, TenderError, type TenderEvent } from "@tender/core";
import { beforeEach, describe, expect, it } from "vitest";
import {
  openSession,
  sendEvent,
  shuffledWithRepeats,
  stripeService,
  useFakeStripe,
} from "./setup-stripe";

/*
 * Chargebacks and inquiries as Stripe sends them (charge.dispute.*, shuffled
 * and duplicated): each is one dispute record following Stripe's, and the
 * money it takes back is on the payment and collection, equal to Stripe's.
 */
const fake = useFakeStripe();
beforeEach(() => fake.reset());
const SEEDS = 12;
const HOLDS = ["needs_response", "under_review", "lost"];

const send = (service: PaymentModuleService, event: unknown) => sendEvent(fake, service, event);

async function capturedPayment(payment_method = "pm_card_visa") {
  const { service } = stripeService();
  const heard: TenderEvent[] = [];
  service.on("*", (event) => {
    heard.push(event);
  });
  const { session } = await openSession(service, { payment_method });
  const authorized = await service.authorizePaymentSession(session.id);
  const payment =
    authorized.captured_amount > 0
      ? authorized
      : await service.capturePayment({ payment_id: authorized.id });
  return { service, heard, payment, intentId: String(session.data.id) };
}

/** The books against the fake's ledger: one record per Stripe dispute, and what they took back. */
async function expectBooksEqualStripe(service: PaymentModuleService, paymentId: string) {
  const payment = await service.retrievePayment(paymentId);
  const intentId = String(payment.data.id);
  const intent = fake.paymentIntents.get(intentId);
  const atStripe = [...fake.disputes.values()].filter((d) => d.payment_intent === intentId);
  const rows = await service.listDisputes({ payment_id: paymentId });
  expect(rows).toHaveLength(atStripe.length);
  for (const dispute of atStripe) {
    const row = rows.find((r) => r.provider_dispute_id === dispute.id);
    expect(row, dispute.id).toMatchObject({ raw_status: dispute.status, amount: dispute.amount });
  }
  const taken = atStripe
    .filter((d) => HOLDS.includes(d.status))
    .reduce((sum, d) => sum + d.amount, 0);
  const refunded = [...fake.refunds.values()]
    .filter((r) => r.payment_intent === intentId && r.status === "succeeded")
    .reduce((sum, r) => sum + r.amount, 0);
  expect(payment.captured_amount).toBe(intent?.amount_received);
  expect(payment.refunded_amount).toBe(refunded);
  expect(payment.disputed_amount).toBe(taken);
  const collection = await service.retrievePaymentCollection(payment.payment_collection_id);
  expect(collection.disputed_amount).toBe(taken);
  return { payment, rows, collection };
}

describe("a chargeback (pm_card_createDispute)", () => {
  it(`lost: opened, evidence submitted, lost, whatever order its events come in (${SEEDS} seeds)`, async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      fake.reset();
      const { service, heard, payment } = await capturedPayment("pm_card_createDispute");
      const [dispute] = [...fake.disputes.values()];
      if (!dispute) throw new Error("the test card opened no dispute");
      fake.submitDisputeEvidence(dispute.id);
      fake.closeDispute(dispute.id, "lost");
      const types = fake.events.map((e) => e.type);
      expect(types).toEqual(
        expect.arrayContaining([
          "charge.dispute.created",
          "charge.dispute.funds_withdrawn",
          "charge.dispute.updated",
          "charge.dispute.closed",
        ]),
      );
      for (const event of shuffledWithRepeats(fake.events, seed)) await send(service, event);
      const { rows } = await expectBooksEqualStripe(service, payment.id);
      expect(rows[0], `seed ${seed}`).toMatchObject({ status: "lost", reason: "fraudulent" });
      expect((await service.retrievePayment(payment.id)).disputed_amount).toBe(5000);
      const names = heard.map((e) => e.name).filter((n) => n.startsWith("payment.dispute_"));
      expect(names[0]).toBe("payment.dispute_opened");
      expect(names.at(-1)).toBe("payment.dispute_closed");
      expect(names.filter((n) => n === "payment.dispute_closed")).toHaveLength(1);
      // The money is gone: nothing is left to refund.
      await expect(service.refundPayment({ payment_id: payment.id })).rejects.toMatchObject({
        code: "nothing_to_refund",
      });
    }
  });

  it("won: the amount comes back, and may then be refunded", async () => {
    const { service, payment } = await capturedPayment("pm_card_createDispute");
    for (const event of fake.events) await send(service, event);
    expect((await expectBooksEqualStripe(service, payment.id)).payment.disputed_amount).toBe(5000);
    const [dispute] = [...fake.disputes.values()];
    if (!dispute) throw new Error("no dispute");
    const sent = fake.events.length;
    fake.closeDispute(dispute.id, "won");
    expect(fake.events.slice(sent).map((e) => e.type)).toEqual([
      "charge.dispute.funds_reinstated",
      "charge.dispute.closed",
    ]);
    for (const event of fake.events.slice(sent).reverse()) await send(service, event);
    const books = await expectBooksEqualStripe(service, payment.id);
    expect(books.rows[0]).toMatchObject({ status: "won", closed_at: expect.any(Date) });
    expect(books.payment.disputed_amount).toBe(0);
  });

  it("is booked by reconcilePayment when no webhook arrives", async () => {
    const { service, payment, intentId } = await capturedPayment();
    fake.createDispute(intentId, { amount: 2000, reason: "product_not_received" });
    await service.reconcilePayment(payment.id);
    const { rows } = await expectBooksEqualStripe(service, payment.id);
    expect(rows[0]).toMatchObject({
      status: "needs_response",
      amount: 2000,
      reason: "product_not_received",
      evidence_due_by: expect.any(Date),
    });
    // What is not disputed may still be refunded; the disputed 2000 may not be refunded too.
    await expect(service.refundPayment({ payment_id: payment.id, amount: 3001 })).rejects.toSatisfy(
      (error: unknown) => TenderError.isInstance(error) && error.code === "refund_exceeds_captured",
    );
  });
});

describe("an inquiry", () => {
  it("takes nothing, and leaves the payment refundable", async () => {
    const { service, payment, intentId } = await capturedPayment();
    fake.createDispute(intentId, { inquiry: true });
    for (const event of fake.events) await send(service, event);
    const { rows } = await expectBooksEqualStripe(service, payment.id);
    expect(rows[0]).toMatchObject({ status: "warning_needs_response" });
    await service.refundPayment({ payment_id: payment.id, amount: 1000 });
    for (const event of fake.events) await send(service, event);
    await expectBooksEqualStripe(service, payment.id);
  });
});
