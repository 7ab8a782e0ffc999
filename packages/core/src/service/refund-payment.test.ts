import { describe, expect, it } from "vitest";
import { scriptedProvider } from "../testing/index";
import { capturedPayment } from "./test-support";

describe("refundPayment", () => {
  it("refunds everything captured when no amount is given", async () => {
    const { service, provider, collection, payment } = await capturedPayment(1000);

    const refunded = await service.refundPayment({ payment_id: payment.id });

    expect(refunded).toMatchObject({
      status: "refunded",
      captured_amount: 1000,
      refunded_amount: 1000,
    });
    const [refund] = await service.listRefunds({ payment_id: payment.id });
    expect(refund).toMatchObject({ amount: 1000, status: "succeeded" });
    expect(provider.callsTo("refundPayment").map((call) => call.input)).toEqual([
      expect.objectContaining({
        payment_id: payment.id,
        refund_id: refund?.id,
        amount: 1000,
        idempotency_key: refund?.id,
      }),
    ]);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "refunded",
      captured_amount: 1000,
      refunded_amount: 1000,
    });
  });

  it("refunds in parts until everything captured is refunded", async () => {
    const { service, collection, payment } = await capturedPayment(1000);

    const first = await service.refundPayment({ payment_id: payment.id, amount: 300 });
    expect(first).toMatchObject({ status: "partially_refunded", refunded_amount: 300 });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "partially_refunded",
      captured_amount: 1000,
      refunded_amount: 300,
    });

    const second = await service.refundPayment({ payment_id: payment.id, amount: 200 });
    expect(second).toMatchObject({ status: "partially_refunded", refunded_amount: 500 });

    const rest = await service.refundPayment({ payment_id: payment.id });
    expect(rest).toMatchObject({ status: "refunded", refunded_amount: 1000 });

    const refunds = await service.listRefunds({ payment_id: payment.id });
    expect(refunds.map((refund) => [refund.amount, refund.status]).sort()).toEqual([
      [200, "succeeded"],
      [300, "succeeded"],
      [500, "succeeded"],
    ]);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "refunded",
      refunded_amount: 1000,
    });
  });

  it("refunds only what was captured of a partially captured payment", async () => {
    const { service, provider, payment } = await capturedPayment(1000, 600);

    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 700 }),
    ).rejects.toMatchObject({ code: "refund_exceeds_captured" });
    const refunded = await service.refundPayment({ payment_id: payment.id });

    expect(refunded).toMatchObject({ captured_amount: 600, refunded_amount: 600 });
    expect(provider.callsTo("refundPayment").map((call) => call.input)).toEqual([
      expect.objectContaining({ amount: 600 }),
    ]);
  });

  it("refuses to refund more than is left of what was captured", async () => {
    const { service, provider, payment } = await capturedPayment(1000);
    await service.refundPayment({ payment_id: payment.id, amount: 800 });

    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 300 }),
    ).rejects.toMatchObject({ code: "refund_exceeds_captured" });

    expect((await service.retrievePayment(payment.id)).refunded_amount).toBe(800);
    expect(provider.callsTo("refundPayment")).toHaveLength(1);
  });

  it("refuses to refund a payment with nothing captured", async () => {
    const { service, provider, payment } = await capturedPayment(1000, 0);

    await expect(service.refundPayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "nothing_to_refund",
    });
    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 100 }),
    ).rejects.toMatchObject({ code: "nothing_to_refund" });
    expect(provider.callsTo("refundPayment")).toEqual([]);
  });

  it("refuses to refund a fully refunded payment again", async () => {
    const { service, provider, payment } = await capturedPayment(1000);
    await service.refundPayment({ payment_id: payment.id });

    await expect(service.refundPayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "nothing_to_refund",
    });
    expect(provider.callsTo("refundPayment")).toHaveLength(1);
    expect((await service.retrievePayment(payment.id)).refunded_amount).toBe(1000);
  });

  it.each([0, -100, 10.5])("refuses a refund amount of %s with invalid_amount", async (amount) => {
    const { service, provider, payment } = await capturedPayment(1000);

    await expect(service.refundPayment({ payment_id: payment.id, amount })).rejects.toMatchObject({
      code: "invalid_amount",
    });
    expect(provider.callsTo("refundPayment")).toEqual([]);
    expect(await service.listRefunds({ payment_id: payment.id })).toEqual([]);
  });

  it("records the refund reason and note, and sends the reason's code to the provider", async () => {
    const { service, provider, payment } = await capturedPayment(1000);
    const reason = await service.createRefundReasons({ label: "Damaged", code: "damaged" });

    await service.refundPayment({
      payment_id: payment.id,
      amount: 250,
      refund_reason_id: reason.id,
      note: "Box arrived crushed",
    });

    const [refund] = await service.listRefunds({ payment_id: payment.id });
    expect(refund).toMatchObject({
      amount: 250,
      refund_reason_id: reason.id,
      note: "Box arrived crushed",
      status: "succeeded",
    });
    expect(provider.callsTo("refundPayment")[0]?.input).toMatchObject({
      reason: "damaged",
      note: "Box arrived crushed",
    });
  });

  it("refuses a refund reason that does not exist, refunding nothing", async () => {
    const { service, provider, payment } = await capturedPayment(1000);

    await expect(
      service.refundPayment({ payment_id: payment.id, refund_reason_id: "refr_missing" }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(provider.callsTo("refundPayment")).toEqual([]);
  });

  it("marks a refund the provider refuses as failed, refunds nothing, and lets the caller refund again", async () => {
    const card = scriptedProvider({
      id: "card",
      refund: (input, call) =>
        call === 0
          ? { status: "failed", data: input.data }
          : { status: "succeeded", data: input.data },
    });
    const { service, payment } = await capturedPayment(1000, 1000, card);

    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 400 }),
    ).rejects.toMatchObject({ code: "provider_error" });

    const [failed] = await service.listRefunds({ payment_id: payment.id });
    expect(failed).toMatchObject({ amount: 400, status: "failed" });
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      status: "captured",
      refunded_amount: 0,
    });
    expect((await service.refundPayment({ payment_id: payment.id })).refunded_amount).toBe(1000);
  });

  it("keeps a refund the provider has not settled pending, with its amount held", async () => {
    const card = scriptedProvider({
      id: "card",
      refund: (input) => ({ status: "pending", data: input.data }),
    });
    const { service, payment } = await capturedPayment(1000, 1000, card);

    const afterPending = await service.refundPayment({ payment_id: payment.id, amount: 700 });

    expect(afterPending.refunded_amount).toBe(0);
    const [pending] = await service.listRefunds({ payment_id: payment.id });
    expect(pending).toMatchObject({ amount: 700, status: "pending" });
    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 400 }),
    ).rejects.toMatchObject({ code: "refund_exceeds_captured" });
  });
});

