import { describe, expect, it } from "vitest";
import { createPaymentModuleService, type PaymentModuleService } from "../index";
import { type LedgerProvider, ledgerProvider } from "./ledger-provider";

/**
 * A processor that stores a 500 for its idempotency key and replays it (as
 * Stripe does) would leave a row pending for ever under that key. The rule:
 * the provider asks its own records whether this record's movement happened;
 * only when nothing moved does the core record the next attempt's key on the
 * row and send the request again under it. The books end equal to the
 * processor's ledger, with one movement per record.
 */
async function setup(amount = 1000) {
  const processor = ledgerProvider();
  const service = createPaymentModuleService({ providers: [processor] });
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount });
  const session = await service.createPaymentSession(collection.id, {
    provider_id: "processor",
    currency_code: "usd",
    amount,
  });
  return { processor, service, collection, session };
}

function movementsOf(processor: LedgerProvider, movement: "capture" | "refund" | "cancel") {
  return processor.ledger.filter((entry) => entry.movement === movement);
}

async function expectBooksMatchLedger(
  service: PaymentModuleService,
  processor: LedgerProvider,
  paymentId: string,
) {
  const payment = await service.retrievePayment(paymentId);
  const captures = await service.listCaptures({ payment_id: paymentId });
  const refunds = await service.listRefunds({ payment_id: paymentId });
  const rows = (list: Array<{ idempotency_key: string; amount: number; status: string }>) =>
    list
      .filter((row) => row.status === "succeeded")
      .map((row) => [row.idempotency_key, row.amount])
      .sort();
  const ledger = (movement: "capture" | "refund") =>
    movementsOf(processor, movement)
      .map((entry) => [entry.key, entry.amount])
      .sort();
  expect(rows(captures)).toEqual(ledger("capture"));
  expect(rows(refunds)).toEqual(ledger("refund"));
  expect(payment.captured_amount).toBe(processor.total("capture"));
  expect(payment.refunded_amount).toBe(processor.total("refund"));
  expect([...captures, ...refunds].filter((row) => row.status === "pending")).toEqual([]);
}

describe("a failure the processor stores for its key", () => {
  it("captures under the next attempt's key, recorded on the capture, once nothing moved", async () => {
    const { processor, service, session } = await setup();
    const payment = await service.authorizePaymentSession(session.id);
    processor.failStored("capture");
    const captured = await service.capturePayment({ payment_id: payment.id, amount: 600 });
    expect(captured.captured_amount).toBe(600);
    const [capture] = await service.listCaptures({ payment_id: payment.id });
    expect(capture?.idempotency_key).toBe(`${capture?.id}:attempt-2`);
    expect(movementsOf(processor, "capture")).toEqual([
      { movement: "capture", key: `${capture?.id}:attempt-2`, amount: 600, record: capture?.id },
    ]);
    await expectBooksMatchLedger(service, processor, payment.id);
  });

  it("books a capture that moved before the stored failure, and never sends a new key", async () => {
    const { processor, service, session } = await setup();
    const payment = await service.authorizePaymentSession(session.id);
    processor.failStored("capture", { applied: true });
    const captured = await service.capturePayment({ payment_id: payment.id, amount: 600 });
    expect(captured.captured_amount).toBe(600);
    const [capture] = await service.listCaptures({ payment_id: payment.id });
    expect(capture?.idempotency_key).toBe(capture?.id);
    expect(movementsOf(processor, "capture")).toHaveLength(1);
    await expectBooksMatchLedger(service, processor, payment.id);
  });

  it("refunds under the next attempt's key once nothing moved", async () => {
    const { processor, service, session } = await setup();
    const payment = await service.authorizePaymentSession(session.id);
    await service.capturePayment({ payment_id: payment.id });
    processor.failStored("refund");
    const refunded = await service.refundPayment({ payment_id: payment.id, amount: 300 });
    expect(refunded.refunded_amount).toBe(300);
    const [refund] = await service.listRefunds({ payment_id: payment.id });
    expect(refund).toMatchObject({
      status: "succeeded",
      idempotency_key: `${refund?.id}:attempt-2`,
    });
    await expectBooksMatchLedger(service, processor, payment.id);
  });

  it("cancels under the next attempt's key, counted on the payment", async () => {
    const { processor, service, session } = await setup();
    const payment = await service.authorizePaymentSession(session.id);
    processor.failStored("cancel");
    const canceled = await service.cancelPayment(payment.id);
    expect(canceled).toMatchObject({ status: "canceled", cancel_attempt: 2 });
    expect(movementsOf(processor, "cancel").map((entry) => entry.key)).toEqual([
      `${payment.id}:cancel:attempt-2`,
    ]);
  });

  it("authorizes under the next attempt's key, and the hold is not left in flight", async () => {
    const { processor, service, session, collection } = await setup();
    processor.failStored("authorize");
    const payment = await service.authorizePaymentSession(session.id);
    expect(payment.status).toBe("authorized");
    const authorizations = processor.ledger.filter((entry) => entry.movement === "authorize");
    expect(authorizations.map((entry) => entry.key)).toEqual([`${session.id}:authorize:1`]);
    expect((await service.retrievePaymentSession(session.id)).authorization_started_at).toBeNull();
    expect((await service.retrievePaymentCollection(collection.id)).authorized_amount).toBe(1000);
  });

  it("leaves a row answered twice pending under its third key; reconcile settles it once", async () => {
    const { processor, service, session } = await setup();
    const payment = await service.authorizePaymentSession(session.id);
    processor.failStored("capture");
    processor.failStored("capture");
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "outcome_unknown",
    });
    const [capture] = await service.listCaptures({ payment_id: payment.id });
    expect(capture).toMatchObject({
      status: "pending",
      idempotency_key: `${capture?.id}:attempt-3`,
    });
    // Pending, it holds its amount: nothing else can be captured meanwhile.
    await expect(
      service.capturePayment({ payment_id: payment.id, amount: 1 }),
    ).rejects.toMatchObject({ code: "capture_exceeds_authorized" });
    const settled = await service.reconcilePayment(payment.id);
    expect(settled.captured_amount).toBe(1000);
    expect(movementsOf(processor, "capture").map((entry) => entry.key)).toEqual([
      `${capture?.id}:attempt-3`,
    ]);
    await expectBooksMatchLedger(service, processor, payment.id);
  });

  it("creates a session at the provider under the next attempt's key: nothing is left in flight", async () => {
    const processor = ledgerProvider();
    const service = createPaymentModuleService({ providers: [processor] });
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 500,
    });
    processor.failStored("initiate");
    const session = await service.createPaymentSession(collection.id, {
      provider_id: "processor",
      currency_code: "usd",
      amount: 500,
    });
    expect(session).toMatchObject({ provider_call: null, provider_call_started_at: null });
    expect(processor.ledger.filter((entry) => entry.movement === "initiate")).toMatchObject([
      { key: `${session.id}:initiate:attempt-2` },
    ]);
  });

  it("updates a session under the next attempt's key, and the session can be authorized after", async () => {
    const { processor, service, session } = await setup();
    processor.failStored("update");
    const updated = await service.updatePaymentSession({ id: session.id, data: { note: "b" } });
    expect(updated).toMatchObject({ provider_call: null, data: { note: "b" } });
    const updates = processor.ledger.filter((entry) => entry.movement === "update");
    expect(updates).toHaveLength(1);
    expect(updates[0]?.key).toMatch(/:attempt-2$/);
    expect((await service.authorizePaymentSession(session.id)).status).toBe("authorized");
  });
});
