import { describe, expect, it } from "vitest";
import { stripe } from "../src/index";
import { openSession, stripeService, useFakeStripe } from "./setup-stripe";

const fake = useFakeStripe();

async function authorized(settings: Parameters<typeof stripeService>[0] = {}) {
  const { service } = stripeService(settings);
  const { session } = await openSession(service, { payment_method: "pm_card_visa" });
  const payment = await service.authorizePaymentSession(session.id);
  const intentId = String(session.data.id);
  return { service, payment, intentId };
}

const captureRequests = () =>
  fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/capture"));

describe("Stripe faults", () => {
  it("retries a 429 with the same idempotency key and captures once", async () => {
    const { service, payment, intentId } = await authorized();
    fake.failNext(
      { method: "POST", path: /\/capture$/ },
      { type: "rate_limited", retryAfterSeconds: 0 },
    );
    const captured = await service.capturePayment({ payment_id: payment.id });
    expect(captured.status).toBe("captured");
    const keys = captureRequests().map((r) => r.idempotencyKey);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    expect(fake.paymentIntents.get(intentId)?.amount_received).toBe(5000);
  });

  it("settles a capture answered by a stored 500 by asking Stripe, and never captures twice", async () => {
    const { service, payment, intentId } = await authorized();
    fake.failNext({ method: "POST", path: /\/capture$/ }, { type: "server_error" });
    const captured = await service.capturePayment({ payment_id: payment.id });
    expect(captured).toMatchObject({ status: "captured", captured_amount: 5000 });
    expect(fake.paymentIntents.get(intentId)?.amount_received).toBe(5000);
    expect(await service.listCaptures({ payment_id: payment.id })).toMatchObject([
      { status: "succeeded", amount: 5000 },
    ]);
  });

  it("recovers a lost response: Stripe captured, the retry with the same key replays it", async () => {
    const { service, payment, intentId } = await authorized();
    fake.failNext({ method: "POST", path: /\/capture$/ }, { type: "lost_response" });
    const captured = await service.capturePayment({ payment_id: payment.id });
    expect(captured.status).toBe("captured");
    expect(fake.paymentIntents.get(intentId)?.amount_received).toBe(5000);
    expect(new Set(captureRequests().map((r) => r.idempotencyKey)).size).toBe(1);
  });

  it("leaves a capture pending when Stripe stays unreachable, and reconcilePayment settles it with the same key", async () => {
    const { service, payment, intentId } = await authorized({ maxNetworkRetries: 0 });
    fake.failNext({ method: "POST", path: /\/capture$/ }, { type: "rate_limited" });
    // A 429 is retryable: whether Stripe captured is not known, so the capture stays pending.
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "outcome_unknown",
      retryable: true,
      cause: { code: "rate_limited" },
    });
    expect(await service.listCaptures({ payment_id: payment.id })).toMatchObject([
      { status: "pending" },
    ]);
    const settled = await service.reconcilePayment(payment.id);
    expect(settled.status).toBe("captured");
    expect(fake.paymentIntents.get(intentId)?.amount_received).toBe(5000);
    expect(new Set(captureRequests().map((r) => r.idempotencyKey)).size).toBe(1);
  });

  it("refuses Stripe-invalid amounts before any call: a three-decimal amount not ending in 0, and below the minimum", async () => {
    const { service } = stripeService();
    const kwd = await service.createPaymentCollections({ currency_code: "kwd", amount: 1235 });
    await expect(
      service.createPaymentSession(kwd.id, {
        provider_id: "stripe",
        currency_code: "kwd",
        amount: 1235,
      }),
    ).rejects.toMatchObject({ code: "invalid_amount" });
    const usd = await service.createPaymentCollections({ currency_code: "usd", amount: 30 });
    await expect(
      service.createPaymentSession(usd.id, {
        provider_id: "stripe",
        currency_code: "usd",
        amount: 30,
      }),
    ).rejects.toMatchObject({
      code: "invalid_amount",
      message: expect.stringContaining("minimum"),
    });
    expect(fake.requests).toHaveLength(0);
    expect(await service.listPaymentSessions()).toHaveLength(0);
  });

  it("sends ISK with two decimals, as Stripe expects", async () => {
    const { service } = stripeService();
    const { session } = await openSession(service, {}, 5000, "isk");
    expect(fake.paymentIntents.get(String(session.data.id))?.amount).toBe(500000);
  });

  it("names the setting and the variable when the API key is missing, and never prints a key", async () => {
    const saved = process.env.STRIPE_API_KEY;
    delete process.env.STRIPE_API_KEY;
    try {
      const provider = stripe();
      await expect(
        provider.initiatePayment({
          session_id: "payses_1",
          amount: 5000,
          currency_code: "usd",
          data: {},
          context: {},
          idempotency_key: "k",
        }),
      ).rejects.toMatchObject({
        code: "configuration",
        message: expect.stringMatching(/apiKey.*STRIPE_API_KEY/),
      });
    } finally {
      if (saved !== undefined) process.env.STRIPE_API_KEY = saved;
    }
  });

  it("reports a bad API key as a configuration error without the key in the message", async () => {
    const { service } = stripeService({ apiKey: "sk_live_supersecretvalue123" });
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 5000,
    });
    const error = await service
      .createPaymentSession(collection.id, {
        provider_id: "stripe",
        currency_code: "usd",
        amount: 5000,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "configuration" });
    expect(String(error instanceof Error ? error.message : error)).not.toContain(
      "supersecretvalue123",
    );
  });

  it("turns a decline on an off-session confirm into a ProviderError-free error session with Stripe's request id kept", async () => {
    const { service } = stripeService();
    const { session } = await openSession(service, {
      payment_method: "pm_card_chargeDeclinedExpiredCard",
    });
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_authorization_failed",
    });
    expect((await service.retrievePaymentSession(session.id)).error).toMatchObject({
      code: expect.any(String),
    });
  });
});
