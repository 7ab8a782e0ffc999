import { describe, expect, it } from "vitest";
import { createPaymentModuleService } from "../index";
import { scriptedProvider } from "../testing/index";
import { authorizedPayment, failsOnce, refusal, retryableError } from "./test-support";

describe("capturePayment", () => {
  it("captures the whole authorization when no amount is given", async () => {
    const { service, provider, collection, session, payment } = await authorizedPayment(1000);

    const captured = await service.capturePayment({ payment_id: payment.id });

    expect(captured).toMatchObject({ status: "captured", captured_amount: 1000 });
    expect(captured.captured_at).toBeInstanceOf(Date);
    const [capture] = await service.listCaptures({ payment_id: payment.id });
    expect(capture).toMatchObject({ amount: 1000, status: "succeeded" });
    expect(provider.callsTo("capturePayment").map((call) => call.input)).toEqual([
      expect.objectContaining({
        payment_id: payment.id,
        capture_id: capture?.id,
        amount: 1000,
        final: true,
        idempotency_key: capture?.id,
      }),
    ]);
    expect((await service.retrievePaymentSession(session.id)).status).toBe("captured");
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "completed",
      authorized_amount: 1000,
      captured_amount: 1000,
    });
  });

  it("captures in parts, and a capture without an amount takes only what is left", async () => {
    const { service, provider, collection, payment } = await authorizedPayment(1000);

    const first = await service.capturePayment({ payment_id: payment.id, amount: 300 });
    expect(first).toMatchObject({ status: "partially_captured", captured_amount: 300 });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "partially_captured",
      authorized_amount: 1000,
      captured_amount: 300,
    });

    const second = await service.capturePayment({ payment_id: payment.id, amount: 200 });
    expect(second).toMatchObject({ status: "partially_captured", captured_amount: 500 });

    const rest = await service.capturePayment({ payment_id: payment.id });
    expect(rest).toMatchObject({ status: "captured", captured_amount: 1000 });

    const captures = await service.listCaptures({ payment_id: payment.id });
    expect(captures.map((capture) => [capture.amount, capture.status]).sort()).toEqual([
      [200, "succeeded"],
      [300, "succeeded"],
      [500, "succeeded"],
    ]);
    expect(provider.callsTo("capturePayment").map((call) => call.input)).toEqual([
      expect.objectContaining({ amount: 300, final: false }),
      expect.objectContaining({ amount: 200, final: false }),
      expect.objectContaining({ amount: 500, final: true }),
    ]);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "completed",
      captured_amount: 1000,
    });
  });

  it("sends each capture with its own capture id as the idempotency key", async () => {
    const { service, provider, payment } = await authorizedPayment(1000);

    await service.capturePayment({ payment_id: payment.id, amount: 400 });
    await service.capturePayment({ payment_id: payment.id, amount: 600 });

    const captures = await service.listCaptures({ payment_id: payment.id });
    const calls = provider.callsTo("capturePayment").map((call) => call.input);
    expect(calls).toHaveLength(2);
    for (const capture of captures) {
      expect(capture.idempotency_key).toBe(capture.id);
      expect(calls).toContainEqual(
        expect.objectContaining({
          capture_id: capture.id,
          amount: capture.amount,
          idempotency_key: capture.id,
        }),
      );
    }
    expect(new Set(captures.map((capture) => capture.idempotency_key)).size).toBe(2);
  });

  it("treats capturing a fully captured payment again without an amount as a no-op returning the payment", async () => {
    const { service, provider, payment } = await authorizedPayment(1000);
    await service.capturePayment({ payment_id: payment.id });

    const again = await service.capturePayment({ payment_id: payment.id });

    expect(again).toMatchObject({ id: payment.id, status: "captured", captured_amount: 1000 });
    expect(provider.callsTo("capturePayment")).toHaveLength(1);
    expect(await service.listCaptures({ payment_id: payment.id })).toHaveLength(1);
  });

  it("refuses to capture more than is left of the authorization", async () => {
    const { service, provider, payment } = await authorizedPayment(1000);
    await service.capturePayment({ payment_id: payment.id, amount: 700 });

    await expect(
      service.capturePayment({ payment_id: payment.id, amount: 400 }),
    ).rejects.toMatchObject({ code: "capture_exceeds_authorized" });
    await expect(
      service.capturePayment({ payment_id: payment.id, amount: 1001 }),
    ).rejects.toMatchObject({ code: "capture_exceeds_authorized" });

    expect((await service.retrievePayment(payment.id)).captured_amount).toBe(700);
    expect(provider.callsTo("capturePayment")).toHaveLength(1);
  });

  it("refuses to capture an amount larger than a fresh authorization", async () => {
    const { service, provider, payment } = await authorizedPayment(1000);

    await expect(
      service.capturePayment({ payment_id: payment.id, amount: 1500 }),
    ).rejects.toMatchObject({ code: "capture_exceeds_authorized" });
    expect(provider.callsTo("capturePayment")).toEqual([]);
    expect(await service.listCaptures({ payment_id: payment.id })).toEqual([]);
  });

  it("refuses to capture from a canceled payment", async () => {
    const { service, provider, payment } = await authorizedPayment(1000);
    await service.cancelPayment(payment.id);

    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "payment_canceled",
    });
    await expect(
      service.capturePayment({ payment_id: payment.id, amount: 100 }),
    ).rejects.toMatchObject({ code: "payment_canceled" });
    expect(provider.callsTo("capturePayment")).toEqual([]);
  });

  it.each([0, -100, 10.5])("refuses a capture amount of %s with invalid_amount", async (amount) => {
    const { service, provider, payment } = await authorizedPayment(1000);

    await expect(service.capturePayment({ payment_id: payment.id, amount })).rejects.toMatchObject({
      code: "invalid_amount",
    });
    expect(provider.callsTo("capturePayment")).toEqual([]);
    expect(await service.listCaptures({ payment_id: payment.id })).toEqual([]);
  });

  it("refuses to capture an authorization past the provider's capture_before", async () => {
    let now = new Date("2030-01-01T00:00:00Z");
    const captureBefore = new Date("2030-01-08T00:00:00Z");
    const card = scriptedProvider({
      id: "card",
      authorize: (input) => ({
        status: "authorized",
        data: input.data,
        capture_before: captureBefore,
      }),
    });
    const { service, payment } = await authorizedPayment(1000, card, {
      service: { now: () => now },
    });
    expect(payment.capture_before).toEqual(captureBefore);
    await service.capturePayment({ payment_id: payment.id, amount: 100 });

    now = new Date("2030-01-09T00:00:00Z");

    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "capture_expired",
    });
    expect(card.callsTo("capturePayment")).toHaveLength(1);
  });

  it("refuses to capture a payment that does not exist", async () => {
    const { service } = await authorizedPayment(1000);

    await expect(service.capturePayment({ payment_id: "pay_missing" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("refuses a partial capture from a provider that captures only in full", async () => {
    const fullOnly = scriptedProvider({
      id: "card",
      capabilities: { partialCapture: false, multipleCaptures: false },
    });
    const { service, payment } = await authorizedPayment(1000, fullOnly);

    await expect(
      service.capturePayment({ payment_id: payment.id, amount: 400 }),
    ).rejects.toMatchObject({ code: "capability_not_supported" });
    expect(fullOnly.callsTo("capturePayment")).toEqual([]);
    expect((await service.capturePayment({ payment_id: payment.id })).captured_amount).toBe(1000);
  });

  it("marks a capture the provider refuses as failed, throws, and leaves the captured amount unchanged", async () => {
    const card = scriptedProvider({
      id: "card",
      capture: failsOnce(
        refusal("invalid_request", "The authorization cannot be captured."),
        (input) => ({ data: input.data }),
      ),
    });
    const { service, collection, payment } = await authorizedPayment(1000, card);

    await expect(
      service.capturePayment({ payment_id: payment.id, amount: 400 }),
    ).rejects.toMatchObject({ code: "invalid_request" });

    const [failed] = await service.listCaptures({ payment_id: payment.id });
    expect(failed).toMatchObject({
      amount: 400,
      status: "failed",
      error: { code: "invalid_request" },
    });
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      status: "authorized",
      captured_amount: 0,
    });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "authorized",
      captured_amount: 0,
    });

    // A failed capture holds nothing: the whole authorization can still be captured.
    const captured = await service.capturePayment({ payment_id: payment.id });
    expect(captured.captured_amount).toBe(1000);
  });
});

