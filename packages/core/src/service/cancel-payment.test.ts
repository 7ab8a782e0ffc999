import { describe, expect, it } from "vitest";
import { createPaymentModuleService, ProviderError } from "../index";
import { type ScriptedProvider, scriptedProvider } from "../testing/index";

/** A service over `provider`, a usd collection of `amount`, and its authorized payment. */
async function authorizedPayment(
  amount = 1000,
  provider: ScriptedProvider = scriptedProvider({ id: "card" }),
) {
  const service = createPaymentModuleService({ providers: [provider] });
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount });
  const session = await service.createPaymentSession(collection.id, {
    provider_id: provider.id,
    currency_code: "usd",
    amount,
    data: { intent: "pi_1" },
  });
  const payment = await service.authorizePaymentSession(session.id);
  return { service, provider, collection, session, payment };
}

describe("cancelPayment", () => {
  it("releases the authorization at the provider and cancels the payment, its session and its collection", async () => {
    const { service, provider, collection, session, payment } = await authorizedPayment(1000);

    const canceled = await service.cancelPayment(payment.id);

    expect(canceled).toMatchObject({ id: payment.id, status: "canceled", captured_amount: 0 });
    expect(canceled.canceled_at).toBeInstanceOf(Date);
    expect(provider.callsTo("cancelPayment")).toHaveLength(1);
    expect(provider.callsTo("cancelPayment")[0]?.input).toMatchObject({
      data: { intent: "pi_1" },
      idempotency_key: expect.stringContaining(payment.id),
    });
    expect(await service.retrievePayment(payment.id)).toMatchObject({ status: "canceled" });
    expect((await service.retrievePaymentSession(session.id)).status).toBe("canceled");
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "canceled",
      authorized_amount: 0,
      captured_amount: 0,
    });
  });

  it("treats canceling a canceled payment as a no-op", async () => {
    const { service, provider, payment } = await authorizedPayment(1000);
    const first = await service.cancelPayment(payment.id);

    const again = await service.cancelPayment(payment.id);

    expect(again).toMatchObject({ id: payment.id, status: "canceled" });
    expect(again.canceled_at).toEqual(first.canceled_at);
    expect(provider.callsTo("cancelPayment")).toHaveLength(1);
  });

  it("refuses to cancel a payment once any of it is captured", async () => {
    const { service, provider, collection, payment } = await authorizedPayment(1000);
    await service.capturePayment({ payment_id: payment.id, amount: 100 });

    await expect(service.cancelPayment(payment.id)).rejects.toMatchObject({
      code: "cancel_after_capture",
    });

    expect(provider.callsTo("cancelPayment")).toEqual([]);
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      status: "partially_captured",
      canceled_at: null,
      captured_amount: 100,
    });
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe(
      "partially_captured",
    );
    // The rest may still be captured.
    expect((await service.capturePayment({ payment_id: payment.id })).captured_amount).toBe(1000);
  });

  it("refuses to cancel a fully captured payment", async () => {
    const { service, provider, payment } = await authorizedPayment(1000);
    await service.capturePayment({ payment_id: payment.id });

    await expect(service.cancelPayment(payment.id)).rejects.toMatchObject({
      code: "cancel_after_capture",
    });
    expect(provider.callsTo("cancelPayment")).toEqual([]);
    expect((await service.retrievePayment(payment.id)).status).toBe("captured");
  });

  it("refuses to cancel a payment with a capture still in flight at the provider", async () => {
    const card = scriptedProvider({
      id: "card",
      capture: () => {
        throw new ProviderError({
          providerId: "card",
          code: "api_error",
          message: "The provider timed out.",
          retryable: true,
        });
      },
    });
    const { service, payment } = await authorizedPayment(1000, card);
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "api_error",
    });

    await expect(service.cancelPayment(payment.id)).rejects.toMatchObject({
      code: "cancel_after_capture",
    });
    expect(card.callsTo("cancelPayment")).toEqual([]);
  });

  it("cancels a payment whose only capture failed", async () => {
    const card = scriptedProvider({
      id: "card",
      capture: () => {
        throw new ProviderError({
          providerId: "card",
          code: "invalid_request",
          message: "The capture was refused.",
        });
      },
    });
    const { service, payment } = await authorizedPayment(1000, card);
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "invalid_request",
    });

    const canceled = await service.cancelPayment(payment.id);

    expect(canceled.status).toBe("canceled");
    expect(card.callsTo("cancelPayment")).toHaveLength(1);
  });

  it("keeps the payment authorized and capturable when the provider fails to release it", async () => {
    const card = scriptedProvider({
      id: "card",
      cancel: (input, call) => {
        if (call === 0) {
          throw new ProviderError({
            providerId: "card",
            code: "api_error",
            message: "The provider is down.",
            retryable: true,
          });
        }
        return { data: input.data };
      },
    });
    const { service, collection, payment } = await authorizedPayment(1000, card);

    await expect(service.cancelPayment(payment.id)).rejects.toMatchObject({ code: "api_error" });

    expect(await service.retrievePayment(payment.id)).toMatchObject({
      status: "authorized",
      canceled_at: null,
    });
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("authorized");
    // Canceling again reaches the provider again.
    expect((await service.cancelPayment(payment.id)).status).toBe("canceled");
    expect(card.callsTo("cancelPayment")).toHaveLength(2);
  });

  it("leaves the rest of a split tender authorized when one of its payments is canceled", async () => {
    const card = scriptedProvider({ id: "card" });
    const giftCard = scriptedProvider({ id: "gift-card" });
    const service = createPaymentModuleService({ providers: [card, giftCard] });
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 1000,
    });
    const cardSession = await service.createPaymentSession(collection.id, {
      provider_id: "card",
      currency_code: "usd",
      amount: 600,
    });
    const giftSession = await service.createPaymentSession(collection.id, {
      provider_id: "gift-card",
      currency_code: "usd",
      amount: 400,
    });
    const cardPayment = await service.authorizePaymentSession(cardSession.id);
    const giftPayment = await service.authorizePaymentSession(giftSession.id);

    await service.cancelPayment(giftPayment.id);

    expect(giftCard.callsTo("cancelPayment")).toHaveLength(1);
    expect(card.callsTo("cancelPayment")).toEqual([]);
    expect((await service.retrievePayment(cardPayment.id)).status).toBe("authorized");
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "partially_authorized",
      authorized_amount: 600,
    });
  });
});
