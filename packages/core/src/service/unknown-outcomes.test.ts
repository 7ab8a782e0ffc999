import { describe, expect, it } from "vitest";
import { createPaymentModuleService, type PaymentModuleService, ProviderError } from "../index";
import { AFTER_MOVING_ERRORS, type LedgerProvider, ledgerProvider } from "./ledger-provider";

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

/** The books, read back: what the service says moved for the payment. */
async function books(service: PaymentModuleService, paymentId: string) {
  const payment = await service.retrievePayment(paymentId);
  const captures = await service.listCaptures({ payment_id: paymentId });
  const refunds = await service.listRefunds({ payment_id: paymentId });
  return { payment, captures, refunds };
}

/** Each capture and refund row matches exactly one ledger movement, by its idempotency key. */
function expectRowsMatchLedger(
  processor: LedgerProvider,
  rows: Array<{ idempotency_key: string; amount: number; status: string }>,
  movement: "capture" | "refund",
) {
  const moved = processor.ledger.filter((entry) => entry.movement === movement);
  const succeeded = rows.filter((row) => row.status === "succeeded");
  expect(succeeded.map((row) => [row.idempotency_key, row.amount]).sort()).toEqual(
    moved.map((entry) => [entry.key, entry.amount]).sort(),
  );
}

describe.each(AFTER_MOVING_ERRORS)(
  "a provider that moves the money and then throws %s",
  (_, error) => {
    it("leaves the capture pending (outcome_unknown), and reconcile books it exactly once", async () => {
      const { processor, service, session } = await setup();
      const payment = await service.authorizePaymentSession(session.id);
      processor.failAfterMoving("capture", error());

      const thrown = await service
        .capturePayment({ payment_id: payment.id, amount: 600 })
        .catch((e: unknown) => e);
      expect(thrown).toMatchObject({ code: "outcome_unknown", retryable: true });
      const pending = await books(service, payment.id);
      expect(pending.captures).toMatchObject([{ status: "pending", amount: 600 }]);
      expect(thrown).toMatchObject({ details: { capture_id: pending.captures[0]?.id } });
      // The pending capture holds its amount: the rest is all that can be captured meanwhile.
      await expect(
        service.capturePayment({ payment_id: payment.id, amount: 401 }),
      ).rejects.toMatchObject({
        code: "capture_exceeds_authorized",
      });

      await service.reconcilePayment(payment.id);
      const settled = await books(service, payment.id);
      expect(settled.payment).toMatchObject({ captured_amount: 600, status: "partially_captured" });
      expect(processor.total("capture")).toBe(600);
      expect(processor.ledger.filter((entry) => entry.movement === "capture")).toHaveLength(1);
      expectRowsMatchLedger(processor, settled.captures, "capture");
    });

    it("leaves the refund pending (outcome_unknown), and reconcile books it exactly once", async () => {
      const { processor, service, session } = await setup();
      const payment = await service.authorizePaymentSession(session.id);
      await service.capturePayment({ payment_id: payment.id });
      processor.failAfterMoving("refund", error());

      await expect(
        service.refundPayment({ payment_id: payment.id, amount: 300 }),
      ).rejects.toMatchObject({
        code: "outcome_unknown",
      });
      expect((await books(service, payment.id)).refunds).toMatchObject([{ status: "pending" }]);
      // The pending refund counts against what may be refunded.
      await expect(
        service.refundPayment({ payment_id: payment.id, amount: 701 }),
      ).rejects.toMatchObject({
        code: "refund_exceeds_captured",
      });

      await service.reconcilePayment(payment.id);
      const settled = await books(service, payment.id);
      expect(settled.payment).toMatchObject({ refunded_amount: 300, status: "partially_refunded" });
      expect(processor.total("refund")).toBe(300);
      expectRowsMatchLedger(processor, settled.refunds, "refund");
    });

    it("keeps the authorization's hold (outcome_unknown), and authorizing again books one payment", async () => {
      const { processor, service, collection, session } = await setup();
      processor.failAfterMoving("authorize", error());

      await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
        code: "outcome_unknown",
        details: { session_id: session.id },
      });
      expect(await service.retrievePaymentSession(session.id)).toMatchObject({
        status: "pending",
        payment_id: null,
        authorization_started_at: expect.any(Date),
      });
      expect(await service.listPayments()).toEqual([]);

      const payment = await service.authorizePaymentSession(session.id);
      expect(payment).toMatchObject({ amount: 1000, status: "authorized" });
      expect(processor.ledger.filter((entry) => entry.movement === "authorize")).toHaveLength(1);
      expect((await service.retrievePaymentCollection(collection.id)).authorized_amount).toBe(
        processor.total("authorize"),
      );
    });

    it("keeps the payment canceling (outcome_unknown), and reconcile books the cancel once", async () => {
      const { processor, service, session } = await setup();
      const payment = await service.authorizePaymentSession(session.id);
      processor.failAfterMoving("cancel", error());

      await expect(service.cancelPayment(payment.id)).rejects.toMatchObject({
        code: "outcome_unknown",
      });
      expect(await service.retrievePayment(payment.id)).toMatchObject({
        status: "authorized",
        cancel_started_at: expect.any(Date),
      });
      await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
        code: "operation_in_progress",
      });

      expect((await service.reconcilePayment(payment.id)).status).toBe("canceled");
      expect(processor.ledger.filter((entry) => entry.movement === "cancel")).toHaveLength(1);
      expect(processor.total("capture")).toBe(0);
    });

    it("keeps a session being created (outcome_unknown), and the reconcile sweep finishes it once", async () => {
      const processor = ledgerProvider();
      let clock = new Date("2026-01-01T00:00:00Z");
      const service = createPaymentModuleService({ providers: [processor], now: () => clock });
      const collection = await service.createPaymentCollections({
        currency_code: "usd",
        amount: 500,
      });
      processor.failAfterMoving("initiate", error());

      const thrown = await service
        .createPaymentSession(collection.id, {
          provider_id: "processor",
          currency_code: "usd",
          amount: 500,
        })
        .catch((e: unknown) => e);
      expect(thrown).toMatchObject({ code: "outcome_unknown" });
      const [reserved] = await service.listPaymentSessions({
        payment_collection_id: collection.id,
      });
      expect(reserved).toMatchObject({ provider_call: { operation: "initiate" } });
      await expect(service.authorizePaymentSession(reserved?.id ?? "")).rejects.toMatchObject({
        code: "operation_in_progress",
      });
      await expect(service.deletePaymentSession(reserved?.id ?? "")).rejects.toMatchObject({
        code: "operation_in_progress",
      });

      clock = new Date(clock.getTime() + 120_000);
      expect(await service.reconcile({ olderThan: 60_000 })).toMatchObject({
        settled: 1,
        unknown: 0,
      });
      expect(await service.retrievePaymentSession(reserved?.id ?? "")).toMatchObject({
        provider_call: null,
        data: { processor_id: `pi_${reserved?.id}` },
      });
      expect(processor.ledger.filter((entry) => entry.movement === "initiate")).toHaveLength(1);
    });
  },
);

