import { describe, expect, it } from "vitest";
import { createPaymentModuleService, type PaymentModuleService } from "../index";
import { scriptedProvider } from "../testing/index";
import { AFTER_MOVING_ERRORS, type LedgerProvider, ledgerProvider } from "./ledger-provider";
import { authorizedPayment, recordEvents, refusal, storeRows } from "./test-support";

/** A collection of 1000 on the ledger processor, its payment authorized, and room to raise it to `owed`. */
async function authorizedOnLedger(owed = 1000, now?: () => Date) {
  const processor = ledgerProvider();
  const service = createPaymentModuleService({ providers: [processor], ...(now ? { now } : {}) });
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount: 1000 });
  const session = await service.createPaymentSession(collection.id, {
    provider_id: "processor",
    currency_code: "usd",
    amount: 1000,
  });
  const payment = await service.authorizePaymentSession(session.id);
  if (owed !== 1000) await service.updatePaymentCollections(collection.id, { amount: owed });
  return { processor, service, collection, session, payment };
}

/** The books equal the processor's ledger: what it holds and what it took for the payment. */
async function expectBooksMatchLedger(
  service: PaymentModuleService,
  processor: LedgerProvider,
  paymentId: string,
) {
  const payment = await service.retrievePayment(paymentId);
  expect(payment.amount).toBe(processor.total("authorize") + processor.total("increment"));
  expect(payment.captured_amount).toBe(processor.total("capture"));
  const collection = await service.retrievePaymentCollection(payment.payment_collection_id);
  expect(collection.captured_amount).toBe(processor.total("capture"));
}

