import { createPaymentModuleService, memoryStore, type PaymentModuleService } from "@tender/core";
import { describe, expect, it } from "vitest";
import { stripe } from "../src/index";
import { openSession, stripeService, useFakeStripe, WEBHOOK_SECRET } from "./setup-stripe";

/**
 * Stripe stores a 5xx for its idempotency key and replays it to the same key,
 * so a request answered 500 can never succeed under that key. After one, the
 * provider asks Stripe whether this very movement happened; only when nothing
 * moved does the request go again, under the next attempt's key, recorded on
 * the row first. Every case ends by comparing the books with the fake's own
 * records.
 */
const fake = useFakeStripe();

async function authorized(settings: Parameters<typeof stripeService>[0] = {}) {
  const { service } = stripeService(settings);
  const { collection, session } = await openSession(service, { payment_method: "pm_card_visa" });
  const payment = await service.authorizePaymentSession(session.id);
  return { service, collection, payment, intentId: String(session.data.id) };
}

const requestsTo = (suffix: RegExp) =>
  fake.requests.filter((r) => r.method === "POST" && suffix.test(r.path));

/** The books of one payment against the fake's PaymentIntent, charge and refunds. */
async function expectBooksMatchStripe(
  service: PaymentModuleService,
  paymentId: string,
  intentId: string,
) {
  const payment = await service.retrievePayment(paymentId);
  const intent = fake.paymentIntents.get(intentId);
  if (!intent) throw new Error(`no intent ${intentId} in the fake`);
  const captures = await service.listCaptures({ payment_id: paymentId });
  const refunds = await service.listRefunds({ payment_id: paymentId });
  const stripeRefunds = [...fake.refunds.values()].filter((r) => r.payment_intent === intentId);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  expect(payment.captured_amount).toBe(intent.amount_received);
  expect(sum(captures.filter((c) => c.status === "succeeded").map((c) => c.amount))).toBe(
    intent.amount_received,
  );
  expect(payment.refunded_amount).toBe(
    sum(stripeRefunds.filter((r) => r.status === "succeeded").map((r) => r.amount)),
  );
  expect(refunds.filter((r) => r.status === "succeeded")).toHaveLength(
    stripeRefunds.filter((r) => r.status === "succeeded").length,
  );
  expect(captures.filter((c) => c.status === "pending")).toEqual([]);
  expect(refunds.filter((r) => r.status === "pending")).toEqual([]);
}

