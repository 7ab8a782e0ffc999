import { describe, expect, it, vi } from "vitest";
import {
  createOutboxRelay,
  createPaymentModuleService,
  memoryStore,
  type PaymentStore,
  type TenderEvent,
} from "../index";
import { scriptedProvider } from "../testing/index";
import { toOutboxRecord } from "./outbox-event";

async function flow(service: ReturnType<typeof createPaymentModuleService>, amount = 1000) {
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount });
  const session = await service.createPaymentSession(collection.id, {
    provider_id: "card",
    currency_code: "usd",
    amount,
  });
  const payment = await service.authorizePaymentSession(session.id);
  await service.capturePayment({ payment_id: payment.id });
  return { collection, payment };
}

const FLOW_EVENTS = [
  "payment_collection.created",
  "payment_session.created",
  "payment_session.authorized",
  "payment.captured",
];

function writerOnly(store: PaymentStore) {
  // `relay: false`: this service writes events and delivers none, as when it crashes after each commit.
  return createPaymentModuleService({
    providers: [scriptedProvider({ id: "card" })],
    store,
    relay: false,
  });
}

describe("the transactional outbox", () => {
  it("holds every event committed, in commit order per collection, until a relay delivers it", async () => {
    const store = memoryStore();
    const writer = writerOnly(store);
    const { collection } = await flow(writer);

    const waiting = await store.outbox.list({ state: "pending" });
    expect(waiting.map((event) => event.name)).toEqual(FLOW_EVENTS);
    expect(waiting.every((event) => event.aggregate_id === collection.id)).toBe(true);
    const sequences = waiting.map((event) => event.sequence);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);

    const delivered: TenderEvent[] = [];
    const relay = createOutboxRelay({
      store,
      deliver: async (event) => void delivered.push(event),
    });
    expect(await relay.drain()).toMatchObject({ delivered: 4, retried: 0, parked: 0 });
    expect(delivered.map((event) => event.name)).toEqual(FLOW_EVENTS);
    expect(delivered.map((event) => event.id)).toEqual(waiting.map((event) => event.id));
    // Subscribers get records with real Dates, as the service emitted them.
    const captured = delivered.find((event) => event.name === "payment.captured");
    expect(captured?.data).toMatchObject({ payment: { created_at: expect.any(Date) } });
    expect(await store.outbox.list({ state: "pending" })).toEqual([]);
  });

  it("loses nothing when the writer dies after the commit: the next process's relay delivers it all", async () => {
    const store = memoryStore();
    await flow(writerOnly(store));

    const received: string[] = [];
    const restarted = createPaymentModuleService({
      providers: [scriptedProvider({ id: "card" })],
      store,
    });
    restarted.on("*", (event) => {
      received.push(event.name);
    });
    await restarted.relay?.drain();
    expect(received).toEqual(FLOW_EVENTS);
    await restarted.close();
  });

  it("polls the outbox only while a subscriber is there, so subscribers added late still get the leftovers", async () => {
    const store = memoryStore();
    await flow(writerOnly(store));
    const restarted = createPaymentModuleService({
      providers: [scriptedProvider({ id: "card" })],
      store,
      relay: { intervalMs: 5 },
    });
    // An application that subscribes after an asynchronous start-up, a dozen polls later.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await store.outbox.list({ state: "pending" })).toHaveLength(FLOW_EVENTS.length);

    const received: string[] = [];
    const unsubscribe = restarted.on("*", (event) => {
      received.push(event.name);
    });
    await vi.waitFor(() => expect(received).toEqual(FLOW_EVENTS), { timeout: 10_000 });
    await vi.waitFor(async () => expect(await store.outbox.list({ state: "pending" })).toEqual([]));

    // With no subscriber left, the relay stops: the next leftovers wait for one.
    unsubscribe();
    await flow(writerOnly(store));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(received).toHaveLength(FLOW_EVENTS.length);
    expect(await store.outbox.list({ state: "pending" })).toHaveLength(FLOW_EVENTS.length);
    await restarted.close();
  });

  it("delivers a commit's events to the service's subscribers before the call returns, and acknowledges them", async () => {
    const store = memoryStore();
    const service = createPaymentModuleService({
      providers: [scriptedProvider({ id: "card" })],
      store,
    });
    const received: string[] = [];
    service.on("*", (event) => {
      received.push(event.name);
    });
    await flow(service);
    expect(received).toEqual(FLOW_EVENTS);
    await service.close();
    expect(await store.outbox.list({ state: "pending" })).toEqual([]);
  });

  it("writes only the events a subscriber of this process listens to, when the service delivers them itself", async () => {
    const store = memoryStore();
    // Acknowledgements are held, so what was written stays in the outbox to be seen.
    const service = createPaymentModuleService({
      providers: [scriptedProvider({ id: "card" })],
      store,
      relay: { ackDelayMs: 3_600_000, intervalMs: 3_600_000 },
    });
    const written = async () =>
      (await store.outbox.list({ state: "pending" })).map((event) => event.name);

    // Nobody listens: each event would be delivered to nobody and acknowledged, so none is written.
    await flow(service);
    expect(await written()).toEqual([]);

    const captured: string[] = [];
    const off = service.on("payment.captured", (event) => {
      captured.push(event.data.payment.id);
    });
    const { payment } = await flow(service);
    expect(captured).toEqual([payment.id]);
    expect(await written()).toEqual(["payment.captured"]);

    off();
    service.on("*", () => undefined);
    await flow(service);
    expect(await written()).toEqual(["payment.captured", ...FLOW_EVENTS]);
    await service.close();
    expect(await written()).toEqual([]);
  });

  it("acknowledges delivered events after 250 ms, or a quarter of the grace period when that is shorter", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    try {
      for (const [graceMs, ackAfter] of [
        [undefined, 250],
        [400, 100],
      ] as const) {
        const store = memoryStore();
        const service = createPaymentModuleService({
          providers: [scriptedProvider({ id: "card" })],
          store,
          relay: { intervalMs: 3_600_000, ...(graceMs === undefined ? {} : { graceMs }) },
        });
        service.on("*", () => undefined);
        await flow(service);
        const pending = async () => (await store.outbox.list({ state: "pending" })).length;
        await vi.advanceTimersByTimeAsync(ackAfter - 1);
        expect(await pending()).toBe(FLOW_EVENTS.length);
        await vi.advanceTimersByTimeAsync(1);
        expect(await pending()).toBe(0);
        await service.close();
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it("gives a subscriber that throws the event again with backoff, keeps the collection's order, and parks it after maxAttempts", async () => {
    let clock = new Date("2026-01-01T00:00:00Z");
    const store = memoryStore();
    const errors: unknown[] = [];
    const service = createPaymentModuleService({
      providers: [scriptedProvider({ id: "card" })],
      store,
      now: () => clock,
      onSubscriberError: (error) => errors.push(error),
      relay: { maxAttempts: 3, backoff: (attempt) => attempt * 1000, intervalMs: 3_600_000 },
    });
    const seen: string[] = [];
    let failing = true;
    service.on("*", (event) => {
      if (failing && event.name === "payment_session.created") throw new Error("mailer down");
      seen.push(event.name);
    });

    const { collection, payment } = await flow(service);
    // The failed event's later siblings wait behind it: nothing after it was delivered.
    expect(seen).toEqual(["payment_collection.created"]);
    expect(errors).toHaveLength(1);
    const other = await service.createPaymentCollections({ currency_code: "usd", amount: 5 });
    expect(seen).toEqual(["payment_collection.created", "payment_collection.created"]);

    // Not before its backoff; then again, and again, then parked.
    expect(await service.relay?.runOnce()).toMatchObject({ delivered: 0, retried: 0 });
    clock = new Date(clock.getTime() + 1000);
    expect(await service.relay?.runOnce()).toMatchObject({ retried: 1 });
    clock = new Date(clock.getTime() + 2000);
    expect(await service.relay?.runOnce()).toMatchObject({ parked: 1 });
    const [parked] = (await service.relay?.parked()) ?? [];
    expect(parked).toMatchObject({
      name: "payment_session.created",
      attempts: 3,
      aggregate_id: collection.id,
      last_error: "Error: mailer down",
    });

    // Parked, it no longer holds the collection back: its later events flow once their grace is over.
    clock = new Date(clock.getTime() + 60_000);
    await service.relay?.drain();
    expect(seen.slice(2)).toEqual(["payment_session.authorized", "payment.captured"]);

    failing = false;
    expect(await service.relay?.replay([parked?.id ?? ""])).toBe(1);
    await service.relay?.drain();
    expect(seen.at(-1)).toBe("payment_session.created");
    expect(await service.relay?.parked()).toEqual([]);
    expect(other.id).not.toBe(collection.id);
    expect(payment.id).toMatch(/^pay_/);
    await service.close();
  });

  it("leaves an event of a newer version, without counting an attempt, and delivers the rest", async () => {
    const store = memoryStore();
    const { collection } = await flow(writerOnly(store));
    let clock = new Date();
    // As a newer version would write it: an event name this version does not know.
    const future = toOutboxRecord(
      { name: "payment.teleported", id: "evt_future", occurred_at: clock, data: {} } as never,
      { aggregate_id: "paycol_future", sequence: 0 },
      clock,
    );
    await store.transaction(async (tx) => {
      await tx.insert("outbox_events", future);
    });
    const delivered: string[] = [];
    const relay = createOutboxRelay({
      store,
      now: () => clock,
      maxAttempts: 1,
      deliver: async (event) => void delivered.push(event.name),
    });

    expect(await relay.drain()).toEqual({ delivered: 4, retried: 0, parked: 0, left: 1 });
    expect(delivered).toEqual(FLOW_EVENTS);
    // Held for its claim, then left again: never parked, never an attempt, however often.
    expect(await relay.runOnce()).toEqual({ delivered: 0, retried: 0, parked: 0, left: 0 });
    for (let round = 0; round < 3; round++) {
      clock = new Date(clock.getTime() + 61_000);
      expect(await relay.runOnce()).toMatchObject({ left: 1, parked: 0 });
    }
    const [waiting] = await store.outbox.list({ state: "pending" });
    expect(waiting).toMatchObject({ id: "evt_future", attempts: 0, parked_at: null });
    expect(await store.outbox.list({ state: "parked" })).toEqual([]);
    expect(collection.id).not.toBe("paycol_future");
  });

  it("never hands one event to two relays at once", async () => {
    const store = memoryStore();
    await flow(writerOnly(store));
    const delivered: string[] = [];
    const slow = async (event: TenderEvent) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      delivered.push(event.id);
    };
    const relays = [1, 2, 3].map(() => createOutboxRelay({ store, deliver: slow }));
    await Promise.all(relays.map((relay) => relay.drain()));
    expect(delivered).toHaveLength(FLOW_EVENTS.length);
    expect(new Set(delivered).size).toBe(FLOW_EVENTS.length);
  });

  it("keeps events of a collection that is deleted", async () => {
    const store = memoryStore();
    const writer = writerOnly(store);
    const collection = await writer.createPaymentCollections({ currency_code: "usd", amount: 5 });
    await writer.deletePaymentCollections(collection.id);
    expect((await store.outbox.list({ state: "pending" })).map((event) => event.name)).toEqual([
      "payment_collection.created",
    ]);
  });
});
