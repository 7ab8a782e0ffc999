import { describe, expect, it } from "vitest";
import {
  createPaymentModuleService,
  memoryStore,
  type PaymentModuleService,
  type PaymentStore,
  type TenderEvent,
} from "../index";
import { AFTER_MOVING_ERRORS, type LedgerProvider, ledgerProvider } from "./ledger-provider";

const [, socketHangUp] = AFTER_MOVING_ERRORS[0] ?? ["", () => new Error("socket hang up")];

function clockAt(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

function serviceOn(store: PaymentStore, processor: LedgerProvider, clock: { now(): Date }) {
  return createPaymentModuleService({ providers: [processor], store, now: clock.now });
}

async function authorized(service: PaymentModuleService, amount: number) {
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount });
  const session = await service.createPaymentSession(collection.id, {
    provider_id: "processor",
    currency_code: "usd",
    amount,
  });
  return { collection, session, payment: await service.authorizePaymentSession(session.id) };
}

describe("the reconcile sweep", () => {
  it("settles every kind of pending row older than olderThan, across the store, and leaves young ones", async () => {
    const clock = clockAt("2026-03-01T12:00:00Z");
    const processor = ledgerProvider();
    const service = serviceOn(memoryStore(), processor, clock);
    const a = await authorized(service, 1000);
    const b = await authorized(service, 2000);
    const c = await authorized(service, 3000);
    const d = await service.createPaymentCollections({ currency_code: "usd", amount: 400 });
    const dSession = await service.createPaymentSession(d.id, {
      provider_id: "processor",
      currency_code: "usd",
      amount: 400,
    });
    await service.capturePayment({ payment_id: b.payment.id });

    processor.failAfterMoving("capture", socketHangUp());
    await expect(service.capturePayment({ payment_id: a.payment.id })).rejects.toThrow();
    processor.failAfterMoving("refund", socketHangUp());
    await expect(
      service.refundPayment({ payment_id: b.payment.id, amount: 500 }),
    ).rejects.toThrow();
    processor.failAfterMoving("cancel", socketHangUp());
    await expect(service.cancelPayment(c.payment.id)).rejects.toThrow();
    processor.failAfterMoving("authorize", socketHangUp());
    await expect(service.authorizePaymentSession(dSession.id)).rejects.toThrow();

    // Too young: nothing is touched.
    expect(await service.reconcile({ olderThan: 60_000 })).toMatchObject({ settled: 0 });
    expect(await service.listCaptures({ status: "pending" })).toHaveLength(1);

    clock.advance(61_000);
    expect(await service.reconcile({ olderThan: 60_000 })).toEqual({
      settled: 4,
      unknown: 0,
      skipped: 0,
      errors: [],
    });
    expect(await service.retrievePayment(a.payment.id)).toMatchObject({
      status: "captured",
      captured_amount: 1000,
    });
    expect(await service.retrievePayment(b.payment.id)).toMatchObject({ refunded_amount: 500 });
    expect(await service.retrievePayment(c.payment.id)).toMatchObject({ status: "canceled" });
    expect((await service.retrievePaymentSession(dSession.id)).payment_id).not.toBeNull();
    // Every movement once at the processor, and the books agree with it.
    expect(processor.total("capture")).toBe(1000 + 2000);
    expect(processor.total("refund")).toBe(500);
    expect(processor.ledger.filter((e) => e.movement === "cancel")).toHaveLength(1);
    expect(processor.ledger.filter((e) => e.movement === "authorize")).toHaveLength(4);
    const collections = await service.listPaymentCollections();
    const captured = collections.reduce((sum, col) => sum + col.captured_amount, 0);
    const refunded = collections.reduce((sum, col) => sum + col.refunded_amount, 0);
    expect([captured, refunded]).toEqual([processor.total("capture"), processor.total("refund")]);

    // Idempotent: a second run finds nothing.
    clock.advance(61_000);
    expect(await service.reconcile({ olderThan: 60_000 })).toMatchObject({ settled: 0 });
  });

  it("keeps a row the provider still answers without certainty pending for the next run", async () => {
    const clock = clockAt("2026-03-01T12:00:00Z");
    const processor = ledgerProvider();
    const service = serviceOn(memoryStore(), processor, clock);
    const { payment } = await authorized(service, 1000);
    processor.failAfterMoving("capture", socketHangUp());
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toThrow();
    clock.advance(120_000);
    processor.failBeforeMoving("capture", socketHangUp());
    expect(await service.reconcile({ olderThan: 60_000 })).toMatchObject({
      settled: 0,
      unknown: 1,
    });
    expect(await service.listCaptures({ status: "pending" })).toHaveLength(1);
    // The row counts as sent again just now: the next run waits olderThan again.
    expect(await service.reconcile({ olderThan: 60_000 })).toMatchObject({
      settled: 0,
      unknown: 0,
    });
    clock.advance(61_000);
    expect(await service.reconcile({ olderThan: 60_000 })).toMatchObject({ settled: 1 });
    expect(processor.total("capture")).toBe(1000);
  });

  it("settles each row once when several sweeps run at once over one store", async () => {
    const clock = clockAt("2026-03-01T12:00:00Z");
    const store = memoryStore();
    const processor = ledgerProvider();
    const first = serviceOn(store, processor, clock);
    const payments = [];
    for (let i = 0; i < 5; i++) payments.push((await authorized(first, 100 + i)).payment);
    for (const payment of payments) {
      processor.failAfterMoving("capture", socketHangUp());
      await expect(first.capturePayment({ payment_id: payment.id })).rejects.toThrow();
    }
    clock.advance(120_000);
    const sweepers = [
      first,
      serviceOn(store, processor, clock),
      serviceOn(store, processor, clock),
    ];
    const results = await Promise.all(sweepers.map((s) => s.reconcile({ olderThan: 60_000 })));
    expect(results.reduce((sum, r) => sum + r.settled, 0)).toBe(5);
    // Each capture reached the processor once by the sweeps (its one retry), never more.
    const calls = processor.callsTo("capturePayment");
    expect(calls).toHaveLength(5 + 5);
    expect(processor.total("capture")).toBe(100 + 101 + 102 + 103 + 104);
  });

  /** A provider whose captures wait at a gate after they reach it: a sweep stays at the provider until the gate opens. */
  function gatedCaptures(processor: LedgerProvider): {
    provider: LedgerProvider;
    reached: Promise<void>;
    open(): void;
  } {
    let open = () => {};
    let reach = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const reached = new Promise<void>((resolve) => {
      reach = resolve;
    });
    const capture = processor.capturePayment.bind(processor);
    const provider: LedgerProvider = {
      ...processor,
      capturePayment: async (input) => {
        reach();
        await gate;
        return capture(input);
      },
    };
    return { provider, reached, open };
  }

  it("leaves a row another sweep holds, even when it starts after that sweep took it and asks for rows of any age", async () => {
    const clock = clockAt("2026-03-01T12:00:00Z");
    const store = memoryStore();
    const processor = ledgerProvider();
    const service = serviceOn(store, processor, clock);
    const { payment } = await authorized(service, 1000);
    processor.failAfterMoving("capture", socketHangUp());
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toThrow();
    clock.advance(1_000);

    const gated = gatedCaptures(processor);
    const first = serviceOn(store, gated.provider, clock).reconcile({ olderThan: 0 });
    await gated.reached;
    // A second process starts its sweep while the first is still at the provider.
    clock.advance(1_000);
    expect(await serviceOn(store, processor, clock).reconcile({ olderThan: 0 })).toEqual({
      settled: 0,
      unknown: 0,
      skipped: 1,
      errors: [],
    });
    gated.open();
    expect(await first).toMatchObject({ settled: 1, skipped: 0 });

    // The capture was sent twice (the lost answer and the first sweep), and moved once.
    expect(processor.callsTo("capturePayment")).toHaveLength(2);
    expect(processor.total("capture")).toBe(1000);
    const [capture] = await service.listCaptures({ payment_id: payment.id });
    expect(capture).toMatchObject({ status: "succeeded", amount: 1000, claimed_until: null });
    expect(await service.retrievePayment(payment.id)).toMatchObject({ captured_amount: 1000 });
  });

  it("gives up a row held by a sweep that died at the provider once its hold lapses", async () => {
    const clock = clockAt("2026-03-01T12:00:00Z");
    const store = memoryStore();
    const processor = ledgerProvider();
    const service = serviceOn(store, processor, clock);
    const { payment } = await authorized(service, 1000);
    processor.failAfterMoving("capture", socketHangUp());
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toThrow();
    clock.advance(1_000);

    // This sweep never comes back from the provider (its process died there).
    const gated = gatedCaptures(processor);
    void serviceOn(store, gated.provider, clock).reconcile({ olderThan: 0, holdFor: 30_000 });
    await gated.reached;
    const [held] = await service.listCaptures({ payment_id: payment.id });
    expect(held?.claimed_until).toEqual(new Date(clock.now().getTime() + 30_000));

    clock.advance(29_000);
    expect(await service.reconcile({ olderThan: 0 })).toMatchObject({ settled: 0, skipped: 1 });
    clock.advance(2_000);
    expect(await service.reconcile({ olderThan: 0 })).toMatchObject({ settled: 1, skipped: 0 });
    expect(processor.total("capture")).toBe(1000);
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      status: "captured",
      captured_amount: 1000,
    });
  });

  it("refuses bad options with invalid_argument", async () => {
    const service = serviceOn(memoryStore(), ledgerProvider(), clockAt("2026-03-01T00:00:00Z"));
    await expect(service.reconcile({ olderThan: -1 })).rejects.toMatchObject({
      code: "invalid_argument",
    });
    await expect(service.reconcile({ limit: 0 })).rejects.toMatchObject({
      code: "invalid_argument",
    });
    await expect(service.reconcile({ holdFor: 0 })).rejects.toMatchObject({
      code: "invalid_argument",
    });
    // @ts-expect-error a typo is an error, not a default
    await expect(service.reconcile({ olderThen: 5 })).rejects.toMatchObject({
      code: "invalid_argument",
    });
  });
});

