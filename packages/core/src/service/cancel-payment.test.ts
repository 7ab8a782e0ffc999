import { describe, expect, it } from "vitest";
import { type ScriptedProvider, scriptedProvider } from "../testing/index";
import {
  authorizedPayment,
  collectionWithSessions,
  failsOnce,
  idempotencyKeyOf,
  refusal,
  retryableError,
} from "./test-support";

/** An authorized payment of 1000 whose session data names the intent a cancel must release. */
function authorizedIntent(provider?: ScriptedProvider) {
  return authorizedPayment(1000, provider, { data: { intent: "pi_1" } });
}

describe("cancelPayment", () => {
  it("releases the authorization at the provider and cancels the payment, its session and its collection", async () => {
    const { service, provider, collection, session, payment } = await authorizedIntent();

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
    const { service, provider, payment } = await authorizedIntent();
    const first = await service.cancelPayment(payment.id);

    const again = await service.cancelPayment(payment.id);

    expect(again).toMatchObject({ id: payment.id, status: "canceled" });
    expect(again.canceled_at).toEqual(first.canceled_at);
    expect(provider.callsTo("cancelPayment")).toHaveLength(1);
  });

  it("refuses to cancel a payment once any of it is captured", async () => {
    const { service, provider, collection, payment } = await authorizedIntent();
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
    const { service, provider, payment } = await authorizedIntent();
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
        throw retryableError("The provider timed out.");
      },
    });
    const { service, payment } = await authorizedIntent(card);
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "outcome_unknown",
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
        throw refusal("invalid_request", "The capture was refused.");
      },
    });
    const { service, payment } = await authorizedIntent(card);
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "invalid_request",
    });

    const canceled = await service.cancelPayment(payment.id);

    expect(canceled.status).toBe("canceled");
    expect(card.callsTo("cancelPayment")).toHaveLength(1);
  });

  it("keeps a payment whose cancel's outcome is unknown holding its amount, and reconcile sends the same request", async () => {
    const card = scriptedProvider({
      id: "card",
      cancel: failsOnce(retryableError("The provider is down."), (input) => ({ data: input.data })),
    });
    const { service, collection, payment } = await authorizedIntent(card);

    await expect(service.cancelPayment(payment.id)).rejects.toMatchObject({
      code: "outcome_unknown",
    });

    expect(await service.retrievePayment(payment.id)).toMatchObject({
      status: "authorized",
      canceled_at: null,
    });
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("authorized");
    // The provider may have released it: nothing is captured until the cancel is settled.
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "operation_in_progress",
    });
    await expect(service.cancelPayment(payment.id)).rejects.toMatchObject({
      code: "operation_in_progress",
    });
    // Reconcile sends the same request, with the same key.
    expect((await service.reconcilePayment(payment.id)).status).toBe("canceled");
    const keys = card.callsTo("cancelPayment").map((call) => idempotencyKeyOf(call.input));
    expect(keys).toEqual([`${payment.id}:cancel`, `${payment.id}:cancel`]);
  });

  it("leaves the rest of a split tender authorized when one of its payments is canceled", async () => {
    const card = scriptedProvider({ id: "card" });
    const giftCard = scriptedProvider({ id: "gift-card" });
    const { service, collection, sessions } = await collectionWithSessions(1000, [
      [card, 600],
      [giftCard, 400],
    ]);
    const [cardSession, giftSession] = sessions;
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
