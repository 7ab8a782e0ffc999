import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { useFakeStripeClient } from "./test-support";

const { fake, stripe, confirmIntent } = useFakeStripeClient();

/** A response header; the fetch client's `lastResponse.headers` is a `Headers` at run time, whatever its type says. */
function headerOf(
  response: { lastResponse: { headers: Record<string, string> } },
  name: string,
): string | null {
  const headers: unknown = response.lastResponse.headers;
  return headers instanceof Headers
    ? headers.get(name)
    : (response.lastResponse.headers[name] ?? null);
}

function requestsTo(path: string) {
  return fake.requests.filter((request) => request.path === path);
}

describe("idempotency", () => {
  it("the same key and parameters replay the first answer without doing it again", async () => {
    const params = { amount: 1000, currency: "usd", metadata: { a: "1", b: "2" } };
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: "create-1" });
    const second = await stripe.paymentIntents.create(params, { idempotencyKey: "create-1" });
    expect(second.id).toBe(first.id);
    expect(headerOf(second, "idempotent-replayed")).toBe("true");
    expect(headerOf(first, "idempotent-replayed")).toBeNull();
    expect(fake.paymentIntents.size).toBe(1);
  });

  it("parameters are compared after parsing, so their order does not matter", async () => {
    await stripe.rawRequest(
      "POST",
      "/v1/payment_intents",
      { amount: 1000, currency: "usd", metadata: { a: "1", b: "2" } },
      { idempotencyKey: "k" },
    );
    const replay = await stripe.rawRequest(
      "POST",
      "/v1/payment_intents",
      { metadata: { b: "2", a: "1" }, currency: "usd", amount: 1000 },
      { idempotencyKey: "k" },
    );
    expect(headerOf(replay, "idempotent-replayed")).toBe("true");
  });

  it("the same key with other parameters is refused with idempotency_error", async () => {
    await stripe.paymentIntents.create(
      { amount: 1000, currency: "usd" },
      { idempotencyKey: "create-2" },
    );
    const error = await stripe.paymentIntents
      .create({ amount: 2000, currency: "usd" }, { idempotencyKey: "create-2" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error).toMatchObject({ statusCode: 400, type: "StripeIdempotencyError" });
  });

  it("the same key on another endpoint is refused with idempotency_error", async () => {
    await stripe.customers.create({ email: "a@example.com" }, { idempotencyKey: "shared" });
    await expect(
      stripe.paymentIntents.create({ amount: 1000, currency: "usd" }, { idempotencyKey: "shared" }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it("nothing is stored when validation fails, so the key can be used again", async () => {
    await expect(
      stripe.paymentIntents.create({ amount: 10, currency: "usd" }, { idempotencyKey: "create-3" }),
    ).rejects.toMatchObject({
      code: "amount_too_small",
    });
    await expect(
      stripe.paymentIntents.create(
        { amount: 1000, currency: "usd" },
        { idempotencyKey: "create-3" },
      ),
    ).resolves.toMatchObject({
      amount: 1000,
    });
  });
});

describe("faults", () => {
  it("a 500 is stored for its key: a retry with the same key gets the same 500, a new key goes through", async () => {
    fake.failNext({ method: "POST", path: "/v1/payment_intents" }, { type: "server_error" });
    const params = { amount: 1000, currency: "usd" };
    const first = await stripe.paymentIntents
      .create(params, { idempotencyKey: "k-500" })
      .catch((caught: unknown) => caught);
    expect(first).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(first).toMatchObject({ statusCode: 500 });
    // Stripe-Should-Retry: false keeps the SDK from retrying what would only replay.
    expect(requestsTo("/v1/payment_intents")).toHaveLength(1);
    const replay = await stripe.paymentIntents
      .create(params, { idempotencyKey: "k-500" })
      .catch((caught: unknown) => caught);
    expect(replay).toMatchObject({ statusCode: 500, headers: { "idempotent-replayed": "true" } });
    expect(fake.paymentIntents.size).toBe(0);
    await expect(
      stripe.paymentIntents.create(params, { idempotencyKey: "k-new" }),
    ).resolves.toMatchObject({ amount: 1000 });
  });

  it("a 429 is retried by the SDK after backing off, and the retry succeeds", async () => {
    fake.failNext({ path: "/v1/payment_intents" }, { type: "rate_limited", retryAfterSeconds: 1 });
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    const attempts = requestsTo("/v1/payment_intents");
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.idempotencyKey).toBe(attempts[1]?.idempotencyKey);
    expect(fake.paymentIntents.get(intent.id)?.status).toBe("requires_payment_method");
  });

  it("a 429 without retries reaches the caller as a rate-limit error and changes nothing", async () => {
    fake.failNext({ path: /^\/v1\/payment_intents$/ }, { type: "rate_limited" });
    const error = await stripe.paymentIntents
      .create({ amount: 1000, currency: "usd" }, { maxNetworkRetries: 0 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(error).toMatchObject({
      statusCode: 429,
      code: "rate_limit",
      headers: { "retry-after": "1" },
    });
    expect(fake.paymentIntents.size).toBe(0);
  });

  it("a lost response is applied once: the SDK's retry with the same key gets the stored answer", async () => {
    const intent = await confirmIntent("pm_card_visa", { capture_method: "manual" });
    fake.failNext(
      { method: "POST", path: `/v1/payment_intents/${intent.id}/capture` },
      { type: "lost_response" },
    );
    const captured = await stripe.paymentIntents.capture(intent.id, { amount_to_capture: 700 });
    expect(captured).toMatchObject({ status: "succeeded", amount_received: 700 });
    expect(headerOf(captured, "idempotent-replayed")).toBe("true");
    const attempts = requestsTo(`/v1/payment_intents/${intent.id}/capture`);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]?.idempotencyKey).toBe(attempts[1]?.idempotencyKey);
    expect(fake.events.filter((event) => event.type === "payment_intent.succeeded")).toHaveLength(
      1,
    );
    expect(fake.paymentIntents.get(intent.id)?.amount_received).toBe(700);
  });

  it("a fault waits for a request that matches it", async () => {
    fake.failNext({ method: "POST", path: "/v1/refunds" }, { type: "server_error" });
    await expect(
      stripe.paymentIntents.create({ amount: 1000, currency: "usd" }),
    ).resolves.toMatchObject({ amount: 1000 });
    expect(fake.requests).toHaveLength(1);
  });
});
