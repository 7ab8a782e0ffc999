import type { PaymentModuleService, TenderEvent } from "@tender/core";
import { beforeEach, describe, expect, it } from "vitest";
import {
  openSession,
  sendEvent,
  shuffledWithRepeats,
  stripeService,
  useFakeStripe,
} from "./setup-stripe";

/*
 * Radar's early fraud warnings and reviews, sent as Stripe sends them
 * (shuffled and duplicated): each is kept on its payment and announced once
 * per change, and none moves money, so the books still equal Stripe's.
 */
const fake = useFakeStripe();
beforeEach(() => fake.reset());
const SEEDS = 12;

const send = (service: PaymentModuleService, event: unknown) => sendEvent(fake, service, event);

/** A card payment of 5000 captured by Tender, its own events delivered. */
async function capturedPayment() {
  const { service } = stripeService();
  const heard: TenderEvent[] = [];
  service.on("*", (event) => {
    heard.push(event);
  });
  const { session } = await openSession(service, { payment_method: "pm_card_visa" });
  const payment = await service.authorizePaymentSession(session.id);
  await service.capturePayment({ payment_id: payment.id });
  for (const event of fake.events) await send(service, event);
  return { service, heard, payment, intentId: String(session.data.id), sent: fake.events.length };
}

/** The payment and its collection against the fake's ledger. */
async function expectBooksEqualStripe(service: PaymentModuleService, paymentId: string) {
  const payment = await service.retrievePayment(paymentId);
  const intent = fake.paymentIntents.get(String(payment.data.id));
  const refunded = [...fake.refunds.values()]
    .filter((r) => r.payment_intent === intent?.id && r.status === "succeeded")
    .reduce((sum, r) => sum + r.amount, 0);
  expect(payment.captured_amount).toBe(intent?.amount_received);
  expect(payment.refunded_amount).toBe(refunded);
  const collection = await service.retrievePaymentCollection(payment.payment_collection_id);
  expect(collection.captured_amount).toBe(intent?.amount_received);
  expect(collection.refunded_amount).toBe(refunded);
  return payment;
}

describe("an early fraud warning", () => {
  it(`is kept on the payment, and once refunded in full no longer actionable (${SEEDS} seeded orders)`, async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      fake.reset();
      const { service, heard, payment, intentId, sent } = await capturedPayment();
      const warning = fake.raiseEarlyFraudWarning(intentId, "made_with_stolen_card");
      for (const event of shuffledWithRepeats(fake.events.slice(sent), seed))
        await send(service, event);
      expect((await service.retrievePayment(payment.id)).risk_signals, `seed ${seed}`).toEqual([
        {
          id: warning.id,
          kind: "fraud_warning",
          status: "open",
          reason: "made_with_stolen_card",
          actionable: true,
        },
      ]);
      expect(heard.filter((e) => e.name === "payment.risk_signal")).toHaveLength(1);

      // What the application does with an actionable warning: refund it before it becomes a dispute.
      const afterWarning = fake.events.length;
      await service.refundPayment({ payment_id: payment.id });
      const stripeSent = fake.events.slice(afterWarning).map((e) => e.type);
      expect(stripeSent).toContain("radar.early_fraud_warning.updated");
      for (const event of shuffledWithRepeats(fake.events.slice(sent), seed + 1000)) {
        await send(service, event);
      }
      const booked = await expectBooksEqualStripe(service, payment.id);
      expect(booked).toMatchObject({ status: "refunded", refunded_amount: 5000 });
      expect(booked.risk_signals, `seed ${seed}`).toEqual([
        expect.objectContaining({ id: warning.id, status: "open", actionable: false }),
      ]);
      expect(fake.earlyFraudWarnings.get(warning.id)?.actionable).toBe(false);
      expect(heard.filter((e) => e.name === "payment.risk_signal")).toHaveLength(2);
    }
  });
});

describe("a Radar review", () => {
  it(`opens and closes on the payment whatever order its events come in (${SEEDS} seeded orders)`, async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      fake.reset();
      const { service, heard, payment, intentId, sent } = await capturedPayment();
      const review = fake.openReview(intentId, "rule");
      expect(fake.paymentIntents.get(intentId)?.review).toBe(review.id);
      fake.closeReview(review.id, "approved");
      for (const event of shuffledWithRepeats(fake.events.slice(sent), seed))
        await send(service, event);
      const booked = await expectBooksEqualStripe(service, payment.id);
      expect(booked.risk_signals, `seed ${seed}`).toEqual([
        { id: review.id, kind: "review", status: "closed", reason: "approved", actionable: false },
      ]);
      const signalled = heard.filter((e) => e.name === "payment.risk_signal");
      expect(signalled.length).toBeGreaterThanOrEqual(1);
      expect(signalled.at(-1)?.data).toMatchObject({ signal: { status: "closed" } });
    }
  });

  it("closes as refunded when the payment is refunded in full while in review", async () => {
    const { service, payment, intentId, sent } = await capturedPayment();
    const review = fake.openReview(intentId, "manual");
    await service.refundPayment({ payment_id: payment.id });
    for (const event of fake.events.slice(sent)) await send(service, event);
    const booked = await expectBooksEqualStripe(service, payment.id);
    expect(booked.risk_signals).toEqual([
      { id: review.id, kind: "review", status: "closed", reason: "refunded", actionable: false },
    ]);
  });
});

describe("a risk event of a charge Tender did not make", () => {
  it("is ignored", async () => {
    const { service } = stripeService();
    const Stripe = (await import("stripe")).default;
    const stripe = new Stripe("sk_test_other", { httpClient: Stripe.createFetchHttpClient() });
    const foreign = await stripe.paymentIntents.create({
      amount: 1000,
      currency: "usd",
      payment_method: "pm_card_visa",
      confirm: true,
    });
    fake.raiseEarlyFraudWarning(foreign.id);
    const event = fake.events.at(-1);
    if (!event) throw new Error("no event");
    await expect(send(service, event)).resolves.toMatchObject({ status: "ignored" });
  });
});