describe("the authorization-expiry sweep", () => {
  async function expiringPayment(captureBefore: Date, clock: ReturnType<typeof clockAt>) {
    const processor = ledgerProvider();
    const store = memoryStore();
    const withWindow = Object.assign(processor, {
      authorizePayment: async (input: Parameters<LedgerProvider["authorizePayment"]>[0]) => ({
        status: "authorized" as const,
        data: input.data,
        capture_before: captureBefore,
      }),
    });
    const service = serviceOn(store, withWindow, clock);
    const events: TenderEvent[] = [];
    service.on("*", (event) => {
      events.push(event);
    });
    return { service, events, ...(await authorized(service, 1000)) };
  }

  it("warns once before capture_before, then expires an uncaptured payment and its collection once", async () => {
    const clock = clockAt("2026-03-01T00:00:00Z");
    const { service, events, payment, collection } = await expiringPayment(
      new Date("2026-03-08T00:00:00Z"),
      clock,
    );
    expect(await service.expireAuthorizations()).toEqual({ warned: 0, expired: 0 });

    clock.advance(6 * 86_400_000 + 3_600_000); // 23 h before the window closes
    expect(await service.expireAuthorizations()).toEqual({ warned: 1, expired: 0 });
    expect(await service.expireAuthorizations()).toEqual({ warned: 0, expired: 0 });
    expect(events.filter((e) => e.name === "payment.authorization_expiring")).toHaveLength(1);

    clock.advance(86_400_000);
    expect(await service.expireAuthorizations()).toEqual({ warned: 0, expired: 1 });
    expect(await service.expireAuthorizations()).toEqual({ warned: 0, expired: 0 });
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      status: "expired",
      expired_at: expect.any(Date),
    });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "expired",
      authorized_amount: 0,
    });
    expect(events.filter((e) => e.name === "payment.expired")).toHaveLength(1);
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "capture_expired",
    });
  });

  it("closes a partially captured payment at expiry: the rest is released, the captured money stays", async () => {
    const clock = clockAt("2026-03-01T00:00:00Z");
    const { service, payment, collection } = await expiringPayment(
      new Date("2026-03-02T00:00:00Z"),
      clock,
    );
    await service.capturePayment({ payment_id: payment.id, amount: 400 });
    clock.advance(2 * 86_400_000);
    expect(await service.expireAuthorizations()).toMatchObject({ expired: 1 });
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      status: "captured",
      captured_amount: 400,
      released_amount: 600,
    });
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("completed");
  });
});
