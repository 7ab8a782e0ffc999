import { describe, expect, it } from "vitest";
import {
  AT,
  at,
  captureRecord,
  collectionRecord,
  outboxRecord,
  paidCollection,
  refundRecord,
} from "../records/record-builders";
import { type MakeStore, useStore } from "./store-fixture";

export function describeOutboxCases(makeStore: MakeStore): void {
  describe("deleting a collection", () => {
    const store = useStore(makeStore);

    it("removes its sessions, payments, captures and refunds with it, and nothing else", async () => {
      const gone = paidCollection("gone");
      const kept = paidCollection("kept");
      await store().transaction(async (tx) => {
        for (const { collection, session, payment } of [gone, kept]) {
          await tx.insert("payment_collections", collection);
          await tx.insert("payment_sessions", session);
          await tx.insert("payments", payment);
          await tx.insert("captures", captureRecord(`${payment.id}_cap`, payment.id, 500));
          await tx.insert("refunds", refundRecord(`${payment.id}_ref`, payment.id, 100));
        }
        await tx.insert("outbox_events", outboxRecord("evt_gone", gone.collection.id));
      });
      await store().transaction((tx) => tx.delete("payment_collections", gone.collection.id));

      const left = await store().transaction(async (tx) => ({
        collections: (await tx.list("payment_collections")).map((row) => row.id),
        sessions: (await tx.list("payment_sessions")).map((row) => row.id),
        payments: (await tx.list("payments")).map((row) => row.id),
        captures: (await tx.list("captures")).map((row) => row.id),
        refunds: (await tx.list("refunds")).map((row) => row.id),
        events: (await tx.list("outbox_events")).map((row) => row.id),
      }));
      expect(left).toEqual({
        collections: [kept.collection.id],
        sessions: [kept.session.id],
        payments: [kept.payment.id],
        captures: [`${kept.payment.id}_cap`],
        refunds: [`${kept.payment.id}_ref`],
        // The outbox keeps what was committed: the news of a deleted collection is not lost.
        events: ["evt_gone"],
      });
    });
  });

  describe("time conditions in filters", () => {
    const store = useStore(makeStore);

    it("matches rows whose time is set and earlier than `before`, and rows whose time is null by null", async () => {
      await store().transaction(async (tx) => {
        await tx.insert(
          "payment_collections",
          collectionRecord("paycol_old", { completed_at: at(-1) }),
        );
        await tx.insert(
          "payment_collections",
          collectionRecord("paycol_new", { completed_at: at(1) }),
        );
        await tx.insert("payment_collections", collectionRecord("paycol_open"));
      });
      const ids = (filter: Parameters<typeof list>[0]) => list(filter);
      const list = (filter: { completed_at: { before: Date } | null }) =>
        store()
          .transaction((tx) => tx.list("payment_collections", filter))
          .then((rows) => rows.map((row) => row.id));
      expect(await ids({ completed_at: { before: AT } })).toEqual(["paycol_old"]);
      expect(await ids({ completed_at: { before: at(2) } })).toEqual(
        ["paycol_new", "paycol_old"].sort(),
      );
      expect(await ids({ completed_at: null })).toEqual(["paycol_open"]);
    });
  });

  describe("the outbox", () => {
    const store = useStore(makeStore);
    // `dueAt` gives an event its available_at (by default, due at once).
    const insertEvents = (aggregateId: string, ids: string[], dueAt: Record<string, Date> = {}) =>
      store().transaction(async (tx) => {
        if (!(await tx.lock("payment_collections", aggregateId))) {
          await tx.insert("payment_collections", collectionRecord(aggregateId));
        }
        for (const id of ids) {
          await tx.insert("outbox_events", outboxRecord(id, aggregateId, dueAt[id]));
        }
      });

    it("numbers a collection's events in commit order, whatever the writer put in sequence", async () => {
      await insertEvents("paycol_a", ["evt_a1", "evt_a2"]);
      await insertEvents("paycol_b", ["evt_b1"]);
      await insertEvents("paycol_a", ["evt_a3"]);
      await insertEvents("paycol_a", ["evt_a4", "evt_a5"]);
      const events = await store().outbox.list({ state: "pending" });
      const ofA = events
        .filter((event) => event.aggregate_id === "paycol_a")
        .sort((x, y) => x.sequence - y.sequence)
        .map((event) => event.id);
      expect(ofA).toEqual(["evt_a1", "evt_a2", "evt_a3", "evt_a4", "evt_a5"]);
    });

    it("writes no event of a transaction that throws", async () => {
      await expect(
        store().transaction(async (tx) => {
          await tx.insert("payment_collections", collectionRecord("paycol_x"));
          await tx.insert("outbox_events", outboxRecord("evt_x", "paycol_x"));
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      expect(await store().outbox.list({ state: "pending" })).toEqual([]);
    });

    it("hands out only each collection's earliest waiting event, holds it, and lets ack, release and replay move it on", async () => {
      await insertEvents("paycol_a", ["evt_a1", "evt_a2"]);
      await insertEvents("paycol_b", ["evt_b1"]);
      const now = at(1000);
      const claimUntil = at(61_000);
      const first = await store().outbox.claim({ now, claimUntil, limit: 10 });
      expect(first.map((event) => event.id).sort()).toEqual(["evt_a1", "evt_b1"]);
      expect(first[0]?.claimed_until).toEqual(claimUntil);
      // Held: another relay gets nothing until the hold runs out.
      expect(await store().outbox.claim({ now, claimUntil, limit: 10 })).toEqual([]);

      await store().outbox.ack(["evt_a1"]);
      expect((await store().outbox.claim({ now, claimUntil, limit: 10 })).map((e) => e.id)).toEqual(
        ["evt_a2"],
      );

      await store().outbox.release("evt_b1", {
        attempts: 3,
        available_at: at(2000),
        parked_at: at(1000),
        last_error: "Error: down",
      });
      const [parked] = await store().outbox.list({ state: "parked" });
      expect(parked).toMatchObject({
        id: "evt_b1",
        attempts: 3,
        last_error: "Error: down",
        claimed_until: null,
      });
      expect(await store().outbox.claim({ now: at(5000), claimUntil, limit: 10 })).toEqual([]);

      expect(await store().outbox.replay(["evt_b1", "evt_missing"], at(3000))).toBe(1);
      const replayed = await store().outbox.claim({ now: at(3000), claimUntil, limit: 10 });
      expect(replayed).toMatchObject([{ id: "evt_b1", attempts: 0, parked_at: null }]);
      expect(replayed[0]?.data).toMatchObject({ collection: { id: "paycol_b" } });
    });

    it("holds a lane behind a head that is not yet due, lets a parked head step aside, and hands out the earliest due heads first", async () => {
      await insertEvents("paycol_slow", ["evt_slow1", "evt_slow2"], {
        evt_slow1: at(10_000),
        evt_slow2: at(0),
      });
      await insertEvents("paycol_late", ["evt_late"], { evt_late: at(3000) });
      await insertEvents("paycol_early", ["evt_early"], { evt_early: at(2000) });
      const claim = async (nowMs: number, limit: number) =>
        (await store().outbox.claim({ now: at(nowMs), claimUntil: at(60_000), limit })).map(
          (event) => event.id,
        );
      // evt_slow2 is due, but the lane's head evt_slow1 is not: the lane waits.
      expect(await claim(1000, 10)).toEqual([]);
      expect(await claim(5000, 1)).toEqual(["evt_early"]);
      expect(await claim(5000, 10)).toEqual(["evt_late"]);
      await store().outbox.release("evt_slow1", {
        attempts: 5,
        available_at: at(10_000),
        parked_at: at(5000),
        last_error: "Error: down",
      });
      expect(await claim(5000, 10)).toEqual(["evt_slow2"]);
    });

    it("does not hand out an event before its available_at", async () => {
      await insertEvents("paycol_later", ["evt_later"], { evt_later: at(10_000) });
      expect(
        await store().outbox.claim({ now: at(9_999), claimUntil: at(20_000), limit: 5 }),
      ).toEqual([]);
      expect(
        (await store().outbox.claim({ now: at(10_000), claimUntil: at(20_000), limit: 5 })).map(
          (e) => e.id,
        ),
      ).toEqual(["evt_later"]);
    });
  });
}
