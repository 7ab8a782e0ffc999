import type { Dispute, PaymentStore, StoreTransaction } from "@tender/core";
import { describe, expect, it } from "vitest";
import {
  AT,
  at,
  collectionRecord,
  paidCollection,
  paymentRecord,
  sessionRecord,
  webhookEventRecord,
} from "../records/record-builders";
import { gate } from "./gate";
import { type MakeStore, useStore } from "./store-fixture";

const read = (store: PaymentStore, id: string) =>
  store.transaction((tx) => tx.get("payment_collections", id));

export function describeTransactionCases(makeStore: MakeStore): void {
  describe("transactions", () => {
    const store = useStore(makeStore);

    it("writes nothing when the work throws", async () => {
      await store().transaction((tx) =>
        tx.insert("payment_collections", collectionRecord("paycol_kept")),
      );

      await expect(
        store().transaction(async (tx) => {
          await tx.insert("payment_collections", collectionRecord("paycol_new"));
          await tx.update("payment_collections", "paycol_kept", { amount: 1 });
          await tx.insert("payment_sessions", sessionRecord("payses_new", "paycol_kept"));
          await tx.delete("payment_collections", "paycol_kept");
          throw new Error("the work failed");
        }),
      ).rejects.toThrow("the work failed");

      expect(await read(store(), "paycol_new")).toBeUndefined();
      expect(await read(store(), "paycol_kept")).toEqual(collectionRecord("paycol_kept"));
      const sessions = await store().transaction((tx) => tx.list("payment_sessions"));
      expect(sessions).toEqual([]);
    });

    it("lets a transaction read its own writes before it commits", async () => {
      await store().transaction((tx) =>
        tx.insert("payment_collections", collectionRecord("paycol_old")),
      );
      await store().transaction(async (tx) => {
        await tx.insert("payment_collections", collectionRecord("paycol_new", { amount: 100 }));
        expect(await tx.get("payment_collections", "paycol_new")).toMatchObject({ amount: 100 });

        await tx.update("payment_collections", "paycol_new", { amount: 200 });
        expect(await tx.list("payment_collections", { amount: 200 })).toMatchObject([
          { id: "paycol_new" },
        ]);

        await tx.delete("payment_collections", "paycol_old");
        expect(await tx.get("payment_collections", "paycol_old")).toBeUndefined();
        expect((await tx.list("payment_collections")).map((row) => row.id)).toEqual(["paycol_new"]);

        await tx.insert("payment_sessions", sessionRecord("payses_1", "paycol_new"));
        await tx.update("payment_sessions", "payses_1", { status: "requires_more" });
        expect(
          await tx.list("payment_sessions", { payment_collection_id: "paycol_new" }),
        ).toMatchObject([{ id: "payses_1", status: "requires_more" }]);
      });
      expect(await read(store(), "paycol_new")).toMatchObject({ amount: 200 });
      expect(await read(store(), "paycol_old")).toBeUndefined();
    });

    it("hides a transaction's writes from others until it commits", async () => {
      const { collection } = paidCollection("a");
      await store().transaction((tx) => tx.insert("payment_collections", collection));
      const hold = gate();
      const writer = store().transaction(async (tx) => {
        await tx.lock("payment_collections", collection.id);
        await tx.update("payment_collections", collection.id, { amount: 5 });
        await tx.insert("payment_collections", collectionRecord("paycol_new"));
        await hold.closed;
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await read(store(), "paycol_new")).toBeUndefined();
      hold.open();
      await writer;
      expect(await read(store(), "paycol_new")).toBeDefined();
      expect(await read(store(), collection.id)).toMatchObject({ amount: 5 });
    });

    it("throws duplicate when an inserted id exists, within one transaction or across two", async () => {
      await store().transaction((tx) =>
        tx.insert("payment_collections", collectionRecord("paycol_1")),
      );
      await expect(
        store().transaction((tx) => tx.insert("payment_collections", collectionRecord("paycol_1"))),
      ).rejects.toMatchObject({ code: "duplicate" });
      await expect(
        store().transaction(async (tx) => {
          await tx.insert("webhook_events", webhookEventRecord("scripted:evt_1"));
          await tx.insert("webhook_events", webhookEventRecord("scripted:evt_1"));
        }),
      ).rejects.toMatchObject({ code: "duplicate" });
      expect(await store().transaction((tx) => tx.list("webhook_events"))).toEqual([]);
    });

    it("writes nothing of a locked transaction whose webhook event or idempotency key is a duplicate", async () => {
      const { collection } = paidCollection("a");
      await store().transaction(async (tx) => {
        await tx.insert("payment_collections", collection);
        await tx.insert("webhook_events", webhookEventRecord("scripted:evt_1"));
        await tx.insert("idempotency_keys", {
          id: "capture:key_1",
          created_at: AT,
          updated_at: AT,
          operation: "capture",
          request_hash: "h",
          result_id: "capt_1",
        });
      });
      for (const insert of [
        (tx: StoreTransaction) => tx.insert("webhook_events", webhookEventRecord("scripted:evt_1")),
        (tx: StoreTransaction) =>
          tx.insert("idempotency_keys", {
            id: "capture:key_1",
            created_at: AT,
            updated_at: AT,
            operation: "capture",
            request_hash: "other",
            result_id: "capt_2",
          }),
      ]) {
        await expect(
          store().transaction(async (tx) => {
            await tx.lock("payment_collections", collection.id);
            await tx.update("payment_collections", collection.id, { amount: 7 });
            await insert(tx);
          }),
        ).rejects.toMatchObject({ code: "duplicate" });
      }
      expect(await read(store(), collection.id)).toMatchObject({ amount: collection.amount });
      const key = await store().transaction((tx) => tx.get("idempotency_keys", "capture:key_1"));
      expect(key).toMatchObject({ request_hash: "h", result_id: "capt_1" });
    });

    it("throws not_found when updating a row that does not exist", async () => {
      await expect(
        store().transaction((tx) => tx.update("payments", "pay_missing", { amount: 1 })),
      ).rejects.toMatchObject({ code: "not_found" });
      await expect(
        store().transaction((tx) => tx.update("refund_reasons", "refr_missing", { label: "x" })),
      ).rejects.toMatchObject({ code: "not_found" });
    });

    it("returns copies: changing a returned or inserted record changes nothing stored", async () => {
      const record = collectionRecord("paycol_1", { metadata: { tags: ["a"] } });
      await store().transaction(async (tx) => {
        await tx.insert("payment_collections", record);
        record.amount = 1;
        const seen = await tx.get("payment_collections", "paycol_1");
        expect(seen?.amount).toBe(1000);
        if (seen?.metadata) seen.metadata.tags = ["changed"];
        const updated = await tx.update("payment_collections", "paycol_1", { region_id: "eu" });
        updated.amount = 2;
      });
      const listed = await store().transaction((tx) => tx.list("payment_collections"));
      if (listed[0]) listed[0].amount = 3;
      const stored = await read(store(), "paycol_1");
      expect(stored).toMatchObject({ amount: 1000, region_id: "eu", metadata: { tags: ["a"] } });
    });

    it("round-trips dates to the millisecond, large amounts and JSON exactly", async () => {
      const collection = collectionRecord("paycol_1", {
        amount: Number.MAX_SAFE_INTEGER,
        created_at: new Date("1999-12-31T23:59:59.999Z"),
        completed_at: at(1),
        metadata: { nested: { list: [1, "two", null, { three: true }] }, unicode: "zß水🙂" },
      });
      const session = sessionRecord("payses_1", "paycol_1", {
        amount: 9_007_199_254_740_000,
        status: "requires_more",
        raw_status: "requires_action",
        data: { intent: "pi_1", amounts: [1, 2.5] },
        context: { email: "a@example.com" },
        next_action: { type: "redirect", redirect_url: "https://bank.example/3ds", extra: 1 },
        error: { code: "card_declined", message: "Declined", decline_code: "insufficient_funds" },
        authorized_at: at(123),
        authorization_attempt: 3,
        authorization_started_at: new Date("2030-01-01T00:00:00.001Z"),
      });
      const payment = paymentRecord("pay_1", "paycol_1", "payses_1", {
        risk_signals: [
          {
            id: "issfr_1",
            kind: "fraud_warning",
            status: "open",
            reason: "misc",
            actionable: true,
          },
          { id: "prv_1", kind: "review", status: "closed", reason: null, actionable: false },
        ],
      });
      const dispute: Dispute = {
        id: "disp_1",
        created_at: at(7),
        updated_at: at(8),
        payment_id: "pay_1",
        payment_collection_id: "paycol_1",
        provider_id: "scripted",
        provider_dispute_id: "dp_1",
        amount: 1000,
        currency_code: "usd",
        reason: null,
        status: "needs_response",
        raw_status: "needs_response",
        evidence_due_by: new Date("2030-01-08T00:00:00.123Z"),
        closed_at: null,
        data: { network: "visa" },
      };
      await store().transaction(async (tx) => {
        await tx.insert("payment_collections", collection);
        await tx.insert("payment_sessions", session);
        await tx.insert("payments", payment);
        await tx.insert("disputes", dispute);
      });
      expect(
        await store().transaction((tx) => tx.list("disputes", { payment_id: "pay_1" })),
      ).toEqual([dispute]);
      const [readCollection, readSession, readPayment] = await store().transaction(async (tx) => [
        await tx.get("payment_collections", "paycol_1"),
        await tx.get("payment_sessions", "payses_1"),
        await tx.get("payments", "pay_1"),
      ]);
      expect(readCollection).toEqual(collection);
      expect(readSession).toEqual(session);
      expect(readPayment).toEqual(payment);
      expect(readSession?.authorized_at).toBeInstanceOf(Date);
      expect(readSession?.authorized_at?.getTime()).toBe(at(123).getTime());
      expect(typeof readCollection?.amount).toBe("number");
    });
  });
}
