import { TenderError } from "@tender/core";
import { describe, expect, it } from "vitest";
import { deliverTo, openSession, stripeService, useFakeStripe } from "./setup-stripe";

const fake = useFakeStripe();

function intentOf(data: Record<string, unknown>) {
  const id = data.id;
  if (typeof id !== "string") throw new Error("the session has no PaymentIntent id");
  const intent = fake.paymentIntents.get(id);
  if (!intent) throw new Error(`the fake has no intent ${id}`);
  return intent;
}

describe("the Stripe provider through PaymentModuleService", () => {
  it("creates a PaymentIntent with the core's amount, currency, session id and idempotency key", async () => {
    const { service } = stripeService();
    const { session } = await openSession(service, {});
    const intent = intentOf(session.data);
    expect(intent).toMatchObject({
      amount: 5000,
      currency: "usd",
      capture_method: "manual",
      status: "requires_payment_method",
    });
    expect(intent.metadata).toMatchObject({ session_id: session.id });
    const create = fake.requests.find(
      (r) => r.method === "POST" && r.path === "/v1/payment_intents",
    );
    expect(create?.idempotencyKey).toBe(`${session.id}:initiate`);
    expect(session.raw_status).toBe("requires_payment_method");
  });

  it("changes the PaymentIntent's amount when the session is updated before confirmation", async () => {
    const { service, provider } = stripeService();
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 5000,
    });
    const session = await service.createPaymentSession(collection.id, {
      provider_id: "stripe",
      currency_code: "usd",
      amount: 4000,
    });
    const updated = await service.updatePaymentSession({ id: session.id, amount: 4500 });
    expect(intentOf(updated.data).amount).toBe(4500);
    const status = await provider.getPaymentStatus({ session_id: session.id, data: updated.data });
    expect(status).toMatchObject({ status: "pending", raw_status: "requires_payment_method" });
    const retrieved = await provider.retrievePayment({
      session_id: session.id,
      data: updated.data,
    });
    expect(retrieved.data).toMatchObject({ id: updated.data.id, amount: 4500 });
  });

  it("authorizes with manual capture, then captures in full", async () => {
    const { service } = stripeService();
    const { session, collection } = await openSession(service, { payment_method: "pm_card_visa" });
    const payment = await service.authorizePaymentSession(session.id);
    expect(payment.status).toBe("authorized");
    expect(intentOf(session.data).status).toBe("requires_capture");
    expect((await service.retrievePaymentSession(session.id)).raw_status).toBe("requires_capture");

    const captured = await service.capturePayment({ payment_id: payment.id });
    expect(captured).toMatchObject({ status: "captured", captured_amount: 5000 });
    expect(intentOf(session.data)).toMatchObject({ status: "succeeded", amount_received: 5000 });
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("completed");
  });

  it("records the authorization's capture deadline and refuses to capture after it", async () => {
    let now = new Date();
    const { service } = stripeService({}, { now: () => now });
    const { session } = await openSession(service, { payment_method: "pm_card_visa" });
    const payment = await service.authorizePaymentSession(session.id);
    expect(payment.capture_before).toBeInstanceOf(Date);
    const deadline = payment.capture_before?.getTime() ?? 0;
    expect(deadline).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);

    now = new Date(deadline + 1000);
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "capture_expired",
    });
    expect(fake.requests.some((r) => r.path.endsWith("/capture"))).toBe(false);
  });

  it("captures a part with amount_to_capture, and Stripe releases the rest without multicapture", async () => {
    const { service } = stripeService();
    const { session, collection } = await openSession(service, { payment_method: "pm_card_visa" });
    const payment = await service.authorizePaymentSession(session.id);
    const partial = await service.capturePayment({ payment_id: payment.id, amount: 3000 });
    // Closed: what Stripe released is recorded, so the payment does not wait for 2000 forever.
    expect(partial).toMatchObject({
      captured_amount: 3000,
      released_amount: 2000,
      status: "captured",
    });
    expect(intentOf(session.data)).toMatchObject({ status: "succeeded", amount_received: 3000 });
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("completed");
    // "The rest" is gone at Stripe: capturing it is refused, with why and how to capture in parts.
    for (const input of [{ payment_id: payment.id }, { payment_id: payment.id, amount: 100 }]) {
      await expect(service.capturePayment(input)).rejects.toMatchObject({
        code: "payment_already_captured",
        details: { captured_amount: 3000, released_amount: 2000 },
        message: expect.stringContaining("multicapture: true"),
      });
    }
    expect(fake.requests.filter((r) => r.path.endsWith("/capture"))).toHaveLength(1);
    const intent = intentOf(session.data);
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      captured_amount: intent.amount_received,
      released_amount: intent.amount - intent.amount_received,
    });
  });

  it("captures several times with multicapture, the last one final", async () => {
    const { service } = stripeService({ multicapture: true });
    const { session } = await openSession(service, { payment_method: "pm_card_visa" });
    const payment = await service.authorizePaymentSession(session.id);
    await service.capturePayment({ payment_id: payment.id, amount: 2000 });
    expect(intentOf(session.data)).toMatchObject({
      status: "requires_capture",
      amount_received: 2000,
    });
    const rest = await service.capturePayment({ payment_id: payment.id });
    expect(rest).toMatchObject({ status: "captured", captured_amount: 5000 });
    expect(intentOf(session.data)).toMatchObject({ status: "succeeded", amount_received: 5000 });
  });

  it("gives a captured payment with automatic capture, without a capture call", async () => {
    const { service } = stripeService({ capture: "automatic" });
    const { session } = await openSession(service, { payment_method: "pm_card_visa" });
    const payment = await service.authorizePaymentSession(session.id);
    expect(payment).toMatchObject({ status: "captured", captured_amount: 5000 });
    expect(await service.listCaptures({ payment_id: payment.id })).toMatchObject([
      { amount: 5000, status: "succeeded" },
    ]);
    expect(fake.requests.some((r) => r.path.endsWith("/capture"))).toBe(false);
  });

  it("refunds in parts and never more than was captured", async () => {
    const { service } = stripeService({ capture: "automatic" });
    const { session } = await openSession(service, { payment_method: "pm_card_visa" });
    const payment = await service.authorizePaymentSession(session.id);
    await service.refundPayment({ payment_id: payment.id, amount: 1000 });
    const twice = await service.refundPayment({ payment_id: payment.id, amount: 1500 });
    expect(twice).toMatchObject({ refunded_amount: 2500, status: "partially_refunded" });
    const refunds = [...fake.refunds.values()];
    expect(refunds.map((r) => r.amount)).toEqual([1000, 1500]);
    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 2600 }),
    ).rejects.toMatchObject({
      code: "refund_exceeds_captured",
    });
    expect(fake.refunds.size).toBe(2);
    const rest = await service.refundPayment({ payment_id: payment.id });
    expect(rest).toMatchObject({ refunded_amount: 5000, status: "refunded" });
  });

  it.each([
    ["pm_card_chargeDeclined", "generic_decline"],
    ["pm_card_chargeDeclinedInsufficientFunds", "insufficient_funds"],
    ["pm_card_chargeDeclinedLostCard", "lost_card"],
    ["pm_card_chargeDeclinedStolenCard", "stolen_card"],
  ])(
    "saves a decline with %s on the session as error with decline code %s, then authorizes another card",
    async (card, declineCode) => {
      const { service } = stripeService();
      const { session } = await openSession(service, { payment_method: card });
      const error = await service.authorizePaymentSession(session.id).catch((e: unknown) => e);
      expect(TenderError.isInstance(error) && error.code).toBe("payment_authorization_failed");
      const declined = await service.retrievePaymentSession(session.id);
      expect(declined.status).toBe("error");
      expect(declined.error).toMatchObject({ decline_code: declineCode });
      expect(declined.raw_status).toBe("requires_payment_method");

      await service.updatePaymentSession({
        id: session.id,
        data: { payment_method: "pm_card_visa" },
      });
      const payment = await service.authorizePaymentSession(session.id);
      expect(payment.status).toBe("authorized");
    },
  );

  it("saves requires_more with the redirect on a 3DS card, then authorizes once the challenge is passed", async () => {
    const { service } = stripeService();
    const { session } = await openSession(service, {
      payment_method: "pm_card_threeDSecure2Required",
      return_url: "https://shop.example/return",
    });
    const error = await service.authorizePaymentSession(session.id).catch((e: unknown) => e);
    expect(TenderError.isInstance(error) && error.code).toBe("payment_requires_more");
    const waiting = await service.retrievePaymentSession(session.id);
    expect(waiting).toMatchObject({ status: "requires_more", raw_status: "requires_action" });
    expect(waiting.next_action?.type).toBe("redirect_to_url");
    expect(waiting.next_action?.redirect_url).toMatch(/^https:\/\//);

    fake.completeThreeDS(intentOf(session.data).id);
    const payment = await service.authorizePaymentSession(session.id);
    expect(payment.status).toBe("authorized");
    expect(fake.requests.filter((r) => r.path.endsWith("/confirm"))).toHaveLength(1);
  });

  it("exposes use_stripe_sdk with the client secret when no return_url is given", async () => {
    const { service } = stripeService();
    const { session } = await openSession(service, {
      payment_method: "pm_card_authenticationRequired",
    });
    await service.authorizePaymentSession(session.id).catch(() => undefined);
    const waiting = await service.retrievePaymentSession(session.id);
    expect(waiting.next_action).toMatchObject({
      type: "use_stripe_sdk",
      client_secret: expect.stringMatching(/_secret_/),
    });
  });

  it("marks the session error when the customer fails the 3DS challenge", async () => {
    const { service } = stripeService();
    const { session } = await openSession(service, {
      payment_method: "pm_card_threeDSecure2Required",
    });
    await service.authorizePaymentSession(session.id).catch(() => undefined);
    fake.failThreeDS(intentOf(session.data).id);
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_authorization_failed",
    });
    expect((await service.retrievePaymentSession(session.id)).status).toBe("error");
  });

  it("leaves an async method processing until Stripe's webhook reports its success", async () => {
    // Stripe takes SEPA Direct Debit with automatic capture only.
    const { service } = stripeService({ capture: "automatic", paymentMethodTypes: ["sepa_debit"] });
    const { session, collection } = await openSession(
      service,
      { payment_method: "pm_sepa_debit" },
      5000,
      "eur",
    );
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_processing",
    });
    expect((await service.retrievePaymentSession(session.id)).status).toBe("processing");

    fake.settleProcessing(intentOf(session.data).id, "succeeded");
    await fake.deliver(deliverTo(service));
    const [payment] = await service.listPayments({ payment_session_id: session.id });
    expect(payment).toMatchObject({ status: "captured", captured_amount: 5000 });
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("completed");
  });

  it("cancels an authorization at Stripe with a cancellation reason", async () => {
    const { service } = stripeService();
    const { session, collection } = await openSession(service, {
      payment_method: "pm_card_visa",
      cancellation_reason: "abandoned",
    });
    const payment = await service.authorizePaymentSession(session.id);
    const canceled = await service.cancelPayment(payment.id);
    expect(canceled.status).toBe("canceled");
    expect(intentOf(session.data)).toMatchObject({
      status: "canceled",
      cancellation_reason: "abandoned",
    });
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("canceled");
  });

  it("keeps a refund Stripe could not complete pending, then failed when its webhook says so", async () => {
    const { service } = stripeService({ capture: "automatic" });
    const { session } = await openSession(service, { payment_method: "pm_card_refundFail" });
    const payment = await service.authorizePaymentSession(session.id);
    const afterRefund = await service.refundPayment({ payment_id: payment.id, amount: 2000 });
    expect(afterRefund.refunded_amount).toBe(0);
    const [refund] = await service.listRefunds({ payment_id: payment.id });
    expect(refund?.status).toBe("pending");

    const stripeRefund = [...fake.refunds.values()][0];
    if (!stripeRefund) throw new Error("no refund at the fake");
    fake.settleRefund(stripeRefund.id, "failed");
    await fake.deliver(deliverTo(service));
    expect((await service.listRefunds({ payment_id: payment.id }))[0]?.status).toBe("failed");
    expect((await service.retrievePayment(payment.id)).refunded_amount).toBe(0);
    // The failed refund's amount is free again: the whole amount may be refunded.
    await service.refundPayment({ payment_id: payment.id, amount: 5000 });
    expect((await service.listRefunds({ payment_id: payment.id })).map((r) => r.status)).toEqual([
      "failed",
      "pending",
    ]);
  });
});