describe("capturePayment with the caller's idempotency key", () => {
  it("replays the same key and input: returns the payment without a second provider call", async () => {
    const { service, provider, payment } = await authorizedPayment(1000);

    const first = await service.capturePayment({
      payment_id: payment.id,
      amount: 400,
      idempotency_key: "order-1-capture",
    });
    const replayed = await service.capturePayment({
      payment_id: payment.id,
      amount: 400,
      idempotency_key: "order-1-capture",
    });

    expect(first.captured_amount).toBe(400);
    expect(replayed).toMatchObject({ id: payment.id, captured_amount: 400 });
    expect(provider.callsTo("capturePayment")).toHaveLength(1);
    expect(await service.listCaptures({ payment_id: payment.id })).toHaveLength(1);
  });

  it("refuses the same key with another amount", async () => {
    const { service, provider, payment } = await authorizedPayment(1000);
    await service.capturePayment({
      payment_id: payment.id,
      amount: 400,
      idempotency_key: "order-1-capture",
    });

    await expect(
      service.capturePayment({
        payment_id: payment.id,
        amount: 500,
        idempotency_key: "order-1-capture",
      }),
    ).rejects.toMatchObject({ code: "idempotency_key_reused" });
    expect(provider.callsTo("capturePayment")).toHaveLength(1);
    expect((await service.retrievePayment(payment.id)).captured_amount).toBe(400);
  });

  it("finishes a capture that failed retryably when the caller retries it with the same key", async () => {
    const card = scriptedProvider({
      id: "card",
      capture: failsOnce(retryableError("The provider timed out."), (input) => ({
        data: input.data,
      })),
    });
    const { service, payment } = await authorizedPayment(1000, card);
    await expect(
      service.capturePayment({ payment_id: payment.id, idempotency_key: "order-1-capture" }),
    ).rejects.toMatchObject({ code: "outcome_unknown", retryable: true });

    const retried = await service.capturePayment({
      payment_id: payment.id,
      idempotency_key: "order-1-capture",
    });

    // A retry under the caller's key must not report success for money that was not captured.
    expect(retried).toMatchObject({ status: "captured", captured_amount: 1000 });
    const calls = card.callsTo("capturePayment").map((call) => call.input);
    expect(calls).toHaveLength(2);
    const [capture] = await service.listCaptures({ payment_id: payment.id });
    expect(calls).toEqual([
      expect.objectContaining({ idempotency_key: capture?.id }),
      expect.objectContaining({ idempotency_key: capture?.id }),
    ]);
  });

  it("does not report a capture the provider refused as done when the caller retries it with the same key", async () => {
    const card = scriptedProvider({
      id: "card",
      capture: () => {
        throw refusal("invalid_request", "The authorization cannot be captured.");
      },
    });
    const { service, payment } = await authorizedPayment(1000, card);
    await expect(
      service.capturePayment({ payment_id: payment.id, idempotency_key: "order-1-capture" }),
    ).rejects.toMatchObject({ code: "invalid_request" });

    await expect(
      service.capturePayment({ payment_id: payment.id, idempotency_key: "order-1-capture" }),
    ).rejects.toThrow();
    expect((await service.retrievePayment(payment.id)).captured_amount).toBe(0);
  });

  it("captures again under a new key", async () => {
    const { service, provider, payment } = await authorizedPayment(1000);
    await service.capturePayment({ payment_id: payment.id, amount: 400, idempotency_key: "a" });

    const second = await service.capturePayment({
      payment_id: payment.id,
      amount: 400,
      idempotency_key: "b",
    });

    expect(second.captured_amount).toBe(800);
    expect(provider.callsTo("capturePayment")).toHaveLength(2);
  });
});

