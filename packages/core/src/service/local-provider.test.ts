import { describe, expect, it } from "vitest";
import { createPaymentModuleService, ProviderError } from "../index";
import { scriptedProvider } from "../testing/index";

function localService(settings: Parameters<typeof scriptedProvider>[0] = {}) {
  const provider = scriptedProvider({
    id: "books",
    ...settings,
    capabilities: { local: true, ...settings.capabilities },
  });
  return { provider, service: createPaymentModuleService({ providers: [provider] }) };
}

async function authorized(service: ReturnType<typeof localService>["service"], amount = 1000) {
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount });
  const session = await service.createPaymentSession(collection.id, {
    provider_id: "books",
    currency_code: "usd",
    amount,
  });
  return { collection, payment: await service.authorizePaymentSession(session.id) };
}

describe("a local provider (bookkeeping in this process)", () => {
  it("runs the accept-payment flow with the same outcomes as a remote provider", async () => {
    const { service, provider } = localService();
    const { collection, payment } = await authorized(service);
    await service.capturePayment({ payment_id: payment.id, amount: 400 });
    const captured = await service.capturePayment({ payment_id: payment.id });
    expect(captured).toMatchObject({ status: "captured", captured_amount: 1000 });
    const refunded = await service.refundPayment({ payment_id: payment.id, amount: 300 });
    expect(refunded).toMatchObject({ status: "partially_refunded", refunded_amount: 300 });
    expect(await service.listCaptures({ payment_id: payment.id })).toMatchObject([
      { amount: 400, status: "succeeded" },
      { amount: 600, status: "succeeded" },
    ]);
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe(
      "partially_refunded",
    );
    expect(provider.callsTo("capturePayment").map((call) => call.input)).toMatchObject([
      { amount: 400, final: false },
      { amount: 600, final: true },
    ]);
  });

  it("records nothing when a local provider refuses a capture, and the payment stays capturable", async () => {
    const { service } = localService({
      capture: (_input, call) => {
        if (call === 0)
          throw new ProviderError({
            providerId: "books",
            code: "provider_error",
            message: "ledger closed",
          });
        return { data: {} };
      },
    });
    const { payment } = await authorized(service);
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      message: "ledger closed",
    });
    expect(await service.listCaptures({ payment_id: payment.id })).toEqual([]);
    expect((await service.capturePayment({ payment_id: payment.id })).captured_amount).toBe(1000);
  });

  it("books a refund a local provider answers failed as failed, and moves no money", async () => {
    const { service } = localService({ refund: { status: "failed", data: {} } });
    const { payment } = await authorized(service);
    await service.capturePayment({ payment_id: payment.id });
    await expect(service.refundPayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "provider_error",
    });
    expect(await service.listRefunds({ payment_id: payment.id })).toMatchObject([
      { status: "failed", error: { code: "refund_failed" } },
    ]);
    expect((await service.retrievePayment(payment.id)).refunded_amount).toBe(0);
  });

  it("saves requires_more and authorizes on the next attempt, as with a remote provider", async () => {
    const { service } = localService({
      authorize: (input, call) =>
        call === 0
          ? { status: "requires_more", data: input.data, next_action: { type: "confirm_in_app" } }
          : { status: "authorized", data: input.data },
    });
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 500,
    });
    const session = await service.createPaymentSession(collection.id, {
      provider_id: "books",
      currency_code: "usd",
      amount: 500,
    });
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_requires_more",
      details: { session_id: session.id, next_action: { type: "confirm_in_app" } },
    });
    expect((await service.retrievePaymentSession(session.id)).status).toBe("requires_more");
    expect((await service.authorizePaymentSession(session.id)).status).toBe("authorized");
  });

  it("lets exactly one of 10 concurrent full captures succeed", async () => {
    const { service, provider } = localService();
    const { payment } = await authorized(service);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        service.capturePayment({ payment_id: payment.id, amount: 1000 }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(provider.callsTo("capturePayment")).toHaveLength(1);
    expect((await service.retrievePayment(payment.id)).captured_amount).toBe(1000);
  });

  it("emits the flow's events after each commit", async () => {
    const { service } = localService();
    const names: string[] = [];
    service.on("*", (event) => {
      names.push(event.name);
    });
    const { payment } = await authorized(service);
    await service.capturePayment({ payment_id: payment.id });
    await service.refundPayment({ payment_id: payment.id, amount: 100 });
    expect(names).toEqual([
      "payment_collection.created",
      "payment_session.created",
      "payment_session.authorized",
      "payment.captured",
      "payment.refunded",
    ]);
  });
});
