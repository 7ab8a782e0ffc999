import type { PaymentProviderV1 } from "@tender/provider";
import { describe, expect, it } from "vitest";
import { useHarness } from "./conformance-harness";
import { expectBooksAgree } from "./expect-books";
import type { ProviderConformanceOptions } from "./provider-conformance-options";

/** Parts of `amount` the suite captures and refunds in: two fifths, one fifth, the rest. */
export const parts = (amount: number) => {
  const first = Math.floor((amount * 2) / 5);
  const second = Math.floor(amount / 5);
  return { first, second, rest: amount - first - second };
};

export function describeFlowCases<TProvider extends PaymentProviderV1>(
  options: ProviderConformanceOptions<TProvider>,
  capabilities: PaymentProviderV1["capabilities"],
): void {
  const automatic = capabilities.automaticCapture;
  describe("the accept-payment flow through PaymentModuleService", () => {
    const harness = useHarness(options);

    it("opens a session: initiatePayment answers under the key <session>:initiate, and the session waits", async () => {
      const h = harness();
      const session = await h.open(options.scenarios.authorizes);
      expect(["pending", "requires_more"]).toContain(session.status);
      const [initiate] = h.recorder.callsTo("initiatePayment");
      expect(initiate?.input).toMatchObject({
        session_id: session.id,
        amount: h.amount,
        currency_code: h.currency_code,
        idempotency_key: `${session.id}:initiate`,
      });
      await expectBooksAgree(h, session.id);
    });

    it(`authorizes the authorizing scenario's session into a payment of the whole amount${automatic ? ", captured at once" : ""}`, async () => {
      const h = harness();
      const { session, payment } = await h.authorized();
      expect(payment).toMatchObject({
        amount: h.amount,
        currency_code: h.currency_code,
        payment_session_id: session.id,
        status: automatic ? "captured" : "authorized",
        captured_amount: automatic ? h.amount : 0,
        refunded_amount: 0,
      });
      expect(session).toMatchObject({
        status: automatic ? "captured" : "authorized",
        payment_id: payment.id,
      });
      const collection = await h.service.retrievePaymentCollection(session.payment_collection_id);
      expect(collection.status).toBe(automatic ? "completed" : "authorized");
      await expectBooksAgree(h, session.id);
    });

    it.skipIf(!options.scenarios.requiresMore)(
      "asks for more (payment_requires_more with a next action), then authorizes once the customer acted",
      async () => {
        const h = harness();
        const scenario = options.scenarios.requiresMore;
        if (!scenario) return;
        const session = await h.open(scenario);
        await expect(h.service.authorizePaymentSession(session.id)).rejects.toMatchObject({
          code: "payment_requires_more",
        });
        const waiting = await h.service.retrievePaymentSession(session.id);
        expect(waiting).toMatchObject({ status: "requires_more", payment_id: null });
        expect(waiting.next_action).toEqual(expect.objectContaining({ type: expect.any(String) }));
        expect(await h.moved(session.id)).toMatchObject({ captured: 0 });

        await scenario.complete({ provider: h.raw, service: h.service, session: waiting });
        const payment = await h.service.authorizePaymentSession(session.id);
        expect(payment).toMatchObject({
          amount: h.amount,
          status: automatic ? "captured" : "authorized",
        });
        await expectBooksAgree(h, session.id);
      },
    );

    it.skipIf(!options.scenarios.partiallyAuthorizes)(
      "authorizes part of the amount: the payment is what was authorized, the collection partially authorized, and a capture takes that much",
      async () => {
        const h = harness();
        const scenario = options.scenarios.partiallyAuthorizes;
        if (!scenario) return;
        expect(scenario.amount, "a partial authorization is less than the session").toBeLessThan(
          h.amount,
        );
        const session = await h.open(scenario);
        const payment = await h.service.authorizePaymentSession(session.id);
        expect(payment).toMatchObject({
          amount: scenario.amount,
          status: automatic ? "captured" : "authorized",
        });
        expect(await h.service.retrievePaymentSession(session.id)).toMatchObject({
          authorized_amount: scenario.amount,
          payment_id: payment.id,
        });
        const collection = await h.service.retrievePaymentCollection(session.payment_collection_id);
        expect(collection).toMatchObject({
          status: automatic ? "partially_captured" : "partially_authorized",
          authorized_amount: scenario.amount,
        });
        if (!automatic) {
          const captured = await h.service.capturePayment({ payment_id: payment.id });
          expect(captured).toMatchObject({ status: "captured", captured_amount: scenario.amount });
        }
        await expectBooksAgree(h, session.id);
      },
    );

    it.skipIf(automatic)("captures the whole authorization", async () => {
      const h = harness();
      const { session, payment } = await h.authorized();
      const captured = await h.service.capturePayment({ payment_id: payment.id });
      expect(captured).toMatchObject({ status: "captured", captured_amount: h.amount });
      expect(
        (await h.service.listCaptures({ payment_id: payment.id })).map((c) => c.status),
      ).toEqual(["succeeded"]);
      await expectBooksAgree(h, session.id);
    });

    it.skipIf(automatic || !capabilities.partialCapture)(
      capabilities.multipleCaptures
        ? "captures in several parts, the last one taking the rest"
        : "captures a part, which is final: the rest is released and further captures are refused",
      async () => {
        const h = harness();
        const { session, payment } = await h.authorized();
        const { first, second, rest } = parts(h.amount);
        const partly = await h.service.capturePayment({ payment_id: payment.id, amount: first });
        if (!capabilities.multipleCaptures) {
          expect(partly).toMatchObject({
            status: "captured",
            captured_amount: first,
            released_amount: h.amount - first,
          });
          await expect(
            h.service.capturePayment({ payment_id: payment.id, amount: second }),
          ).rejects.toMatchObject({ code: "payment_already_captured" });
          await expectBooksAgree(h, session.id);
          return;
        }
        expect(partly).toMatchObject({ status: "partially_captured", captured_amount: first });
        await expectBooksAgree(h, session.id);
        const more = await h.service.capturePayment({ payment_id: payment.id, amount: second });
        expect(more).toMatchObject({
          status: "partially_captured",
          captured_amount: first + second,
        });
        const all = await h.service.capturePayment({ payment_id: payment.id });
        expect(all).toMatchObject({ status: "captured", captured_amount: h.amount });
        const captures = await h.service.listCaptures({ payment_id: payment.id });
        expect(captures.map((capture) => [capture.amount, capture.status])).toEqual([
          [first, "succeeded"],
          [second, "succeeded"],
          [rest, "succeeded"],
        ]);
        await expectBooksAgree(h, session.id);
      },
    );

    it("refunds the whole capture", async () => {
      const h = harness();
      const { session, payment } = await h.authorized();
      if (!automatic) await h.service.capturePayment({ payment_id: payment.id });
      const refunded = await h.service.refundPayment({ payment_id: payment.id });
      expect(refunded).toMatchObject({ status: "refunded", refunded_amount: h.amount });
      await expectBooksAgree(h, session.id);
    });

    it.skipIf(!capabilities.partialRefund)(
      "refunds in several parts, the last one taking the rest",
      async () => {
        const h = harness();
        const { session, payment } = await h.authorized();
        if (!automatic) await h.service.capturePayment({ payment_id: payment.id });
        const { first, second, rest } = parts(h.amount);
        const partly = await h.service.refundPayment({ payment_id: payment.id, amount: first });
        expect(partly).toMatchObject({ status: "partially_refunded", refunded_amount: first });
        await expectBooksAgree(h, session.id);
        const more = await h.service.refundPayment({ payment_id: payment.id, amount: second });
        expect(more).toMatchObject({
          status: "partially_refunded",
          refunded_amount: first + second,
        });
        const all = await h.service.refundPayment({ payment_id: payment.id, amount: rest });
        expect(all).toMatchObject({ status: "refunded", refunded_amount: h.amount });
        const refunds = await h.service.listRefunds({ payment_id: payment.id });
        expect(refunds.map((refund) => [refund.amount, refund.status])).toEqual([
          [first, "succeeded"],
          [second, "succeeded"],
          [rest, "succeeded"],
        ]);
        await expectBooksAgree(h, session.id);
      },
    );

    it.skipIf(automatic)(
      "cancels an uncaptured authorization, after which nothing can be captured",
      async () => {
        const h = harness();
        const { session, payment } = await h.authorized();
        const canceled = await h.service.cancelPayment(payment.id);
        expect(canceled).toMatchObject({ status: "canceled", captured_amount: 0 });
        await expect(h.service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
          code: "payment_canceled",
        });
        if (!capabilities.local && !options.ledger) {
          const status = await h.provider.getPaymentStatus({
            session_id: session.id,
            data: session.data,
          });
          expect(status.status, "getPaymentStatus after cancel").toBe("canceled");
        }
        await expectBooksAgree(h, session.id);
      },
    );
  });
}