describe("a definite refusal", () => {
  it("marks the capture failed at once, and nothing is left for reconcile", async () => {
    const { processor, service, session } = await setup();
    const payment = await service.authorizePaymentSession(session.id);
    processor.failBeforeMoving(
      "capture",
      new ProviderError({
        providerId: "processor",
        code: "invalid_request",
        message: "The authorization is gone.",
        definite: true,
      }),
    );
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "invalid_request",
    });
    expect((await books(service, payment.id)).captures).toMatchObject([{ status: "failed" }]);
    await service.reconcilePayment(payment.id);
    expect(processor.ledger.filter((entry) => entry.movement === "capture")).toEqual([]);
  });

  it("is never definite when it is retryable, whatever it says", () => {
    const error = new ProviderError({
      providerId: "processor",
      code: "rate_limited",
      message: "Slow down.",
      retryable: true,
      definite: true,
    });
    expect(ProviderError.isDefiniteFailure(error)).toBe(false);
    expect(ProviderError.isDefiniteFailure(new Error("nope"))).toBe(false);
  });

  it("removes the session it reserved when the provider refuses to create it", async () => {
    const processor = ledgerProvider();
    const service = createPaymentModuleService({ providers: [processor] });
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 500,
    });
    processor.failBeforeMoving(
      "initiate",
      new ProviderError({
        providerId: "processor",
        code: "invalid_request",
        message: "No such currency here.",
        definite: true,
      }),
    );
    await expect(
      service.createPaymentSession(collection.id, {
        provider_id: "processor",
        currency_code: "usd",
        amount: 500,
      }),
    ).rejects.toMatchObject({ code: "invalid_request" });
    expect(await service.listPaymentSessions()).toEqual([]);
    expect((await service.retrievePaymentCollection(collection.id)).status).toBe("not_paid");
  });
});
