import { describe, expect, it } from "vitest";
import { type ScriptedCall, type ScriptedProvider, scriptedProvider } from "../testing/index";
import { authorizedPayment, idempotencyKeyOf, refusal, retryableError } from "./test-support";

function timeout() {
  return retryableError("The provider timed out; it may or may not have captured.");
}

/** A card provider whose first `faults` capture calls fail retryably; later ones succeed. */
function flakyCapture(faults = 1): ScriptedProvider {
  return scriptedProvider({
    id: "card",
    capture: (input, call) => {
      if (call < faults) throw timeout();
      return { data: { ...input.data, captured: true } };
    },
  });
}

function keyOf(call: ScriptedCall | undefined): unknown {
  return idempotencyKeyOf(call?.input);
}

describe("a capture the provider failed retryably", () => {
  it("stays pending, throws outcome_unknown, and leaves the captured amount unchanged", async () => {
    const { service, collection, payment } = await authorizedPayment(1000, flakyCapture());

    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "outcome_unknown",
      retryable: true,
    });

    const [capture] = await service.listCaptures({ payment_id: payment.id });
    expect(capture).toMatchObject({ amount: 1000, status: "pending" });
    expect(await service.retrievePayment(payment.id)).toMatchObject({
      status: "authorized",
      captured_amount: 0,
    });
    expect((await service.retrievePaymentCollection(collection.id)).captured_amount).toBe(0);
  });

  it("still counts against the authorization: a further capture of the full remaining is refused", async () => {
    const card = flakyCapture();
    const { service, payment } = await authorizedPayment(1000, card);
    await expect(
      service.capturePayment({ payment_id: payment.id, amount: 600 }),
    ).rejects.toMatchObject({ code: "outcome_unknown" });

    await expect(
      service.capturePayment({ payment_id: payment.id, amount: 1000 }),
    ).rejects.toMatchObject({ code: "capture_exceeds_authorized" });
    await expect(
      service.capturePayment({ payment_id: payment.id, amount: 401 }),
    ).rejects.toMatchObject({ code: "capture_exceeds_authorized" });
    expect(card.callsTo("capturePayment")).toHaveLength(1);

    // What is left beside the pending capture may still be captured.
    const rest = await service.capturePayment({ payment_id: payment.id });
    expect(rest.captured_amount).toBe(400);
    expect(card.callsTo("capturePayment")[1]?.input).toMatchObject({ amount: 400 });
  });

  it("is not captured again by a capture without an amount while it is in flight", async () => {
    const card = flakyCapture();
    const { service, payment } = await authorizedPayment(1000, card);
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "outcome_unknown",
    });

    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "operation_in_progress",
    });
    expect(card.callsTo("capturePayment")).toHaveLength(1);
  });
});

