import type { PaymentProviderV1 } from "@tender/provider";
import { describe, expect, it } from "vitest";
import { type Harness, useHarness } from "./conformance-harness";
import { expectBooksAgree } from "./expect-books";
import { parts } from "./flow-cases";
import type { ProviderConformanceOptions } from "./provider-conformance-options";

type Method = "authorizePayment" | "capturePayment" | "refundPayment";

/** Sends the provider the first recorded request to `method` again, as it was: the same idempotency key. */
async function sendAgain<TProvider extends PaymentProviderV1>(
  h: Harness<TProvider>,
  method: Method,
) {
  const first = h.recorder.callsTo(method)[0];
  if (!first) throw new Error(`The service never called ${method}.`);
  const call = h.provider[method] as (input: unknown) => Promise<unknown>;
  return call.call(h.provider, first.input);
}

export function describeIdempotencyCases<TProvider extends PaymentProviderV1>(
  options: ProviderConformanceOptions<TProvider>,
  capabilities: PaymentProviderV1["capabilities"],
): void {
  const automatic = capabilities.automaticCapture;
  /** An authorized payment with money captured: a part when the provider captures in parts. */
  const capturedPayment = async (h: Harness<TProvider>) => {
    const { session, payment } = await h.authorized();
    if (!automatic) {
      const amount = capabilities.partialCapture ? parts(h.amount).first : undefined;
      await h.service.capturePayment({ payment_id: payment.id, ...(amount ? { amount } : {}) });
    }
    return { session, payment: await h.service.retrievePayment(payment.id) };
  };
  const refundAmount = (h: Harness<TProvider>, captured: number) =>
    capabilities.partialRefund ? Math.min(parts(h.amount).second, captured) : captured;

  describe("idempotency: one key moves money once", () => {
    const harness = useHarness(options);

    it.skipIf(automatic)(
      "captures once for a capture sent twice under one caller idempotency key",
      async () => {
        const h = harness();
        const { session, payment } = await h.authorized();
        const input = { payment_id: payment.id, idempotency_key: "conformance-capture" };
        const first = await h.service.capturePayment(input);
        const again = await h.service.capturePayment(input);
        expect(again).toMatchObject({ id: first.id, captured_amount: first.captured_amount });
        expect(await h.service.listCaptures({ payment_id: payment.id })).toHaveLength(1);
        expect((await h.moved(session.id)).captured).toBe(h.amount);
        await expectBooksAgree(h, session.id);
      },
    );

    it("refunds once for a refund sent twice under one caller idempotency key", async () => {
      const h = harness();
      const { session, payment } = await capturedPayment(h);
      const amount = refundAmount(h, payment.captured_amount);
      const input = { payment_id: payment.id, amount, idempotency_key: "conformance-refund" };
      await h.service.refundPayment(input);
      const again = await h.service.refundPayment(input);
      expect(again.refunded_amount).toBe(amount);
      expect(await h.service.listRefunds({ payment_id: payment.id })).toHaveLength(1);
      await expectBooksAgree(h, session.id);
    });

    it("answers an authorization, capture and refund sent again under their keys as the first time, moving nothing more", async () => {
      const h = harness();
      const { session, payment } = await capturedPayment(h);
      await h.service.refundPayment({
        payment_id: payment.id,
        amount: refundAmount(h, payment.captured_amount),
      });
      const before = await h.moved(session.id);

      const authorized = (await sendAgain(h, "authorizePayment")) as { status: string };
      expect(["authorized", "captured"]).toContain(authorized.status);
      if (!automatic) await sendAgain(h, "capturePayment");
      const refund = (await sendAgain(h, "refundPayment")) as { status: string };
      expect(["pending", "succeeded"]).toContain(refund.status);

      expect(await h.moved(session.id), "what moved at the provider").toEqual(before);
      await expectBooksAgree(h, session.id);
    });

    // A local provider is called inside the transaction: an error there rolls the step back, and nothing is in doubt.
    it.skipIf(automatic || capabilities.local === true)(
      "settles a capture whose answer was lost by sending the same key again: outcome_unknown, then reconcile, captured once",
      async () => {
        const h = harness();
        const { session, payment } = await h.authorized();
        h.recorder.loseNextAnswer("capturePayment");
        await expect(h.service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
          code: "outcome_unknown",
        });
        const [pending] = await h.service.listCaptures({ payment_id: payment.id });
        expect(pending?.status, "the capture stays pending, holding its amount").toBe("pending");

        const reconciled = await h.service.reconcilePayment(payment.id);
        expect(reconciled).toMatchObject({ status: "captured", captured_amount: h.amount });
        const keys = h.recorder
          .callsTo("capturePayment")
          .map((call) => (call.input as { idempotency_key: string }).idempotency_key);
        expect(keys).toEqual([pending?.idempotency_key, pending?.idempotency_key]);
        expect((await h.moved(session.id)).captured, "captured at the provider once").toBe(
          h.amount,
        );
        await expectBooksAgree(h, session.id);
      },
    );

    it.skipIf(capabilities.local === true)(
      "settles a refund whose answer was lost by sending the same key again: outcome_unknown, then reconcile, refunded once",
      async () => {
        const h = harness();
        const { session, payment } = await capturedPayment(h);
        const amount = refundAmount(h, payment.captured_amount);
        h.recorder.loseNextAnswer("refundPayment");
        await expect(
          h.service.refundPayment({ payment_id: payment.id, amount }),
        ).rejects.toMatchObject({
          code: "outcome_unknown",
        });
        const reconciled = await h.service.reconcilePayment(payment.id);
        expect(reconciled.refunded_amount).toBe(amount);
        const keys = new Set(
          h.recorder
            .callsTo("refundPayment")
            .map((call) => (call.input as { idempotency_key: string }).idempotency_key),
        );
        expect(keys.size, "every refund request carried one key").toBe(1);
        await expectBooksAgree(h, session.id);
      },
    );
  });
}
