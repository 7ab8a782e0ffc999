import { createPaymentModuleService, type Payment } from "@tender/core";
import { describe, expect, it } from "vitest";
import { authorizedPayment, fulfilled, rejected, slowCard, sum } from "./service-setup";
import { type MakeStore, useStore } from "./store-fixture";

export function describeServiceRaceCases(makeStore: MakeStore): void {
  describe("the service's calls racing on this store", () => {
    const store = useStore(makeStore);

    it("lets exactly one of 10 concurrent full captures succeed, capturing the amount once", async () => {
      const card = slowCard();
      const { service, collectionId, paymentId } = await authorizedPayment(store(), card);
      let captured = 0;
      service.on("payment.captured", () => {
        captured++;
      });

      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          service.capturePayment({ payment_id: paymentId, amount: 1000 }),
        ),
      );

      expect(fulfilled(results)).toHaveLength(1);
      for (const reason of rejected(results)) {
        expect(reason).toMatchObject({ code: "capture_exceeds_authorized" });
      }
      expect(card.callsTo("capturePayment")).toHaveLength(1);
      expect(captured).toBe(1);
      expect(await service.listCaptures({ payment_id: paymentId })).toEqual([
        expect.objectContaining({ amount: 1000, status: "succeeded" }),
      ]);
      expect(await service.retrievePayment(paymentId)).toMatchObject({
        status: "captured",
        captured_amount: 1000,
      });
      expect((await service.retrievePaymentCollection(collectionId)).captured_amount).toBe(1000);
    });

    it("captures once when 10 captures of the rest race", async () => {
      const card = slowCard();
      const { service, paymentId } = await authorizedPayment(store(), card);

      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => service.capturePayment({ payment_id: paymentId })),
      );

      // Late callers either see the capture in flight or the payment already captured.
      for (const reason of rejected(results)) {
        expect(reason).toMatchObject({ code: "operation_in_progress" });
      }
      for (const payment of fulfilled(results)) expect(payment.captured_amount).toBe(1000);
      expect(card.callsTo("capturePayment")).toHaveLength(1);
      expect(await service.listCaptures({ payment_id: paymentId })).toHaveLength(1);
    });

    it("never refunds more than was captured when refunds race", async () => {
      const card = slowCard();
      const { service, paymentId } = await authorizedPayment(store(), card);
      await service.capturePayment({ payment_id: paymentId });

      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          service.refundPayment({ payment_id: paymentId, amount: 300 }),
        ),
      );

      expect(fulfilled(results)).toHaveLength(3);
      for (const reason of rejected(results)) {
        expect(reason).toMatchObject({ code: "refund_exceeds_captured" });
      }
      expect((await service.retrievePayment(paymentId)).refunded_amount).toBe(900);
      expect(sum(await service.listRefunds({ payment_id: paymentId, status: "succeeded" }))).toBe(
        900,
      );
      expect(card.callsTo("refundPayment")).toHaveLength(3);
    });

    it("keeps captured <= amount and refunded <= captured while partial captures and refunds race", async () => {
      const card = slowCard();
      const { service, collectionId, paymentId } = await authorizedPayment(store(), card);

      const operations: Array<Promise<Payment>> = [];
      for (let i = 0; i < 12; i++) {
        operations.push(service.capturePayment({ payment_id: paymentId, amount: 100 }));
        operations.push(service.refundPayment({ payment_id: paymentId, amount: 70 }));
        if (i % 5 === 0) operations.push(service.capturePayment({ payment_id: paymentId }));
        if (i % 4 === 0) operations.push(service.refundPayment({ payment_id: paymentId }));
      }
      const results = await Promise.allSettled(operations);

      for (const reason of rejected(results)) {
        expect(reason).toMatchObject({
          code: expect.stringMatching(
            /^(capture_exceeds_authorized|refund_exceeds_captured|nothing_to_refund|operation_in_progress)$/,
          ),
        });
      }
      const payment = await service.retrievePayment(paymentId);
      expect(payment.captured_amount).toBeLessThanOrEqual(payment.amount);
      expect(payment.refunded_amount).toBeLessThanOrEqual(payment.captured_amount);
      const captures = await service.listCaptures({ payment_id: paymentId });
      const refunds = await service.listRefunds({ payment_id: paymentId });
      expect(captures.filter((capture) => capture.status !== "succeeded")).toEqual([]);
      expect(refunds.filter((refund) => refund.status !== "succeeded")).toEqual([]);
      expect(sum(captures)).toBe(payment.captured_amount);
      expect(sum(refunds)).toBe(payment.refunded_amount);
      expect(await service.retrievePaymentCollection(collectionId)).toMatchObject({
        captured_amount: payment.captured_amount,
        refunded_amount: payment.refunded_amount,
      });
    });

    it("gives exactly one of two full-amount sessions a payment when both are authorized at once", async () => {
      const card = slowCard();
      const service = createPaymentModuleService({ providers: [card], store: store() });
      const collection = await service.createPaymentCollections({
        currency_code: "usd",
        amount: 1000,
      });
      const sessions = await Promise.all(
        [0, 1].map(() =>
          service.createPaymentSession(collection.id, {
            provider_id: "card",
            currency_code: "usd",
            amount: 1000,
          }),
        ),
      );

      const results = await Promise.allSettled(
        sessions.map((session) => service.authorizePaymentSession(session.id)),
      );

      expect(fulfilled(results)).toHaveLength(1);
      expect(rejected(results)).toEqual([
        expect.objectContaining({ code: "collection_already_authorized" }),
      ]);
      expect(await service.listPayments({ payment_collection_id: collection.id })).toHaveLength(1);
      expect(card.callsTo("authorizePayment")).toHaveLength(1);
      expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
        status: "authorized",
        authorized_amount: 1000,
      });
    });
  });
}