describe("Stripe: a stored 5xx", () => {
  it("books only its own capture when parallel partial captures race and one is answered 500", async () => {
    const { service, payment, intentId } = await authorized({ multicapture: true });
    fake.failNext({ method: "POST", path: /\/capture$/ }, { type: "server_error" });
    // The first capture to reach Stripe gets the 500 (nothing captured); the other one lands.
    const [first, second] = await Promise.allSettled([
      service.capturePayment({ payment_id: payment.id, amount: 1000 }),
      service.capturePayment({ payment_id: payment.id, amount: 1500 }),
    ]);
    expect(first.status).toBe("fulfilled");
    expect(second.status).toBe("fulfilled");
    expect(fake.paymentIntents.get(intentId)?.amount_received).toBe(2500);
    await expectBooksMatchStripe(service, payment.id, intentId);
    // The capture answered 500 went again under its next attempt's key, recorded on its row.
    const captures = await service.listCaptures({ payment_id: payment.id });
    const renewed = captures.filter((c) => c.idempotency_key === `${c.id}:attempt-2`);
    expect(renewed).toHaveLength(1);
    const keys = requestsTo(/\/capture$/).map((r) => r.idempotencyKey);
    expect(keys).toContain(renewed[0]?.id);
    expect(keys).toContain(`${renewed[0]?.id}:attempt-2`);
  });

  it("recognizes a capture that Stripe applied before answering 500 by its own marker, and never captures again", async () => {
    const { service, payment, intentId } = await authorized({ multicapture: true });
    await service.capturePayment({ payment_id: payment.id, amount: 1500 });
    fake.failNext({ method: "POST", path: /\/capture$/ }, { type: "server_error", applied: true });
    const captured = await service.capturePayment({ payment_id: payment.id, amount: 1000 });
    expect(captured.captured_amount).toBe(2500);
    expect(requestsTo(/\/capture$/)).toHaveLength(2);
    await expectBooksMatchStripe(service, payment.id, intentId);
  });

  it("leaves a capture answered 500 twice pending under its third key, and reconcile captures it once", async () => {
    const { service, payment, intentId } = await authorized();
    fake.failNext({ method: "POST", path: /\/capture$/ }, { type: "server_error" });
    fake.failNext({ method: "POST", path: /\/capture$/ }, { type: "server_error" });
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "outcome_unknown",
    });
    const [pending] = await service.listCaptures({ payment_id: payment.id });
    expect(pending).toMatchObject({
      status: "pending",
      idempotency_key: `${pending?.id}:attempt-3`,
    });
    const settled = await service.reconcilePayment(payment.id);
    expect(settled).toMatchObject({ status: "captured", captured_amount: 5000 });
    expect(new Set(requestsTo(/\/capture$/).map((r) => r.idempotencyKey)).size).toBe(3);
    await expectBooksMatchStripe(service, payment.id, intentId);
  });

  it("refunds once when the refund is answered 500 with nothing refunded, under the next key", async () => {
    const { service, payment, intentId } = await authorized();
    await service.capturePayment({ payment_id: payment.id });
    fake.failNext({ method: "POST", path: "/v1/refunds" }, { type: "server_error" });
    const refunded = await service.refundPayment({ payment_id: payment.id, amount: 2000 });
    expect(refunded.refunded_amount).toBe(2000);
    const [refund] = await service.listRefunds({ payment_id: payment.id });
    expect(refund).toMatchObject({
      status: "succeeded",
      idempotency_key: `${refund?.id}:attempt-2`,
    });
    expect([...fake.refunds.values()]).toHaveLength(1);
    await expectBooksMatchStripe(service, payment.id, intentId);
  });

  it("finds a refund Stripe made before answering 500 by Tender's refund id, and does not refund twice", async () => {
    const { service, payment, intentId } = await authorized();
    await service.capturePayment({ payment_id: payment.id });
    fake.failNext({ method: "POST", path: "/v1/refunds" }, { type: "server_error", applied: true });
    const refunded = await service.refundPayment({ payment_id: payment.id, amount: 2000 });
    expect(refunded.refunded_amount).toBe(2000);
    expect([...fake.refunds.values()]).toHaveLength(1);
    expect(requestsTo(/^\/v1\/refunds$/)).toHaveLength(1);
    await expectBooksMatchStripe(service, payment.id, intentId);
  });

  it("cancels under the next key when the cancel is answered 500 with the hold still in place", async () => {
    const { service, payment, intentId } = await authorized();
    fake.failNext({ method: "POST", path: /\/cancel$/ }, { type: "server_error" });
    const canceled = await service.cancelPayment(payment.id);
    expect(canceled).toMatchObject({ status: "canceled", cancel_attempt: 2 });
    expect(fake.paymentIntents.get(intentId)?.status).toBe("canceled");
    expect(requestsTo(/\/cancel$/).map((r) => r.idempotencyKey)).toEqual([
      `${payment.id}:cancel`,
      `${payment.id}:cancel:attempt-2`,
    ]);
  });

  it("keeps a cancel answered 429 in flight under its key, and reconcile cancels it", async () => {
    const { service, payment, intentId } = await authorized({ maxNetworkRetries: 0 });
    fake.failNext({ method: "POST", path: /\/cancel$/ }, { type: "rate_limited" });
    await expect(service.cancelPayment(payment.id)).rejects.toMatchObject({
      code: "outcome_unknown",
    });
    const canceled = await service.reconcilePayment(payment.id);
    expect(canceled.status).toBe("canceled");
    expect(fake.paymentIntents.get(intentId)?.status).toBe("canceled");
  });

  it("authorizes under the next attempt's key when the confirm is answered 500 with nothing confirmed", async () => {
    const { service } = stripeService();
    const { session, collection } = await openSession(service, { payment_method: "pm_card_visa" });
    fake.failNext({ method: "POST", path: /\/confirm$/ }, { type: "server_error" });
    const payment = await service.authorizePaymentSession(session.id);
    expect(payment.status).toBe("authorized");
    const keys = requestsTo(/\/confirm$/).map((r) => r.idempotencyKey);
    expect(keys).toEqual([`${session.id}:authorize:0`, `${session.id}:authorize:1`]);
    expect(fake.paymentIntents.get(String(session.data.id))?.status).toBe("requires_capture");
    // Nothing is left in flight to block the collection.
    expect((await service.retrievePaymentSession(session.id)).authorization_started_at).toBeNull();
    expect((await service.retrievePaymentCollection(collection.id)).authorized_amount).toBe(5000);
  });

  it("books a confirm Stripe applied before answering 500 from the intent, confirming once", async () => {
    const { service } = stripeService();
    const { session } = await openSession(service, { payment_method: "pm_card_visa" });
    fake.failNext({ method: "POST", path: /\/confirm$/ }, { type: "server_error", applied: true });
    const payment = await service.authorizePaymentSession(session.id);
    expect(payment.status).toBe("authorized");
    expect(requestsTo(/\/confirm$/)).toHaveLength(1);
  });

  it("creates the session under the next attempt's key when creating the intent is answered 500", async () => {
    const { service } = stripeService();
    fake.failNext({ method: "POST", path: "/v1/payment_intents" }, { type: "server_error" });
    const { session } = await openSession(service, { payment_method: "pm_card_visa" });
    expect(session.provider_call).toBeNull();
    const keys = requestsTo(/^\/v1\/payment_intents$/).map((r) => r.idempotencyKey);
    expect(keys).toEqual([`${session.id}:initiate`, `${session.id}:initiate:attempt-2`]);
    expect((await service.authorizePaymentSession(session.id)).status).toBe("authorized");
  });

  it("updates the session under the next attempt's key when the update is answered 500 with nothing changed", async () => {
    const { service } = stripeService();
    const { session } = await openSession(service, {});
    fake.failNext(
      { method: "POST", path: /^\/v1\/payment_intents\/pi_\w+$/ },
      { type: "server_error" },
    );
    const updated = await service.updatePaymentSession({
      id: session.id,
      data: { payment_method: "pm_card_mastercard" },
    });
    expect(updated.provider_call).toBeNull();
    const intent = fake.paymentIntents.get(String(session.data.id));
    expect(intent?.payment_method).toEqual(expect.stringContaining("pm_"));
    expect(requestsTo(/^\/v1\/payment_intents\/pi_\w+$/).map((r) => r.idempotencyKey)).toHaveLength(
      2,
    );
    expect((await service.authorizePaymentSession(session.id)).status).toBe("authorized");
  });

  it("settles a capture sent again with other parameters (the settings changed before reconcile), applied or not", async () => {
    const store = memoryStore();
    const before = createPaymentModuleService({
      providers: [
        stripe({ apiKey: "sk_test_tender", webhookSecret: WEBHOOK_SECRET, maxNetworkRetries: 0 }),
      ],
      store,
    });
    const { session } = await openSession(before, { payment_method: "pm_card_visa" });
    const payment = await before.authorizePaymentSession(session.id);
    const intentId = String(session.data.id);
    // Stripe captures, the answer is lost: the capture stays pending under its key.
    fake.failNext({ method: "POST", path: /\/capture$/ }, { type: "lost_response" });
    await expect(
      before.capturePayment({ payment_id: payment.id, amount: 2000 }),
    ).rejects.toMatchObject({
      code: "outcome_unknown",
    });
    // Reconciled by a service whose provider now asks for multicapture: the same key with
    // other parameters is refused by Stripe for good, so the intent's marker decides.
    const after = createPaymentModuleService({
      providers: [
        stripe({ apiKey: "sk_test_tender", webhookSecret: WEBHOOK_SECRET, multicapture: true }),
      ],
      store,
    });
    const settled = await after.reconcilePayment(payment.id);
    expect(settled.captured_amount).toBe(2000);
    expect(fake.paymentIntents.get(intentId)?.amount_received).toBe(2000);
    await expectBooksMatchStripe(after, payment.id, intentId);
  });
});
