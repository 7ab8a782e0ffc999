import type { PaymentStore, StoreTransaction } from "@tender/core";
import { describe, expect, it } from "vitest";
import {
  at,
  captureRecord,
  collectionRecord,
  paidCollection,
  paymentRecord,
  sessionRecord,
} from "../records/record-builders";
import { type MakeStore, useStore } from "./store-fixture";

/** Sessions of one collection with varied statuses, some sharing a creation time (so ids break the tie). */
async function seedSessions(store: PaymentStore) {
  await store.transaction(async (tx) => {
    await tx.insert("payment_collections", collectionRecord("paycol_a", { amount: 10_000 }));
    await tx.insert("payment_collections", collectionRecord("paycol_b", { region_id: "eu" }));
    const rows = [
      sessionRecord("payses_c", "paycol_a", { created_at: at(2), status: "pending" }),
      sessionRecord("payses_a", "paycol_a", { created_at: at(2), status: "error" }),
      sessionRecord("payses_e", "paycol_a", {
        created_at: at(1),
        status: "pending",
        raw_status: "x",
      }),
      sessionRecord("payses_b", "paycol_a", { created_at: at(3), status: "canceled" }),
      sessionRecord("payses_d", "paycol_a", { created_at: at(2), status: "requires_more" }),
      sessionRecord("payses_z", "paycol_b", { created_at: at(0), status: "pending" }),
    ];
    for (const row of rows) await tx.insert("payment_sessions", row);
  });
}

const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id);

/**
 * Runs the same reads twice: in a fresh transaction, and in one that has
 * locked the collection first (a SQL store may answer the second from memory).
 */
async function bothWays<T>(
  store: PaymentStore,
  reads: (tx: StoreTransaction) => Promise<T>,
): Promise<[T, T]> {
  const cold = await store.transaction(reads);
  const warm = await store.transaction(async (tx) => {
    await tx.lock("payment_collections", "paycol_a");
    await tx.lock("payment_collections", "paycol_b");
    return reads(tx);
  });
  return [cold, warm];
}

