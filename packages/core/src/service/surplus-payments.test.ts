import { describe, expect, it } from "vitest";
import {
  createPaymentModuleService,
  type PaymentModuleService,
  ProviderError,
  type WebhookActionAndData,
} from "../index";
import { AFTER_MOVING_ERRORS, type LedgerProvider, ledgerProvider } from "./ledger-provider";
import { recordEvents } from "./test-support";

const [, socketHangUp] = AFTER_MOVING_ERRORS[0] ?? ["", () => new Error("socket hang up")];

/**
 * Split tender gone wrong: a collection of 5000 with two sessions of 5000, the
 * first paid through Tender, the second confirmed by the customer in the
 * browser (the processor moves its money), whose webhook then arrives.
 */
async function setup() {
  const processor = ledgerProvider();
  // The processor's events are the JSON of what a test delivers.
  processor.getWebhookActionAndData = async ({ rawBody }) =>
    JSON.parse(typeof rawBody === "string" ? rawBody : new TextDecoder().decode(rawBody));
  let clock = new Date("2026-01-01T00:00:00.000Z");
  const service = createPaymentModuleService({ providers: [processor], now: () => clock });
  const events = recordEvents(service);
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount: 5000 });
  const open = () =>
    service.createPaymentSession(collection.id, {
      provider_id: "processor",
      currency_code: "usd",
      amount: 5000,
    });
  const first = await open();
  const second = await open();
  const deliver = (event: WebhookActionAndData) =>
    service.handleWebhook("processor", { headers: {}, rawBody: JSON.stringify(event) });
  /** The customer confirms a session in the browser: the processor moves its money itself. */
  const confirmInBrowser = (sessionId: string, capture: boolean) => {
    processor.ledger.push({
      movement: "authorize",
      key: `browser:${sessionId}`,
      amount: 5000,
      record: sessionId,
    });
    if (capture) {
      processor.ledger.push({
        movement: "capture",
        key: `auto:${sessionId}`,
        amount: 5000,
        record: sessionId,
      });
    }
  };
  const later = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  const captured = (sessionId: string, eventId: string): WebhookActionAndData => ({
    action: "captured",
    event_id: eventId,
    data: { session_id: sessionId, amount: 5000 },
  });
  /**
   * Both sessions captured at the processor, the first one's event booked: the
   * second one's event (returned) brings the surplus.
   */
  const paidTwiceFirstBooked = async (): Promise<WebhookActionAndData> => {
    confirmInBrowser(first.id, true);
    confirmInBrowser(second.id, true);
    await deliver(captured(first.id, "evt_1"));
    return captured(second.id, "evt_2");
  };
  /** The second session's payment: the surplus one. */
  const surplusPayment = async () =>
    (await service.listPayments()).find((payment) => payment.payment_session_id === second.id);
  return {
    processor,
    service,
    events,
    collection,
    first,
    second,
    deliver,
    confirmInBrowser,
    later,
    paidTwiceFirstBooked,
    surplusPayment,
  };
}

/** The books against the processor's ledger: money in, money back, and what the collection keeps. */
async function expectBooksEqualLedger(service: PaymentModuleService, processor: LedgerProvider) {
  const payments = await service.listPayments();
  const captures = await service.listCaptures({ status: "succeeded" });
  const refunds = await service.listRefunds({ status: "succeeded" });
  const sum = (rows: Array<{ amount: number }>) =>
    rows.reduce((total, row) => total + row.amount, 0);
  expect(sum(payments)).toBe(processor.total("authorize"));
  expect(sum(captures)).toBe(processor.total("capture"));
  expect(sum(refunds)).toBe(processor.total("refund"));
  const canceledAtProcessor = new Set(
    processor.ledger.filter((entry) => entry.movement === "cancel").map((entry) => entry.record),
  );
  for (const payment of payments) {
    expect(payment.canceled_at !== null, `payment ${payment.id} canceled`).toBe(
      canceledAtProcessor.has(String(payment.data.processor_id)),
    );
  }
  expect(await service.listCaptures({ status: "pending" })).toEqual([]);
  expect(await service.listRefunds({ status: "pending" })).toEqual([]);
}

