import { describe, expect, it } from "vitest";
import {
  createPaymentModuleService,
  type PaymentModuleServiceOptions,
  type TenderEventName,
} from "../index";
import { type ScriptedProvider, scriptedProvider } from "../testing/index";
import { authorizeAfterAction, openSession, recordEvents, requiresMoreOnce } from "./test-support";

/** A service over `provider` that records every event's name, in order. */
function recordingService(
  provider: ScriptedProvider = scriptedProvider({ id: "card" }),
  options: Partial<PaymentModuleServiceOptions> = {},
) {
  const service = createPaymentModuleService({ providers: [provider], ...options });
  const names: TenderEventName[] = [];
  service.on("*", (event) => {
    names.push(event.name);
  });
  return { service, names };
}

describe("events", () => {
  it("announces each step of the accept-payment flow, in order", async () => {
    const card = scriptedProvider({
      id: "card",
      authorize: requiresMoreOnce({
        type: "redirect_to_url",
        redirect_url: "https://bank.example/3ds",
      }),
    });
    const { service, names } = recordingService(card);

    const { collection, session } = await openSession(service);
    const payment = await authorizeAfterAction(service, session.id);
    await service.completePaymentCollections(collection.id);
    await service.capturePayment({ payment_id: payment.id, amount: 400 });
    await service.capturePayment({ payment_id: payment.id });
    await service.refundPayment({ payment_id: payment.id, amount: 100 });

    expect(names).toEqual([
      "payment_collection.created",
      "payment_session.created",
      "payment_session.requires_more",
      "payment_session.authorized",
      "payment_collection.completed",
      "payment.captured",
      "payment.captured",
      "payment.refunded",
    ]);
  });

  it("announces a canceled payment", async () => {
    const { service, names } = recordingService();
    const { session } = await openSession(service);
    const payment = await service.authorizePaymentSession(session.id);
    const canceled: string[] = [];
    service.on("payment.canceled", (event) => {
      canceled.push(event.data.payment.id);
    });

    await service.cancelPayment(payment.id);
    await service.cancelPayment(payment.id);

    expect(canceled).toEqual([payment.id]);
    expect(names.at(-1)).toBe("payment.canceled");
  });

  it("carries the records of the change and the provider's next action", async () => {
    const nextAction = { type: "redirect_to_url", redirect_url: "https://bank.example/3ds" };
    const card = scriptedProvider({ id: "card", authorize: requiresMoreOnce(nextAction) });
    const service = createPaymentModuleService({ providers: [card] });
    const events = recordEvents(service);
    const { session } = await openSession(service);
    const payment = await authorizeAfterAction(service, session.id);
    await service.capturePayment({ payment_id: payment.id, amount: 250 });
    await service.refundPayment({ payment_id: payment.id, amount: 50 });

    const byName = (name: TenderEventName) => events.find((event) => event.name === name);
    expect(byName("payment_session.requires_more")?.data).toMatchObject({
      session: { id: session.id, status: "requires_more" },
      next_action: nextAction,
    });
    expect(byName("payment_session.authorized")?.data).toMatchObject({
      session: { id: session.id, status: "authorized", payment_id: payment.id },
      payment: { id: payment.id, status: "authorized" },
    });
    expect(byName("payment.captured")?.data).toMatchObject({
      payment: { id: payment.id, captured_amount: 250 },
      capture: { amount: 250, status: "succeeded" },
    });
    expect(byName("payment.refunded")?.data).toMatchObject({
      payment: { id: payment.id, refunded_amount: 50 },
      refund: { amount: 50, status: "succeeded" },
    });
    for (const event of events) {
      expect(event.id).toMatch(/^evt_/);
      expect(event.occurred_at).toBeInstanceOf(Date);
    }
  });

  it("emits each event after its change commits: a subscriber retrieving the record sees the new state", async () => {
    const card = scriptedProvider({ id: "card", authorize: requiresMoreOnce({ type: "3ds" }) });
    const service = createPaymentModuleService({ providers: [card] });
    const seen: Record<string, unknown> = {};
    service.on("payment_collection.created", async (event) => {
      seen[event.name] = await service.retrievePaymentCollection(event.data.collection.id);
    });
    service.on("payment_session.created", async (event) => {
      seen[event.name] = await service.retrievePaymentSession(event.data.session.id);
    });
    service.on("payment_session.requires_more", async (event) => {
      seen[event.name] = await service.retrievePaymentSession(event.data.session.id);
    });
    service.on("payment_session.authorized", async (event) => {
      seen[event.name] = await service.retrievePaymentSession(event.data.session.id);
    });
    service.on("payment.captured", async (event) => {
      seen[event.name] = await service.retrievePayment(event.data.payment.id);
    });
    service.on("payment.refunded", async (event) => {
      seen[event.name] = await service.retrievePayment(event.data.payment.id);
    });
    service.on("payment_collection.completed", async (event) => {
      seen[event.name] = await service.retrievePaymentCollection(event.data.collection.id);
    });

    const { collection, session } = await openSession(service);
    const payment = await authorizeAfterAction(service, session.id);
    await service.completePaymentCollections(collection.id);
    await service.capturePayment({ payment_id: payment.id });
    await service.refundPayment({ payment_id: payment.id, amount: 300 });

    expect(seen).toEqual({
      "payment_collection.created": expect.objectContaining({ id: collection.id }),
      "payment_session.created": expect.objectContaining({ id: session.id, status: "pending" }),
      "payment_session.requires_more": expect.objectContaining({ status: "requires_more" }),
      "payment_session.authorized": expect.objectContaining({
        status: "authorized",
        payment_id: payment.id,
      }),
      "payment_collection.completed": expect.objectContaining({
        completed_at: expect.any(Date),
      }),
      "payment.captured": expect.objectContaining({ captured_amount: 1000 }),
      "payment.refunded": expect.objectContaining({ refunded_amount: 300 }),
    });
  });

  it("shows a canceled payment as canceled to a payment.canceled subscriber", async () => {
    const service = createPaymentModuleService({ providers: [scriptedProvider({ id: "card" })] });
    const { collection, session } = await openSession(service);
    const payment = await service.authorizePaymentSession(session.id);
    const seen: unknown[] = [];
    service.on("payment.canceled", async (event) => {
      seen.push(await service.retrievePayment(event.data.payment.id));
      seen.push(await service.retrievePaymentCollection(collection.id));
    });

    await service.cancelPayment(payment.id);

    expect(seen).toEqual([
      expect.objectContaining({ status: "canceled" }),
      expect.objectContaining({ status: "canceled", authorized_amount: 0 }),
    ]);
  });

  it("keeps the change when a subscriber throws, and reports the error to onSubscriberError", async () => {
    const reported: Array<{ error: unknown; name: string }> = [];
    const { service } = recordingService(scriptedProvider({ id: "card" }), {
      onSubscriberError: (error, event) => {
        reported.push({ error, name: event.name });
      },
    });
    const failure = new Error("the order system is down");
    service.on("payment.captured", () => {
      throw failure;
    });
    const { session } = await openSession(service);
    const payment = await service.authorizePaymentSession(session.id);

    const captured = await service.capturePayment({ payment_id: payment.id });

    expect(captured.captured_amount).toBe(1000);
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      status: "captured",
      captured_amount: 1000,
    });
    expect(reported).toEqual([{ error: failure, name: "payment.captured" }]);
  });

  it("still delivers an event to the other subscribers when one throws", async () => {
    const { service, names } = recordingService(scriptedProvider({ id: "card" }), {
      onSubscriberError: () => undefined,
    });
    service.on("payment_collection.created", () => {
      throw new Error("first subscriber fails");
    });
    const later: string[] = [];
    service.on("payment_collection.created", (event) => {
      later.push(event.data.collection.id);
    });

    const collection = await service.createPaymentCollections({ currency_code: "usd", amount: 10 });

    expect(later).toEqual([collection.id]);
    expect(names).toEqual(["payment_collection.created"]);
  });

  it("emits nothing for a refused operation", async () => {
    const { service, names } = recordingService();
    const { session } = await openSession(service);
    const payment = await service.authorizePaymentSession(session.id);
    const before = [...names];

    await expect(
      service.capturePayment({ payment_id: payment.id, amount: 5000 }),
    ).rejects.toMatchObject({ code: "capture_exceeds_authorized" });
    await expect(service.refundPayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "nothing_to_refund",
    });

    expect(names).toEqual(before);
  });

  it("stops delivering to a handler once it unsubscribes", async () => {
    const service = createPaymentModuleService({ providers: [scriptedProvider({ id: "card" })] });
    const heard: string[] = [];
    const unsubscribe = service.on("payment_collection.created", (event) => {
      heard.push(event.data.collection.id);
    });

    const first = await service.createPaymentCollections({ currency_code: "usd", amount: 10 });
    unsubscribe();
    await service.createPaymentCollections({ currency_code: "usd", amount: 20 });

    expect(heard).toEqual([first.id]);
  });

  it("lets a subscriber capture the payment it was told was authorized", async () => {
    const service = createPaymentModuleService({ providers: [scriptedProvider({ id: "card" })] });
    service.on("payment_session.authorized", async (event) => {
      await service.capturePayment({ payment_id: event.data.payment.id });
    });
    const { collection, session } = await openSession(service);

    const payment = await service.authorizePaymentSession(session.id);

    expect((await service.retrievePayment(payment.id)).captured_amount).toBe(1000);
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("completed");
  });

  it("announces an automatically captured payment as authorized before captured", async () => {
    const card = scriptedProvider({
      id: "card",
      capabilities: { automaticCapture: true },
      authorize: (input) => ({ status: "captured", data: input.data }),
    });
    const { service, names } = recordingService(card);
    const { session } = await openSession(service);

    await service.authorizePaymentSession(session.id);

    expect(names.slice(2)).toEqual(["payment_session.authorized", "payment.captured"]);
  });
});