describe("refundPayment with the caller's idempotency key", () => {
  it("replays the same key and input: returns the payment without a second provider call", async () => {
    const { service, provider, payment } = await capturedPayment(1000);

    await service.refundPayment({ payment_id: payment.id, amount: 300, idempotency_key: "rma-7" });
    const replayed = await service.refundPayment({
      payment_id: payment.id,
      amount: 300,
      idempotency_key: "rma-7",
    });

    expect(replayed).toMatchObject({ id: payment.id, refunded_amount: 300 });
    expect(provider.callsTo("refundPayment")).toHaveLength(1);
    expect(await service.listRefunds({ payment_id: payment.id })).toHaveLength(1);
  });

  it("does not report a refund the provider refused as done when the caller retries it with the same key", async () => {
    const card = scriptedProvider({
      id: "card",
      refund: (input) => ({ status: "failed", data: input.data }),
    });
    const { service, payment } = await capturedPayment(1000, 1000, card);
    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 300, idempotency_key: "rma-7" }),
    ).rejects.toMatchObject({ code: "provider_error" });

    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 300, idempotency_key: "rma-7" }),
    ).rejects.toThrow();
    expect((await service.retrievePayment(payment.id)).refunded_amount).toBe(0);
  });

  it("refuses the same key with another amount", async () => {
    const { service, provider, payment } = await capturedPayment(1000);
    await service.refundPayment({ payment_id: payment.id, amount: 300, idempotency_key: "rma-7" });

    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 301, idempotency_key: "rma-7" }),
    ).rejects.toMatchObject({ code: "idempotency_key_reused" });
    expect(provider.callsTo("refundPayment")).toHaveLength(1);
    expect((await service.retrievePayment(payment.id)).refunded_amount).toBe(300);
  });
});