describe("a provider that takes one capture per payment", () => {
  it("closes the payment on a partial capture: the rest is released, not awaited", async () => {
    const single = scriptedProvider({ id: "single", capabilities: { multipleCaptures: false } });
    const service = createPaymentModuleService({ providers: [single] });
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 5000,
    });
    const session = await service.createPaymentSession(collection.id, {
      provider_id: "single",
      currency_code: "usd",
      amount: 5000,
    });
    const payment = await service.authorizePaymentSession(session.id);
    const heard: Array<{ amount: number; released_amount: number }> = [];
    service.on("payment.captured", ({ data }) => {
      heard.push({ amount: data.capture.amount, released_amount: data.released_amount });
    });

    const captured = await service.capturePayment({ payment_id: payment.id, amount: 3000 });
    expect(captured).toMatchObject({
      status: "captured",
      captured_amount: 3000,
      released_amount: 2000,
    });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "completed",
      authorized_amount: 3000,
      captured_amount: 3000,
    });
    expect((await service.retrievePaymentSession(session.id)).status).toBe("captured");
    // The capture that released says so, in its result (above) and its event.
    expect(heard).toEqual([{ amount: 3000, released_amount: 2000 }]);
    // "Capture the rest" is refused, never a success that captured nothing: the rest is gone.
    for (const input of [{ payment_id: payment.id }, { payment_id: payment.id, amount: 1 }]) {
      const refused = await service.capturePayment(input).catch((error: unknown) => error);
      expect(refused).toMatchObject({
        code: "payment_already_captured",
        details: { payment_id: payment.id, captured_amount: 3000, released_amount: 2000 },
      });
      expect(String((refused as Error).message)).toMatch(
        /capture was final: it captured 3000 of its 5000 and the other 2000 was released.*one capture per payment: to capture in parts/,
      );
    }
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      captured_amount: 3000,
      released_amount: 2000,
    });
    // The provider saw one capture, of 3000, final.
    expect(single.callsTo("capturePayment").map((call) => call.input)).toMatchObject([
      { amount: 3000 },
    ]);

    const refunded = await service.refundPayment({ payment_id: payment.id });
    expect(refunded).toMatchObject({ status: "refunded", refunded_amount: 3000 });
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("refunded");
  });
});
