import { describe, expect, it } from "vitest";
import { createPaymentModuleService } from "../index";
import { type ScriptedProviderSettings, scriptedProvider } from "../testing/index";
import { addSession, failsOnce, recordEvents, refusal } from "./test-support";

async function setup(settings: ScriptedProviderSettings = {}) {
  const provider = scriptedProvider({ id: "card", ...settings });
  const service = createPaymentModuleService({ providers: [provider] });
  const events = recordEvents(service);
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount: 5000 });
  /** A card session paying all of the collection. */
  const openSession = (data?: Record<string, unknown>) =>
    addSession(service, collection, data ? { data } : {});
  return { provider, service, events, collection, openSession };
}

const declinedOnce: ScriptedProviderSettings = {
  authorize: failsOnce(
    refusal("card_declined", "The card was declined (insufficient_funds).", {
      declineCode: "insufficient_funds",
    }),
    (input) => ({ status: "authorized", data: input.data }),
  ),
};

describe("createPaymentSession", () => {
  it("opens a pending session with the provider and saves what the provider answered", async () => {
    const { service, provider, collection, events } = await setup();
    const session = await service.createPaymentSession(collection.id, {
      provider_id: "card",
      currency_code: "USD",
      amount: 5000,
      data: { payment_method: "pm_1" },
      context: { email: "ada@example.com" },
    });
    expect(session).toMatchObject({
      payment_collection_id: collection.id,
      provider_id: "card",
      currency_code: "usd",
      amount: 5000,
      status: "pending",
      data: { payment_method: "pm_1", initiated: true },
      context: { email: "ada@example.com" },
      payment_id: null,
    });
    expect(session.id).toMatch(/^payses_/);
    expect(provider.callsTo("initiatePayment")[0]?.input).toMatchObject({
      session_id: session.id,
      amount: 5000,
      currency_code: "usd",
      idempotency_key: `${session.id}:initiate`,
    });
    expect(await service.retrievePaymentSession(session.id)).toEqual(session);
    expect(events.map((event) => event.name)).toContain("payment_session.created");
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("awaiting");
  });

  it("lets a session pay part of its collection", async () => {
    const { service, collection } = await setup();
    const session = await service.createPaymentSession(collection.id, {
      provider_id: "card",
      currency_code: "usd",
      amount: 2000,
    });
    const payment = await service.authorizePaymentSession(session.id);
    expect(payment.amount).toBe(2000);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      authorized_amount: 2000,
      status: "partially_authorized",
    });
  });
});

describe("updatePaymentSession", () => {
  it("takes a new amount and payment method after a decline, and the next authorization uses them", async () => {
    const { service, provider, openSession } = await setup(declinedOnce);
    const session = await openSession({ payment_method: "pm_declined" });
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_authorization_failed",
    });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "error",
      error: { code: "card_declined", decline_code: "insufficient_funds" },
    });

    const updated = await service.updatePaymentSession({
      id: session.id,
      amount: 4000,
      data: { payment_method: "pm_other" },
    });
    expect(updated).toMatchObject({
      status: "pending",
      amount: 4000,
      error: null,
      data: { payment_method: "pm_other", initiated: true },
    });
    expect(provider.callsTo("updatePayment")[0]?.input).toMatchObject({
      session_id: session.id,
      amount: 4000,
      currency_code: "usd",
      data: { payment_method: "pm_other" },
    });

    const payment = await service.authorizePaymentSession(session.id);
    expect(payment).toMatchObject({ amount: 4000, status: "authorized" });
    expect(provider.callsTo("authorizePayment")[1]?.input).toMatchObject({
      amount: 4000,
      data: { payment_method: "pm_other" },
    });
  });

  it("refuses to change a session once it is authorized", async () => {
    const { service, provider, openSession } = await setup();
    const session = await openSession();
    await service.authorizePaymentSession(session.id);
    await expect(
      service.updatePaymentSession({ id: session.id, amount: 4000 }),
    ).rejects.toMatchObject({
      code: "invalid_state_transition",
      message: expect.stringMatching(/Create a new session instead/),
    });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "authorized",
      amount: 5000,
    });
    expect(provider.callsTo("updatePayment")).toEqual([]);
  });

  it("refuses a new amount above the collection's", async () => {
    const { service, openSession } = await setup();
    const session = await openSession();
    await expect(
      service.updatePaymentSession({ id: session.id, amount: 5001 }),
    ).rejects.toMatchObject({ code: "amount_exceeds_collection" });
    expect((await service.retrievePaymentSession(session.id)).amount).toBe(5000);
  });

  it("refuses a session that does not exist with not_found", async () => {
    const { service } = await setup();
    await expect(
      service.updatePaymentSession({ id: "payses_missing", amount: 100 }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("deletePaymentSession", () => {
  it("deletes a session without a payment and tells the provider to forget it", async () => {
    const { service, provider, collection, openSession } = await setup();
    const session = await openSession();
    await service.deletePaymentSession(session.id);
    await expect(service.retrievePaymentSession(session.id)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(provider.callsTo("deletePayment")).toEqual([
      {
        method: "deletePayment",
        input: {
          session_id: session.id,
          data: session.data,
          idempotency_key: `${session.id}:delete`,
        },
      },
    ]);
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("not_paid");
  });

  it("refuses a session with a payment: the payment is canceled instead", async () => {
    const { service, provider, openSession } = await setup();
    const session = await openSession();
    const payment = await service.authorizePaymentSession(session.id);
    await expect(service.deletePaymentSession(session.id)).rejects.toMatchObject({
      code: "invalid_state_transition",
      message: expect.stringMatching(/cancel the payment/),
    });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      payment_id: payment.id,
    });
    expect(provider.callsTo("deletePayment")).toEqual([]);
  });

  it("refuses a session that does not exist with not_found", async () => {
    const { service } = await setup();
    await expect(service.deletePaymentSession("payses_missing")).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

describe("authorizePaymentSession", () => {
  it("returns the existing payment for an authorized session without asking the provider again", async () => {
    const { service, provider, openSession } = await setup();
    const session = await openSession();
    const first = await service.authorizePaymentSession(session.id);
    const again = await service.authorizePaymentSession(session.id);
    expect(again).toEqual(first);
    expect(provider.callsTo("authorizePayment")).toHaveLength(1);
    expect(await service.listPayments()).toHaveLength(1);
  });
});