export function describeQueryCases(makeStore: MakeStore): void {
  describe("queries", () => {
    const store = useStore(makeStore);

    it("filters by equality, by any of several values, and by null", async () => {
      await seedSessions(store());
      const [cold, warm] = await bothWays(store(), async (tx) => ({
        pending: ids(
          await tx.list("payment_sessions", {
            payment_collection_id: "paycol_a",
            status: "pending",
          }),
        ),
        some: ids(
          await tx.list("payment_sessions", {
            payment_collection_id: ["paycol_a", "paycol_b"],
            status: ["error", "canceled", "requires_more"],
          }),
        ),
        none: ids(
          await tx.list("payment_sessions", { payment_collection_id: "paycol_a", status: [] }),
        ),
        nullRaw: ids(
          await tx.list("payment_sessions", {
            payment_collection_id: "paycol_a",
            raw_status: null,
          }),
        ),
        regions: ids(
          await tx.list("payment_collections", { id: ["paycol_a", "paycol_b"], region_id: [null] }),
        ),
      }));
      expect(cold).toEqual({
        pending: ["payses_e", "payses_c"],
        some: ["payses_a", "payses_d", "payses_b"],
        none: [],
        nullRaw: ["payses_a", "payses_c", "payses_d", "payses_b"],
        regions: ["paycol_a"],
      });
      expect(warm).toEqual(cold);
    });

    it("pages by take and skip in created_at then id order, ascending or descending", async () => {
      await seedSessions(store());
      const scope = { payment_collection_id: "paycol_a" };
      const [cold, warm] = await bothWays(store(), async (tx) => ({
        all: ids(await tx.list("payment_sessions", scope)),
        desc: ids(await tx.list("payment_sessions", scope, { order: "desc" })),
        page: ids(await tx.list("payment_sessions", scope, { skip: 1, take: 2 })),
        descPage: ids(
          await tx.list("payment_sessions", scope, { order: "desc", skip: 3, take: 5 }),
        ),
        zero: ids(await tx.list("payment_sessions", scope, { take: 0 })),
      }));
      expect(cold).toEqual({
        all: ["payses_e", "payses_a", "payses_c", "payses_d", "payses_b"],
        desc: ["payses_b", "payses_d", "payses_c", "payses_a", "payses_e"],
        page: ["payses_a", "payses_c"],
        descPage: ["payses_a", "payses_e"],
        zero: [],
      });
      expect(warm).toEqual(cold);
    });

    it("finds a collection's sessions by whether a time is set and by having no payment, seeing the transaction's own writes", async () => {
      await seedSessions(store());
      await store().transaction(async (tx) => {
        await tx.insert("payments", paymentRecord("pay_d", "paycol_a", "payses_d"));
        await tx.update("payment_sessions", "payses_c", { authorization_started_at: at(5) });
        await tx.update("payment_sessions", "payses_d", {
          authorization_started_at: at(6),
          payment_id: "pay_d",
        });
      });
      // Set: earlier than the last instant a timestamp column holds, as the service asks it.
      const started = {
        payment_collection_id: "paycol_a",
        payment_id: null,
        authorization_started_at: { before: new Date("9999-12-31T23:59:59.999Z") },
      };
      const unset = { payment_collection_id: "paycol_a", authorization_started_at: null };
      const reads = async (tx: StoreTransaction) => ({
        started: ids(await tx.list("payment_sessions", started)),
        firstStarted: ids(await tx.list("payment_sessions", started, { take: 1 })),
        unset: ids(await tx.list("payment_sessions", unset)),
      });
      const [cold, warm] = await bothWays(store(), reads);
      const [coldOwn, warmOwn] = await bothWays(store(), async (tx) => {
        await tx.update("payment_sessions", "payses_e", { authorization_started_at: at(7) });
        await tx.update("payment_sessions", "payses_c", { authorization_started_at: null });
        return reads(tx);
      });
      expect({ cold, coldOwn }).toEqual({
        cold: {
          started: ["payses_c"],
          firstStarted: ["payses_c"],
          unset: ["payses_e", "payses_a", "payses_b"],
        },
        coldOwn: {
          started: ["payses_e"],
          firstStarted: ["payses_e"],
          unset: ["payses_a", "payses_c", "payses_b"],
        },
      });
      expect({ warm, warmOwn }).toEqual({ warm: cold, warmOwn: coldOwn });
    });

    it("lists a payment's captures by payment id and status, seeing the transaction's own writes", async () => {
      const { collection, session, payment } = paidCollection("a");
      await store().transaction(async (tx) => {
        await tx.insert("payment_collections", collection);
        await tx.insert("payment_sessions", session);
        await tx.insert("payments", payment);
        await tx.insert("captures", {
          ...captureRecord("capt_1", payment.id, 100),
          created_at: at(1),
        });
        await tx.insert("captures", {
          ...captureRecord("capt_2", payment.id, 200),
          status: "failed",
        });
      });
      const seen = await store().transaction(async (tx) => {
        const before = ids(
          await tx.list("captures", { payment_id: payment.id, status: ["pending", "succeeded"] }),
        );
        await tx.insert("captures", {
          ...captureRecord("capt_3", payment.id, 300),
          status: "pending",
        });
        await tx.update("captures", "capt_1", { status: "failed" });
        const after = ids(
          await tx.list("captures", { payment_id: payment.id, status: ["pending", "succeeded"] }),
        );
        return { before, after };
      });
      expect(seen).toEqual({ before: ["capt_1"], after: ["capt_3"] });
    });

    it("finds the payments whose authorization hold is open and lapses before a time (the expiry sweep's query), following status changes", async () => {
      const payments = [
        paymentRecord("pay_a", "paycol_a", "payses_a", { capture_before: at(1) }),
        paymentRecord("pay_b", "paycol_a", "payses_b", {
          status: "partially_captured",
          captured_amount: 400,
          capture_before: at(2),
        }),
        paymentRecord("pay_c", "paycol_a", "payses_c", { capture_before: at(20) }),
        paymentRecord("pay_d", "paycol_a", "payses_d", {
          status: "captured",
          captured_amount: 1000,
          capture_before: at(1),
        }),
        paymentRecord("pay_e", "paycol_a", "payses_e"),
        paymentRecord("pay_f", "paycol_a", "payses_f", {
          capture_before: at(3),
          expiry_warned_at: at(4),
        }),
      ];
      await store().transaction(async (tx) => {
        await tx.insert("payment_collections", collectionRecord("paycol_a", { amount: 6000 }));
        for (const [index, payment] of payments.entries()) {
          await tx.insert(
            "payment_sessions",
            sessionRecord(payment.payment_session_id, "paycol_a", { status: "authorized" }),
          );
          await tx.insert("payments", { ...payment, created_at: at(index) });
        }
      });
      const open = ["authorized", "partially_captured"] as const;
      const lapsing = {
        status: [...open],
        expiry_warned_at: null,
        capture_before: { before: at(10) },
      };
      const reads = async (tx: StoreTransaction) => ({
        lapsing: ids(await tx.list("payments", lapsing)),
        lapsed: ids(
          await tx.list("payments", { status: [...open], capture_before: { before: at(2) } }),
        ),
        authorizedOnly: ids(
          await tx.list("payments", { status: "authorized", capture_before: { before: at(10) } }),
        ),
        withCaptured: ids(
          await tx.list("payments", {
            status: ["authorized", "captured"],
            capture_before: { before: at(10) },
          }),
        ),
      });
      expect(await store().transaction(reads)).toEqual({
        lapsing: ["pay_a", "pay_b"],
        lapsed: ["pay_a"],
        authorizedOnly: ["pay_a", "pay_f"],
        withCaptured: ["pay_a", "pay_d", "pay_f"],
      });

      // A captured hold is closed, a canceled capture's hold is open again: the query follows.
      await store().transaction(async (tx) => {
        await tx.update("payments", "pay_a", { status: "captured", captured_amount: 1000 });
        await tx.update("payments", "pay_d", { status: "authorized", captured_amount: 0 });
      });
      const after = await store().transaction(async (tx) => {
        const lapsingNow = ids(await tx.list("payments", lapsing));
        await tx.update("payments", "pay_b", { status: "canceled", canceled_at: at(5) });
        return { lapsing: lapsingNow, own: ids(await tx.list("payments", lapsing)) };
      });
      expect(after).toEqual({ lapsing: ["pay_b", "pay_d"], own: ["pay_d"] });
    });
  });
}
