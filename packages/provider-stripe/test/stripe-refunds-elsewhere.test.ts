import { type PaymentModuleService, TenderError, type TenderEvent } from "@tender/core";
import { seededRandom } from "@tender/core/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { openSession, sendEvent, stripeService, useFakeStripe } from "./setup-stripe";

/*
 * Refunds Tender did not make (the Dashboard's) and refunds Stripe reversed:
 * the books follow Stripe's records, whatever order the events come in, and
 * a refund is never counted twice whoever made it.
 */
const fake = useFakeStripe();
beforeEach(() => fake.reset());

const send = (service: PaymentModuleService, event: unknown) => sendEvent(fake, service, event);

/** A card payment of 5000, captured in full by Tender, with the events so far delivered. */
async function capturedPayment() {
  const { service } = stripeService();
  const heard: TenderEvent[] = [];
  service.on("*", (event) => {
    heard.push(event);
  });
  const { session, collection } = await openSession(service, { payment_method: "pm_card_visa" });
  const payment = await service.authorizePaymentSession(session.id);
  await service.capturePayment({ payment_id: payment.id });
  for (const event of fake.events) await send(service, event);
  return { service, heard, payment, collection, intentId: String(session.data.id) };
}

/** The payment and collection against the fake's ledger: refunded = Stripe's succeeded refunds, one row each. */
async function expectBooksEqualStripe(service: PaymentModuleService, paymentId: string) {
  const payment = await service.retrievePayment(paymentId);
  const intent = fake.paymentIntents.get(String(payment.data.id));
  const atStripe = [...fake.refunds.values()].filter((r) => r.payment_intent === intent?.id);
  const succeeded = atStripe.filter((r) => r.status === "succeeded");
  const refunded = succeeded.reduce((sum, r) => sum + r.amount, 0);
  expect(payment.captured_amount).toBe(intent?.amount_received);
  expect(payment.refunded_amount).toBe(refunded);
  const rows = await service.listRefunds({ payment_id: paymentId });
  const booked = rows.filter((r) => r.status === "succeeded");
  expect(booked.map((r) => r.amount).sort()).toEqual(succeeded.map((r) => r.amount).sort());
  // Each of Stripe's refunds is one row, matched by Stripe's id or Tender's.
  for (const refund of atStripe) {
    const matching = rows.filter(
      (row) =>
        row.data.provider_refund_id === refund.id || row.id === refund.metadata.tender_refund_id,
    );
    expect(matching, refund.id).toHaveLength(1);
  }
  const collection = await service.retrievePaymentCollection(payment.payment_collection_id);
  expect(collection.refunded_amount).toBe(refunded);
  return { payment, rows, collection };
}

describe("a refund made in the Stripe Dashboard", () => {
  it("is booked from its webhook as a refund made at the provider, once, however often it comes", async () => {
    const { service, heard, payment, intentId } = await capturedPayment();
    const sent = fake.events.length;
    const dashboard = fake.refundFromDashboard(intentId, 2000);
    const events = fake.events.slice(sent);
    expect(events.map((e) => e.type)).toEqual(["refund.created", "charge.refunded"]);

    for (const event of [...events, ...events]) {
      await expect(send(service, event)).resolves.toMatchObject({
        status: expect.stringMatching(/processed|duplicate/),
        session_id: payment.payment_session_id,
      });
    }

    const { rows, collection } = await expectBooksEqualStripe(service, payment.id);
    expect(rows).toEqual([
      expect.objectContaining({
        amount: 2000,
        status: "succeeded",
        data: expect.objectContaining({ provider_refund_id: dashboard.id, made_at_provider: true }),
      }),
    ]);
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      status: "partially_refunded",
      refunded_amount: 2000,
    });
    expect(collection).toMatchObject({ status: "partially_refunded", refunded_amount: 2000 });
    expect(heard.filter((e) => e.name === "payment.refunded")).toHaveLength(1);

    // What is left may still be refunded through Tender, and no more.
    await service.refundPayment({ payment_id: payment.id, amount: 3000 });
    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 1 }),
    ).rejects.toMatchObject({ code: "nothing_to_refund" });
    for (const event of fake.events.slice(sent)) await send(service, event);
    await expectBooksEqualStripe(service, payment.id);
    expect(await service.retrievePayment(payment.id)).toMatchObject({ status: "refunded" });
  });

  it("is booked by reconcilePayment when no webhook arrives", async () => {
    const { service, payment, intentId } = await capturedPayment();
    fake.refundFromDashboard(intentId, 1200);
    await service.reconcilePayment(payment.id);
    await service.reconcilePayment(payment.id);
    const { rows } = await expectBooksEqualStripe(service, payment.id);
    expect(rows).toHaveLength(1);
  });

  it("holds a pending Dashboard refund until Stripe settles it, and never sends it again", async () => {
    const { service } = stripeService();
    const { session } = await openSession(service, { payment_method: "pm_card_refundFail" });
    const payment = await service.authorizePaymentSession(session.id);
    await service.capturePayment({ payment_id: payment.id });
    const dashboard = fake.refundFromDashboard(String(session.data.id), 2500);
    expect(dashboard.status).toBe("pending");
    await service.reconcilePayment(payment.id);
    await service.reconcile({ olderThan: 0 });
    expect(fake.refunds.size).toBe(1);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds")).toEqual(
      [],
    );
    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 2501 }),
    ).rejects.toMatchObject({ code: "refund_exceeds_captured" });
    fake.settleRefund(dashboard.id, "failed");
    await service.reconcilePayment(payment.id);
    const { rows } = await expectBooksEqualStripe(service, payment.id);
    expect(rows).toEqual([expect.objectContaining({ status: "failed", amount: 2500 })]);
  });

  it("ignores a Dashboard refund of a payment Tender did not create", async () => {
    const { service } = stripeService();
    const sdkIntent = await fetch("https://api.stripe.com/v1/payment_intents", {
      method: "POST",
      headers: {
        authorization: "Bearer sk_test_other",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "amount=1000&currency=usd&payment_method=pm_card_visa&confirm=true",
    }).then((response) => response.json() as Promise<{ id: string }>);
    const sent = fake.events.length;
    fake.refundFromDashboard(sdkIntent.id, 500);
    for (const event of fake.events.slice(sent)) {
      await expect(send(service, event)).resolves.toMatchObject({ status: "ignored" });
    }
  });
});