describe("reconcilePayment", () => {
  it("settles a pending capture by calling the provider again with the same idempotency key", async () => {
    const card = flakyCapture();
    const { service, collection, session, payment } = await authorizedPayment(1000, card);
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "outcome_unknown",
    });
    const [pending] = await service.listCaptures({ payment_id: payment.id });

    const reconciled = await service.reconcilePayment(payment.id);

    expect(reconciled).toMatchObject({ status: "captured", captured_amount: 1000 });
    const calls = card.callsTo("capturePayment");
    expect(calls).toHaveLength(2);
    expect(keyOf(calls[0])).toBe(pending?.id);
    expect(keyOf(calls[1])).toBe(keyOf(calls[0]));
    expect(calls[1]?.input).toMatchObject({ capture_id: pending?.id, amount: 1000, final: true });
    expect(await service.listCaptures({ payment_id: payment.id })).toEqual([
      expect.objectContaining({ id: pending?.id, amount: 1000, status: "succeeded" }),
    ]);
    expect((await service.retrievePaymentSession(session.id)).status).toBe("captured");
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "completed",
      captured_amount: 1000,
    });
  });

  it("never captures twice: reconciling a settled payment again calls nothing", async () => {
    const card = flakyCapture();
    const { service, payment } = await authorizedPayment(1000, card);
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "outcome_unknown",
    });
    await service.reconcilePayment(payment.id);

    const again = await service.reconcilePayment(payment.id);

    expect(again.captured_amount).toBe(1000);
    expect(card.callsTo("capturePayment")).toHaveLength(2);
    expect(
      await service.listCaptures({ payment_id: payment.id, status: "succeeded" }),
    ).toHaveLength(1);
  });

  it("books a pending capture once when reconciled concurrently", async () => {
    const card = flakyCapture();
    const { service, payment } = await authorizedPayment(1000, card);
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "outcome_unknown",
    });

    await Promise.allSettled(Array.from({ length: 5 }, () => service.reconcilePayment(payment.id)));

    const settled = await service.retrievePayment(payment.id);
    expect(settled.captured_amount).toBe(1000);
    const keys = new Set(card.callsTo("capturePayment").map(keyOf));
    expect(keys.size).toBe(1);
    expect(
      await service.listCaptures({ payment_id: payment.id, status: "succeeded" }),
    ).toHaveLength(1);
  });

  it("keeps a capture pending while the provider still fails retryably, then settles it later", async () => {
    const card = flakyCapture(2);
    const { service, payment } = await authorizedPayment(1000, card);
    await expect(
      service.capturePayment({ payment_id: payment.id, amount: 300 }),
    ).rejects.toMatchObject({ code: "outcome_unknown" });

    await expect(service.reconcilePayment(payment.id)).rejects.toMatchObject({
      code: "outcome_unknown",
    });
    expect(await service.listCaptures({ payment_id: payment.id })).toEqual([
      expect.objectContaining({ amount: 300, status: "pending" }),
    ]);

    const settled = await service.reconcilePayment(payment.id);
    expect(settled).toMatchObject({ status: "partially_captured", captured_amount: 300 });
    const keys = card.callsTo("capturePayment").map(keyOf);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
  });

  it("marks a pending capture failed when the provider refuses it on reconcile", async () => {
    const card = scriptedProvider({
      id: "card",
      capture: (_input, call) => {
        if (call === 0) throw timeout();
        throw refusal("invalid_request", "The authorization expired.");
      },
    });
    const { service, payment } = await authorizedPayment(1000, card);
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "outcome_unknown",
    });

    await expect(service.reconcilePayment(payment.id)).rejects.toMatchObject({
      code: "invalid_request",
    });

    expect(await service.listCaptures({ payment_id: payment.id })).toEqual([
      expect.objectContaining({
        status: "failed",
        error: expect.objectContaining({ code: "invalid_request" }),
      }),
    ]);
    expect((await service.retrievePayment(payment.id)).captured_amount).toBe(0);
  });

  it("settles a pending refund by asking the provider again with the same idempotency key", async () => {
    const card = scriptedProvider({
      id: "card",
      refund: (input, call) =>
        call === 0
          ? { status: "pending", data: input.data }
          : { status: "succeeded", data: input.data },
    });
    const { service, collection, payment } = await authorizedPayment(1000, card);
    await service.capturePayment({ payment_id: payment.id });
    await service.refundPayment({ payment_id: payment.id, amount: 400 });
    const [pending] = await service.listRefunds({ payment_id: payment.id });
    expect(pending).toMatchObject({ status: "pending", amount: 400 });

    const reconciled = await service.reconcilePayment(payment.id);

    expect(reconciled).toMatchObject({ status: "partially_refunded", refunded_amount: 400 });
    const calls = card.callsTo("refundPayment");
    expect(calls).toHaveLength(2);
    expect(keyOf(calls[0])).toBe(pending?.id);
    expect(keyOf(calls[1])).toBe(keyOf(calls[0]));
    expect(await service.listRefunds({ payment_id: payment.id })).toEqual([
      expect.objectContaining({ id: pending?.id, status: "succeeded" }),
    ]);
    expect((await service.retrievePaymentCollection(collection.id)).refunded_amount).toBe(400);
  });

  it("calls no provider for a payment with nothing pending", async () => {
    const card = scriptedProvider({ id: "card" });
    const { service, payment } = await authorizedPayment(1000, card);
    await service.capturePayment({ payment_id: payment.id, amount: 500 });
    const before = card.calls.length;

    const reconciled = await service.reconcilePayment(payment.id);

    expect(reconciled).toMatchObject({ id: payment.id, captured_amount: 500 });
    expect(card.calls).toHaveLength(before);
  });

  it("refuses a payment that does not exist", async () => {
    const { service } = await authorizedPayment(1000, scriptedProvider({ id: "card" }));

    await expect(service.reconcilePayment("pay_missing")).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