describe("incrementAuthorization", () => {
  it("raises the hold to the new total, and the whole of it can be captured", async () => {
    const { processor, service, collection, payment } = await authorizedOnLedger(1500);
    const events = recordEvents(service);

    const raised = await service.incrementAuthorization({ payment_id: payment.id, amount: 1500 });

    expect(raised).toMatchObject({ amount: 1500, status: "authorized", increment_amount: null });
    expect(processor.callsTo("incrementAuthorization")[0]?.input).toMatchObject({
      payment_id: payment.id,
      amount: 1500,
      currency_code: "usd",
      idempotency_key: `${payment.id}:increment`,
    });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      authorized_amount: 1500,
      status: "authorized",
    });
    expect(events.filter((event) => event.name === "payment.authorization_incremented")).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ previous_amount: 1000 }),
      }),
    ]);

    await service.capturePayment({ payment_id: payment.id });
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      captured_amount: 1500,
      status: "captured",
    });
    await expectBooksMatchLedger(service, processor, payment.id);
  });

  it("refuses a total the collection does not owe, and says to raise the collection first", async () => {
    const { processor, service, payment } = await authorizedOnLedger(1200);
    const before = await storeRows(service);

    await expect(
      service.incrementAuthorization({ payment_id: payment.id, amount: 1500 }),
    ).rejects.toMatchObject({
      code: "amount_exceeds_collection",
      message: expect.stringContaining("updatePaymentCollections"),
    });

    expect(await storeRows(service)).toEqual(before);
    expect(processor.callsTo("incrementAuthorization")).toEqual([]);
  });

  it("refuses an amount that does not raise the total: amount is the new total, not the difference", async () => {
    const { service, payment } = await authorizedOnLedger(1500);

    await expect(
      service.incrementAuthorization({ payment_id: payment.id, amount: 500 }),
    ).rejects.toMatchObject({
      code: "invalid_amount",
      message: expect.stringContaining("new total"),
    });
    await expect(
      service.incrementAuthorization({ payment_id: payment.id, amount: 1000 }),
    ).rejects.toMatchObject({ code: "invalid_amount" });
  });

  it("refuses once anything is captured, and on a canceled payment", async () => {
    const { service, payment } = await authorizedOnLedger(1500);
    await service.capturePayment({ payment_id: payment.id, amount: 100 });
    await expect(
      service.incrementAuthorization({ payment_id: payment.id, amount: 1500 }),
    ).rejects.toMatchObject({ code: "payment_already_captured" });

    const other = await authorizedOnLedger(1500);
    await other.service.cancelPayment(other.payment.id);
    await expect(
      other.service.incrementAuthorization({ payment_id: other.payment.id, amount: 1500 }),
    ).rejects.toMatchObject({ code: "payment_canceled" });
  });

  it("refuses a provider that does not declare incremental authorization", async () => {
    const provider = scriptedProvider({
      id: "card",
      capabilities: { incrementalAuthorization: false },
    });
    const { service, collection, payment } = await authorizedPayment(1000, provider);
    await service.updatePaymentCollections(collection.id, { amount: 2000 });

    await expect(
      service.incrementAuthorization({ payment_id: payment.id, amount: 2000 }),
    ).rejects.toMatchObject({ code: "capability_not_supported" });
    expect(provider.callsTo("incrementAuthorization")).toEqual([]);
  });

  it("keeps the old amount when the provider declines, and the next increment goes under a new key", async () => {
    let declines = 1;
    const provider = scriptedProvider({
      id: "card",
      increment: (input) => {
        if (declines-- > 0) throw refusal("card_declined", "The increment was declined.");
        return { amount: input.amount, data: input.data };
      },
    });
    const { service, collection, payment } = await authorizedPayment(1000, provider);
    await service.updatePaymentCollections(collection.id, { amount: 1500 });

    await expect(
      service.incrementAuthorization({ payment_id: payment.id, amount: 1500 }),
    ).rejects.toMatchObject({ code: "card_declined" });
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      amount: 1000,
      increment_amount: null,
      increment_started_at: null,
    });
    // Nothing is in flight: the payment can be captured for what it holds.
    const raised = await service.incrementAuthorization({ payment_id: payment.id, amount: 1500 });

    expect(raised.amount).toBe(1500);
    expect(provider.callsTo("incrementAuthorization").map((call) => call.input)).toMatchObject([
      { idempotency_key: `${payment.id}:increment` },
      { idempotency_key: `${payment.id}:increment:attempt-2` },
    ]);
  });

  for (const [what, error] of AFTER_MOVING_ERRORS) {
    it(`after ${what}, keeps the increment in flight until reconcile books the processor's answer`, async () => {
      const { processor, service, collection, payment } = await authorizedOnLedger(1500);
      processor.failAfterMoving("increment", error());

      await expect(
        service.incrementAuthorization({ payment_id: payment.id, amount: 1500 }),
      ).rejects.toMatchObject({ code: "outcome_unknown", details: { payment_id: payment.id } });

      expect(await service.retrievePayment(payment.id)).toMatchObject({
        amount: 1000,
        increment_amount: 1500,
      });
      // While it is in flight, the payment holds the larger total and nothing else moves it.
      await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
        code: "operation_in_progress",
      });
      await expect(service.cancelPayment(payment.id)).rejects.toMatchObject({
        code: "operation_in_progress",
      });
      await expect(
        service.updatePaymentCollections(collection.id, { amount: 1200 }),
      ).rejects.toMatchObject({ code: "invalid_amount" });

      const settled = await service.reconcilePayment(payment.id);

      expect(settled).toMatchObject({ amount: 1500, increment_amount: null });
      expect(processor.ledger.filter((entry) => entry.movement === "increment")).toHaveLength(1);
      await expectBooksMatchLedger(service, processor, payment.id);
    });
  }

  it("is settled by the reconcile sweep when nobody calls reconcilePayment", async () => {
    let clock = Date.UTC(2030, 0, 1);
    const { processor, service, payment } = await authorizedOnLedger(1500, () => new Date(clock));
    processor.failAfterMoving("increment", new Error("socket hang up"));
    await expect(
      service.incrementAuthorization({ payment_id: payment.id, amount: 1500 }),
    ).rejects.toMatchObject({ code: "outcome_unknown" });

    // The sweep takes rows sent before its cutoff: a millisecond later than the send, always.
    clock += 1;
    const result = await service.reconcile({ olderThan: 0 });

    expect(result).toMatchObject({ settled: 1, unknown: 0, errors: [] });
    expect(await service.retrievePayment(payment.id)).toMatchObject({ amount: 1500 });
    await expectBooksMatchLedger(service, processor, payment.id);
  });

  it("after a stored 500 where nothing moved, sends the increment again under the next attempt's key", async () => {
    const { processor, service, payment } = await authorizedOnLedger(1500);
    processor.failStored("increment");

    const raised = await service.incrementAuthorization({ payment_id: payment.id, amount: 1500 });

    expect(raised.amount).toBe(1500);
    expect(
      processor
        .callsTo("incrementAuthorization")
        .map((call) => Reflect.get(Object(call.input), "idempotency_key")),
    ).toEqual([`${payment.id}:increment`, `${payment.id}:increment:attempt-2`]);
    await expectBooksMatchLedger(service, processor, payment.id);
  });

  it("replays the first result for the caller's idempotency key, and raises once", async () => {
    const { processor, service, payment } = await authorizedOnLedger(1500);
    const input = { payment_id: payment.id, amount: 1500, idempotency_key: "edit-1" };

    const first = await service.incrementAuthorization(input);
    const again = await service.incrementAuthorization(input);

    expect(again).toMatchObject({ id: first.id, amount: 1500 });
    expect(processor.callsTo("incrementAuthorization")).toHaveLength(1);
    await expect(service.incrementAuthorization({ ...input, amount: 1400 })).rejects.toMatchObject({
      code: "idempotency_key_reused",
    });
  });

  it("lets only one of two concurrent increments through at a time, and the books follow the processor", async () => {
    const { processor, service, payment } = await authorizedOnLedger(1500);

    const results = await Promise.allSettled([
      service.incrementAuthorization({ payment_id: payment.id, amount: 1200 }),
      service.incrementAuthorization({ payment_id: payment.id, amount: 1500 }),
    ]);

    expect(results.some((result) => result.status === "fulfilled")).toBe(true);
    for (const result of results) {
      if (result.status === "rejected") {
        expect(["operation_in_progress", "invalid_amount"]).toContain(
          Reflect.get(Object(result.reason), "code"),
        );
      }
    }
    await expectBooksMatchLedger(service, processor, payment.id);
  });

  it("keeps another session from authorizing into the room an increment in flight may take", async () => {
    const { processor, service, collection, payment } = await authorizedOnLedger(1500);
    processor.failAfterMoving("increment", new Error("socket hang up"));
    await expect(
      service.incrementAuthorization({ payment_id: payment.id, amount: 1500 }),
    ).rejects.toMatchObject({ code: "outcome_unknown" });
    const second = await service.createPaymentSession(collection.id, {
      provider_id: "processor",
      currency_code: "usd",
      amount: 500,
    });

    // Without the increment in flight, 500 of the 1500 would be free for it.
    await expect(service.authorizePaymentSession(second.id)).rejects.toMatchObject({
      code: "collection_already_authorized",
    });
    expect(
      processor.ledger.filter(
        (entry) => entry.record === second.id && entry.movement === "authorize",
      ),
    ).toEqual([]);
  });

  it.each([
    ["no input", undefined],
    ["a payment id that is not a string", { payment_id: 5, amount: 1500 }],
    ["a negative amount", { payment_id: "pay_x", amount: -1 }],
    ["an amount that is not a number", { payment_id: "pay_x", amount: "1500" }],
    ["a fractional amount", { payment_id: "pay_x", amount: 12.5 }],
    ["an unknown field", { payment_id: "pay_x", amount: 1500, delta: 500 }],
  ])("refuses %s with a TenderError and changes nothing", async (_what, input) => {
    const { service, payment } = await authorizedOnLedger(1500);
    const hostile =
      input && typeof input === "object" && input.payment_id === "pay_x"
        ? { ...input, payment_id: payment.id }
        : input;
    const before = await storeRows(service);

    await expect(service.incrementAuthorization(hostile as never)).rejects.toMatchObject({
      name: "TenderError",
      code: expect.stringMatching(/invalid_/),
    });
    expect(await storeRows(service)).toEqual(before);
  });

  it("refuses an unknown payment with not_found", async () => {
    const { service } = await authorizedOnLedger(1500);
    await expect(
      service.incrementAuthorization({ payment_id: "pay_missing", amount: 1500 }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