describe("a capture made in the Stripe Dashboard", () => {
  it("is booked once from its events (charge.captured, payment_intent.succeeded), the rest released", async () => {
    const { service } = stripeService();
    const { session, collection } = await openSession(service, { payment_method: "pm_card_visa" });
    const payment = await service.authorizePaymentSession(session.id);
    const intentId = String(session.data.id);
    const sent = fake.events.length;
    // Someone captures 3000 of the 5000 hold in the Dashboard.
    const dashboard = await fetch(`https://api.stripe.com/v1/payment_intents/${intentId}/capture`, {
      method: "POST",
      headers: {
        authorization: "Bearer sk_test_dashboard",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "amount_to_capture=3000",
    });
    expect(dashboard.status).toBe(200);
    const events = fake.events.slice(sent);
    expect(events.map((e) => e.type).sort()).toEqual([
      "charge.captured",
      "payment_intent.succeeded",
    ]);
    for (const event of [...events].reverse().concat(events)) await send(service, event);

    const intent = fake.paymentIntents.get(intentId);
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      status: "captured",
      captured_amount: intent?.amount_received,
      released_amount: 2000,
    });
    const captures = await service.listCaptures({ payment_id: payment.id });
    expect(captures).toEqual([expect.objectContaining({ amount: 3000, status: "succeeded" })]);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "completed",
      captured_amount: 3000,
    });
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "payment_already_captured",
    });
  });
});

describe("a refund Stripe reverses after it succeeded", () => {
  it("fails in the books, gives its amount back to the payment and says so with payment.refund_failed", async () => {
    const { service, heard, payment } = await capturedPayment();
    const refunded = await service.refundPayment({ payment_id: payment.id, amount: 1500 });
    expect(refunded).toMatchObject({ status: "partially_refunded", refunded_amount: 1500 });
    const [refund] = await service.listRefunds({ payment_id: payment.id });
    const stripeRefund = [...fake.refunds.values()].find(
      (r) => r.metadata.tender_refund_id === refund?.id,
    );
    if (!refund || !stripeRefund) throw new Error("the refund is not at Stripe");
    const sent = fake.events.length;
    fake.settleRefund(stripeRefund.id, "failed");
    const events = fake.events.slice(sent);
    expect(events.map((e) => e.type)).toEqual([
      "refund.updated",
      "charge.refund.updated",
      "refund.failed",
    ]);
    for (const event of [...events].reverse()) await send(service, event);

    const refundNow = async () =>
      (await service.listRefunds({ payment_id: payment.id })).find((r) => r.id === refund.id);
    expect(await refundNow()).toMatchObject({
      status: "failed",
      error: { code: "refund_reversed" },
    });
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      status: "captured",
      refunded_amount: 0,
    });
    expect(heard.filter((e) => e.name === "payment.refund_failed")).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ refund: expect.objectContaining({ id: refund.id }) }),
      }),
    ]);
    await expectBooksEqualStripe(service, payment.id);

    // A late copy of the refund's earlier success changes nothing; the money may be refunded again.
    const created = fake.events.find(
      (e) =>
        e.type === "refund.created" && (e.data.object as { id?: string }).id === stripeRefund.id,
    );
    await send(service, { ...created, id: "evt_late_copy" });
    expect((await refundNow())?.status).toBe("failed");
    await service.refundPayment({ payment_id: payment.id, amount: 5000 });
    await expectBooksEqualStripe(service, payment.id);
  });
});

describe("refund events shuffled and repeated", () => {
  it("end in the books Stripe has, whatever the order (seeded)", async () => {
    for (let seed = 1; seed <= 8; seed++) {
      fake.reset();
      const next = seededRandom(seed);
      const { service, payment, intentId } = await capturedPayment();
      const sent = fake.events.length;
      await service.refundPayment({ payment_id: payment.id, amount: 1000 });
      fake.refundFromDashboard(intentId, 700);
      const stripeRefunds = [...fake.refunds.values()];
      const reversed = stripeRefunds[Math.floor(next() * stripeRefunds.length)];
      if (reversed) fake.settleRefund(reversed.id, "failed");
      const events = fake.events.slice(sent);
      const copies = events.flatMap((event) =>
        Array.from({ length: 1 + Math.floor(next() * 3) }, () => event),
      );
      const shuffled = copies
        .map((event) => ({ event, order: next() }))
        .sort((a, b) => a.order - b.order)
        .map(({ event }) => event);
      for (const event of shuffled) {
        await send(service, event).catch((error: unknown) => {
          if (!TenderError.isInstance(error) || !error.retryable) throw error;
        });
      }
      await expectBooksEqualStripe(service, payment.id).catch((error: unknown) => {
        throw new Error(`seed ${seed}: ${String(error)}`, { cause: error });
      });
    }
  });
});