describe("money that no longer fits its collection (surplus)", () => {
  it("records a second authorization as a surplus payment and cancels it at the processor", async () => {
    const { processor, service, events, collection, first, second, deliver, confirmInBrowser } =
      await setup();
    const paid = await service.authorizePaymentSession(first.id);
    confirmInBrowser(second.id, false);

    const result = await deliver({
      action: "authorized",
      event_id: "evt_second",
      data: { session_id: second.id },
    });

    expect(result.status).toBe("processed");
    const surplus = (await service.listPayments()).find((payment) => payment.id !== paid.id);
    expect(surplus).toMatchObject({
      payment_session_id: second.id,
      amount: 5000,
      status: "canceled",
      surplus_at: expect.any(Date),
      surplus_returning_at: null,
    });
    expect(processor.ledger.filter((entry) => entry.movement === "cancel")).toHaveLength(1);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "authorized",
      authorized_amount: 5000,
    });
    const names = events.map((event) => event.name);
    expect(names.filter((name) => name === "payment_session.authorized")).toHaveLength(1);
    expect(names).toEqual(
      expect.arrayContaining(["payment.surplus", "payment.canceled", "payment.surplus_returned"]),
    );
    await expectBooksEqualLedger(service, processor);
  });

  it("refunds a second payment the processor captured at once, and the collection keeps one", async () => {
    const {
      processor,
      service,
      events,
      collection,
      first,
      second,
      deliver,
      confirmInBrowser,
      surplusPayment,
    } = await setup();
    confirmInBrowser(first.id, true);
    confirmInBrowser(second.id, true);

    for (const session of [first, second]) {
      await deliver({
        action: "captured",
        event_id: `evt_${session.id}`,
        data: { session_id: session.id, amount: 5000 },
      });
    }

    const surplus = await surplusPayment();
    expect(surplus).toMatchObject({
      captured_amount: 5000,
      refunded_amount: 5000,
      status: "refunded",
      surplus_returning_at: null,
    });
    expect(processor.total("refund")).toBe(5000);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "completed",
      captured_amount: 5000,
      refunded_amount: 0,
    });
    // One sale to fulfil: the surplus capture is no `payment.captured`.
    expect(events.filter((event) => event.name === "payment.captured")).toHaveLength(1);
    await expectBooksEqualLedger(service, processor);
  });

  it("answers the event with a retryable error until the processor takes the refund, and the redelivery returns it", async () => {
    const { processor, service, deliver, paidTwiceFirstBooked, surplusPayment } = await setup();
    const event = await paidTwiceFirstBooked();
    processor.failBeforeMoving(
      "refund",
      new ProviderError({
        providerId: "processor",
        code: "invalid_request",
        message: "The charge is still being settled; try again later.",
        definite: true,
      }),
    );

    await expect(deliver(event)).rejects.toMatchObject({
      code: "operation_in_progress",
      retryable: true,
      message: expect.stringMatching(/surplus payment .* refused to return it/),
    });
    const surplus = await surplusPayment();
    expect(surplus).toMatchObject({ captured_amount: 5000, refunded_amount: 0 });
    expect(surplus?.surplus_returning_at).toBeInstanceOf(Date);
    expect(processor.total("refund")).toBe(0);

    expect(await deliver(event)).toMatchObject({ status: "duplicate" });
    expect(await service.retrievePayment(surplus?.id ?? "")).toMatchObject({
      refunded_amount: 5000,
      surplus_returning_at: null,
    });
    expect(await service.listRefunds({ status: "failed" })).toHaveLength(1);
    await expectBooksEqualLedger(service, processor);
  });

  it("leaves an unknown refund pending, and the reconcile sweep settles it and the return", async () => {
    const { processor, service, deliver, later, paidTwiceFirstBooked, surplusPayment } =
      await setup();
    const event = await paidTwiceFirstBooked();
    processor.failAfterMoving("refund", socketHangUp());

    await expect(deliver(event)).rejects.toMatchObject({
      code: "operation_in_progress",
      message: expect.stringMatching(/in flight/),
    });
    expect(await service.listRefunds({ status: "pending" })).toHaveLength(1);

    later(120_000);
    const swept = await service.reconcile({ olderThan: 60_000 });
    expect(swept.errors).toEqual([]);
    const surplus = await surplusPayment();
    expect(surplus).toMatchObject({ refunded_amount: 5000, surplus_returning_at: null });
    expect(processor.total("refund")).toBe(5000);
    await expectBooksEqualLedger(service, processor);
  });

  it("sends one refund when the event is delivered twice at once", async () => {
    const { processor, service, deliver, paidTwiceFirstBooked } = await setup();
    const event = await paidTwiceFirstBooked();

    const results = await Promise.allSettled([deliver(event), deliver(event), deliver(event)]);

    expect(results.filter((result) => result.status === "fulfilled").length).toBeGreaterThan(0);
    expect(processor.ledger.filter((entry) => entry.movement === "refund")).toHaveLength(1);
    await deliver(event).catch(() => undefined);
    await expectBooksEqualLedger(service, processor);
  });

  it("refuses to capture a surplus payment while its money is being returned", async () => {
    const { processor, service, first, second, deliver, confirmInBrowser, surplusPayment } =
      await setup();
    await service.authorizePaymentSession(first.id);
    confirmInBrowser(second.id, false);
    processor.failBeforeMoving(
      "cancel",
      new ProviderError({
        providerId: "processor",
        code: "invalid_request",
        message: "Try again later.",
        definite: true,
      }),
    );
    await expect(
      deliver({ action: "authorized", event_id: "evt_2", data: { session_id: second.id } }),
    ).rejects.toMatchObject({ code: "operation_in_progress" });
    const surplus = await surplusPayment();

    await expect(service.capturePayment({ payment_id: surplus?.id ?? "" })).rejects.toMatchObject({
      code: "payment_surplus",
      message: expect.stringMatching(/being returned .* never captured/),
    });
    expect(processor.total("capture")).toBe(0);
  });
});
