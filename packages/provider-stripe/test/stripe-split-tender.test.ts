import type { PaymentModuleService } from "@tender/core";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import type { FakeStripe } from "../src/testing/index";
import { deliverTo, stripeService, useFakeStripe } from "./setup-stripe";

const fake = useFakeStripe();

/**
 * Split tender gone wrong: one collection of 5000, two Stripe sessions for
 * the full 5000, and the customer confirms both in the browser (Stripe.js
 * confirms the intent itself) before any webhook arrives.
 */
async function paidTwice(capture: "automatic" | "manual") {
  let clock = new Date("2026-03-01T10:00:00.000Z");
  const { service } = stripeService({ capture }, { now: () => clock });
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount: 5000 });
  const open = () =>
    service.createPaymentSession(collection.id, {
      provider_id: "stripe",
      currency_code: "usd",
      amount: 5000,
      data: { payment_method: "pm_card_visa" },
    });
  const sessions = [await open(), await open()];
  const browser = new Stripe("sk_test_browser");
  for (const session of sessions) {
    await browser.paymentIntents.confirm(String(session.data.id), {
      payment_method: "pm_card_visa",
    });
  }
  const later = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  return { service, collection, sessions, later };
}

/** The books against the fake's records: what was captured and refunded, intent by intent. */
async function expectBooksEqualStripe(service: PaymentModuleService, stripe: FakeStripe) {
  for (const payment of await service.listPayments()) {
    const intent = stripe.paymentIntents.get(String(payment.data.id));
    const charges = [...stripe.charges.values()].filter((c) => c.payment_intent === intent?.id);
    const refunds = [...stripe.refunds.values()].filter(
      (r) => r.payment_intent === intent?.id && r.status === "succeeded",
    );
    expect(payment.captured_amount, `${payment.id} captured`).toBe(
      charges.reduce((sum, charge) => sum + charge.amount_captured, 0),
    );
    expect(payment.refunded_amount, `${payment.id} refunded`).toBe(
      refunds.reduce((sum, refund) => sum + refund.amount, 0),
    );
    expect(payment.canceled_at !== null, `${payment.id} canceled`).toBe(
      intent?.status === "canceled",
    );
  }
  expect(await service.listRefunds({ status: "pending" })).toEqual([]);
  expect((await service.listPayments()).filter((p) => p.surplus_returning_at !== null)).toEqual([]);
}

describe("split tender: money that no longer fits its collection", () => {
  it("refunds the second of two automatic captures, and the customer is charged 5000 in all", async () => {
    const { service, collection, sessions } = await paidTwice("automatic");

    await fake.deliver(deliverTo(service), { duplicate: true });

    const payments = await service.listPayments();
    expect(payments).toHaveLength(2);
    const surplus = payments.filter((payment) => payment.surplus_at !== null);
    expect(surplus).toHaveLength(1);
    expect(surplus[0]).toMatchObject({
      captured_amount: 5000,
      refunded_amount: 5000,
      status: "refunded",
    });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "completed",
      captured_amount: 5000,
      refunded_amount: 0,
    });
    expect([...fake.refunds.values()].map((refund) => refund.amount)).toEqual([5000]);
    expect(sessions.map((s) => fake.paymentIntents.get(String(s.data.id))?.status)).toEqual([
      "succeeded",
      "succeeded",
    ]);
    await expectBooksEqualStripe(service, fake);
  });

  it("cancels the second of two manual-capture holds", async () => {
    const { service, collection, sessions } = await paidTwice("manual");

    await fake.deliver(deliverTo(service), { duplicate: true, reverse: true });

    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "authorized",
      authorized_amount: 5000,
    });
    const statuses = sessions.map((s) => fake.paymentIntents.get(String(s.data.id))?.status).sort();
    expect(statuses).toEqual(["canceled", "requires_capture"]);
    expect(fake.refunds.size).toBe(0);
    await expectBooksEqualStripe(service, fake);
  });

  it("keeps the event undone while Stripe's answer to the refund is lost, and the sweep returns the money once", async () => {
    const { service, later } = await paidTwice("automatic");
    // Every try of the first refund request reaches Stripe, which applies it, but no answer comes back.
    for (let attempt = 0; attempt < 3; attempt++) {
      fake.failNext({ method: "POST", path: "/v1/refunds" }, { type: "lost_response" });
    }

    await expect(fake.deliver(deliverTo(service))).rejects.toMatchObject({
      code: "operation_in_progress",
      retryable: true,
    });
    expect(await service.listRefunds({ status: "pending" })).toHaveLength(1);

    later(120_000);
    const swept = await service.reconcile({ olderThan: 60_000 });
    expect(swept.errors).toEqual([]);
    await fake.deliver(deliverTo(service));

    expect([...fake.refunds.values()].map((refund) => refund.amount)).toEqual([5000]);
    await expectBooksEqualStripe(service, fake);
  });
});
