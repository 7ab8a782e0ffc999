import { createPaymentModuleService } from "@tender/core";
import { scriptedProvider } from "@tender/core/testing";
import { describe, expect, it } from "vitest";
import { authorizedPayment, fulfilled, slowCard } from "./service-setup";
import { type MakeStore, useStore } from "./store-fixture";

export function describeServiceFlowCases(makeStore: MakeStore): void {
  describe("the payment module service over this store", () => {
    const store = useStore(makeStore);

    it("takes a collection through session, authorization, partial captures and partial refunds", async () => {
      const provider = scriptedProvider();
      const { service, collectionId, paymentId } = await authorizedPayment(store(), provider, 5000);
      await service.capturePayment({ payment_id: paymentId, amount: 2000 });
      await service.capturePayment({ payment_id: paymentId, amount: 1500 });
      await service.refundPayment({ payment_id: paymentId, amount: 500 });
      const payment = await service.refundPayment({ payment_id: paymentId, amount: 700 });

      expect(payment).toMatchObject({
        status: "partially_refunded",
        captured_amount: 3500,
        refunded_amount: 1200,
      });
      expect(await service.retrievePaymentCollection(collectionId)).toMatchObject({
        status: "partially_refunded",
        authorized_amount: 5000,
        captured_amount: 3500,
        refunded_amount: 1200,
      });
      const captures = await service.listCaptures({ payment_id: paymentId });
      expect(captures.map((capture) => [capture.amount, capture.status])).toEqual([
        [2000, "succeeded"],
        [1500, "succeeded"],
      ]);
      const refunds = await service.listRefunds({ payment_id: paymentId }, { order: "desc" });
      expect(refunds.map((refund) => refund.amount)).toEqual([700, 500]);
      expect(provider.callsTo("capturePayment")).toHaveLength(2);
    });

    it("keeps a requires_more session's next action and authorizes it on the second try", async () => {
      const provider = scriptedProvider({
        authorize: (input, call) =>
          call === 0
            ? {
                status: "requires_more",
                raw_status: "requires_action",
                data: { ...input.data, step: "3ds" },
                next_action: { type: "redirect", redirect_url: "https://bank.example/3ds" },
              }
            : { status: "authorized", data: input.data },
      });
      const service = createPaymentModuleService({ providers: [provider], store: store() });
      const collection = await service.createPaymentCollections({
        currency_code: "eur",
        amount: 900,
      });
      const session = await service.createPaymentSession(collection.id, {
        provider_id: "scripted",
        currency_code: "eur",
        amount: 900,
      });

      await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
        code: "payment_requires_more",
      });
      expect(await service.retrievePaymentSession(session.id)).toMatchObject({
        status: "requires_more",
        raw_status: "requires_action",
        next_action: { type: "redirect", redirect_url: "https://bank.example/3ds" },
        data: { step: "3ds" },
        authorization_started_at: null,
      });
      expect((await service.retrievePaymentCollection(collection.id)).status).toBe("requires_more");

      const payment = await service.authorizePaymentSession(session.id);
      expect(payment).toMatchObject({ amount: 900, status: "authorized" });
      expect(await service.retrievePaymentSession(session.id)).toMatchObject({
        status: "authorized",
        payment_id: payment.id,
        next_action: null,
      });
    });

    it("changes nothing when a call gets bad input", async () => {
      const { service, collectionId, paymentId } = await authorizedPayment(
        store(),
        scriptedProvider(),
      );
      await service.capturePayment({ payment_id: paymentId, amount: 400 });
      const before = {
        collection: await service.retrievePaymentCollection(collectionId),
        payment: await service.retrievePayment(paymentId),
        captures: await service.listCaptures({ payment_id: paymentId }),
        refunds: await service.listRefunds({ payment_id: paymentId }),
      };

      const bad = [
        service.capturePayment({ payment_id: paymentId, amount: -1 }),
        service.capturePayment({ payment_id: paymentId, amount: 1.5 }),
        service.capturePayment({ payment_id: paymentId, amount: 601 }),
        service.capturePayment({ payment_id: "pay_missing", amount: 1 }),
        service.refundPayment({ payment_id: paymentId, amount: 401 }),
        service.refundPayment({
          payment_id: paymentId,
          amount: 10,
          refund_reason_id: "refr_missing",
        }),
        service.createPaymentSession(collectionId, {
          provider_id: "scripted",
          currency_code: "eur",
          amount: 1,
        }),
        service.createPaymentCollections([
          { currency_code: "usd", amount: 1 },
          { currency_code: "usd", amount: -5 },
        ]),
      ];
      const results = await Promise.allSettled(bad);
      expect(results.map((result) => result.status)).toEqual(bad.map(() => "rejected"));

      expect({
        collection: await service.retrievePaymentCollection(collectionId),
        payment: await service.retrievePayment(paymentId),
        captures: await service.listCaptures({ payment_id: paymentId }),
        refunds: await service.listRefunds({ payment_id: paymentId }),
      }).toEqual(before);
      expect(await service.listPaymentCollections()).toHaveLength(1);
    });

    it("replays a capture for a repeated idempotency key instead of capturing again", async () => {
      const provider = scriptedProvider();
      const { service, paymentId } = await authorizedPayment(store(), provider);
      const first = await service.capturePayment({
        payment_id: paymentId,
        amount: 300,
        idempotency_key: "k1",
      });
      const again = await service.capturePayment({
        payment_id: paymentId,
        amount: 300,
        idempotency_key: "k1",
      });
      expect(again).toMatchObject({ id: first.id, captured_amount: 300 });
      await expect(
        service.capturePayment({ payment_id: paymentId, amount: 200, idempotency_key: "k1" }),
      ).rejects.toMatchObject({ code: "idempotency_key_reused" });
      expect(provider.callsTo("capturePayment")).toHaveLength(1);
      expect(await service.listCaptures({ payment_id: paymentId })).toHaveLength(1);
    });

    it("applies a webhook event once when it is delivered twice at once", async () => {
      let sessionId = "";
      const provider = scriptedProvider({
        authorize: { status: "processing", data: {} },
        // The processor's record once the debit settled, which the event is applied through.
        status: { status: "authorized", data: {} },
        webhook: () => ({
          action: "authorized",
          event_id: "evt_1",
          data: { session_id: sessionId },
        }),
      });
      const service = createPaymentModuleService({ providers: [provider], store: store() });
      const collection = await service.createPaymentCollections({
        currency_code: "usd",
        amount: 700,
      });
      const session = await service.createPaymentSession(collection.id, {
        provider_id: "scripted",
        currency_code: "usd",
        amount: 700,
      });
      sessionId = session.id;
      await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
        code: "payment_processing",
      });

      const delivery = { headers: {}, rawBody: "{}" };
      const results = await Promise.allSettled([
        service.handleWebhook("scripted", delivery),
        service.handleWebhook("scripted", delivery),
      ]);
      expect(
        fulfilled(results)
          .map((result) => result.status)
          .sort(),
      ).toEqual(["duplicate", "processed"]);
      expect(await service.listPayments({ payment_collection_id: collection.id })).toHaveLength(1);
      expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
        status: "authorized",
        authorized_amount: 700,
      });
    });

    it("deletes a collection with its sessions", async () => {
      const provider = slowCard();
      const { service, collectionId, paymentId } = await authorizedPayment(store(), provider);
      await service.cancelPayment(paymentId);
      await service.createPaymentSession(collectionId, {
        provider_id: "card",
        currency_code: "usd",
        amount: 10,
      });

      await service.deletePaymentCollections(collectionId);

      await expect(service.retrievePaymentCollection(collectionId)).rejects.toMatchObject({
        code: "not_found",
      });
      expect(await service.listPaymentSessions({ payment_collection_id: collectionId })).toEqual(
        [],
      );
    });
  });
}
