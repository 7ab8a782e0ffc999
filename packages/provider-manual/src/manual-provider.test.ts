import { createPaymentModuleService, type PaymentModuleService } from "@tender/core";
import { describe, expect, it } from "vitest";
import { manual } from "./index";

async function openSession(service: PaymentModuleService, providerId: string, amount = 5000) {
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount });
  const session = await service.createPaymentSession(collection.id, {
    provider_id: providerId,
    currency_code: "usd",
    amount,
  });
  return { collection, session };
}

describe("manual()", () => {
  it("registers as manual, authorizing at once", async () => {
    const provider = manual();
    expect(provider).toMatchObject({ id: "manual", mode: "immediate", specificationVersion: "v1" });
    const service = createPaymentModuleService({ providers: [provider] });
    expect(await service.listPaymentProviders()).toMatchObject([
      {
        id: "manual",
        capabilities: { partialCapture: true, multipleCaptures: true, partialRefund: true },
      },
    ]);
  });

  it("registers under the id it is given", async () => {
    const service = createPaymentModuleService({ providers: [manual({ id: "stripe" })] });
    expect((await service.listPaymentProviders()).map((provider) => provider.id)).toEqual([
      "stripe",
    ]);
    const { session } = await openSession(service, "stripe");
    expect(session.provider_id).toBe("stripe");
    expect(await service.authorizePaymentSession(session.id)).toMatchObject({
      provider_id: "stripe",
      status: "authorized",
    });
  });

  it("runs the whole flow as bookkeeping: authorize, capture in two parts, refund", async () => {
    const service = createPaymentModuleService({ providers: [manual()] });
    const { collection, session } = await openSession(service, "manual");
    expect(session.status).toBe("pending");
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("awaiting");

    const payment = await service.authorizePaymentSession(session.id);
    expect(payment).toMatchObject({
      amount: 5000,
      captured_amount: 0,
      refunded_amount: 0,
      status: "authorized",
    });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "authorized",
      payment_id: payment.id,
    });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "authorized",
      authorized_amount: 5000,
    });

    const partly = await service.capturePayment({ payment_id: payment.id, amount: 3000 });
    expect(partly).toMatchObject({ captured_amount: 3000, status: "partially_captured" });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "partially_captured",
      captured_amount: 3000,
    });

    const fully = await service.capturePayment({ payment_id: payment.id });
    expect(fully).toMatchObject({ captured_amount: 5000, status: "captured" });
    expect(
      (await service.listCaptures({ payment_id: payment.id })).map((c) => c.amount).sort(),
    ).toEqual([2000, 3000]);
    expect((await service.retrievePaymentSession(session.id)).status).toBe("captured");
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "completed",
      captured_amount: 5000,
    });

    const refunded = await service.refundPayment({ payment_id: payment.id, amount: 1500 });
    expect(refunded).toMatchObject({
      captured_amount: 5000,
      refunded_amount: 1500,
      status: "partially_refunded",
    });
    expect(await service.listRefunds({ payment_id: payment.id })).toMatchObject([
      { amount: 1500, status: "succeeded" },
    ]);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "partially_refunded",
      authorized_amount: 5000,
      captured_amount: 5000,
      refunded_amount: 1500,
    });
  });

  it("refuses settings it does not know with configuration", () => {
    // @ts-expect-error "later" is not a mode
    expect(() => manual({ mode: "later" })).toThrow(
      expect.objectContaining({
        code: "configuration",
        message: expect.stringMatching(/"deferred"/),
      }),
    );
    expect(() => manual({ id: "" })).toThrow(expect.objectContaining({ code: "configuration" }));
  });
});

describe('manual({ mode: "deferred" })', () => {
  function setup() {
    return createPaymentModuleService({
      providers: [manual(), manual({ id: "bank-transfer", mode: "deferred" })],
    });
  }

  it("leaves the session processing and says so with payment_processing", async () => {
    const service = setup();
    const { collection, session } = await openSession(service, "bank-transfer");
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_processing",
      message: expect.stringMatching(/markPaymentSessionPaid/),
    });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "processing",
      payment_id: null,
      next_action: { type: "await_offline_payment" },
    });
    expect(await service.listPayments()).toEqual([]);
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("awaiting");
  });

  it("holds the processing session's amount: another session for the full amount is refused", async () => {
    const service = setup();
    const { collection, session } = await openSession(service, "bank-transfer");
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_processing",
    });

    const card = service
      .createPaymentSession(collection.id, {
        provider_id: "manual",
        currency_code: "usd",
        amount: 5000,
      })
      .then((other) => service.authorizePaymentSession(other.id));
    await expect(card).rejects.toMatchObject({ code: "collection_already_authorized" });
    expect(await service.listPayments()).toEqual([]);
    expect((await service.retrievePaymentSession(session.id)).status).toBe("processing");
  });

  it("creates an authorized payment when the operator marks the session paid, and the flow continues", async () => {
    const service = setup();
    const { collection, session } = await openSession(service, "bank-transfer");
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_processing",
    });

    const payment = await service.markPaymentSessionPaid(session.id);
    expect(payment).toMatchObject({
      payment_session_id: session.id,
      provider_id: "bank-transfer",
      amount: 5000,
      captured_amount: 0,
      status: "authorized",
    });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "authorized",
      payment_id: payment.id,
    });
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("authorized");

    expect(await service.capturePayment({ payment_id: payment.id })).toMatchObject({
      captured_amount: 5000,
      status: "captured",
    });
    expect(await service.refundPayment({ payment_id: payment.id, amount: 1500 })).toMatchObject({
      refunded_amount: 1500,
      status: "partially_refunded",
    });
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe(
      "partially_refunded",
    );
  });

  it("creates a captured payment when marked paid with captured: true", async () => {
    const service = setup();
    const { collection, session } = await openSession(service, "bank-transfer");
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_processing",
    });

    const payment = await service.markPaymentSessionPaid(session.id, { captured: true });
    expect(payment).toMatchObject({ amount: 5000, captured_amount: 5000, status: "captured" });
    expect(await service.listCaptures({ payment_id: payment.id })).toMatchObject([
      { amount: 5000, status: "succeeded" },
    ]);
    expect((await service.retrievePaymentSession(session.id)).status).toBe("captured");
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "completed",
      captured_amount: 5000,
    });
  });

  it("returns the same payment when a session is marked paid twice", async () => {
    const service = setup();
    const { session } = await openSession(service, "bank-transfer");
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_processing",
    });
    const first = await service.markPaymentSessionPaid(session.id);
    const again = await service.markPaymentSessionPaid(session.id);
    expect(again.id).toBe(first.id);
    expect(await service.listPayments()).toHaveLength(1);
  });

  it("refuses to mark a session paid that does not exist", async () => {
    const service = setup();
    await expect(service.markPaymentSessionPaid("payses_missing")).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
