import type { PaymentStore } from "@tender/core";
import { captureRecord, gate, paidCollection } from "@tender/testkit";
import { describe, expect, it } from "vitest";
import { usePglite } from "./pglite-fixture";

const { freshStore } = usePglite();

async function seed(store: PaymentStore) {
  const seeded = paidCollection("a");
  await store.transaction(async (tx) => {
    await tx.insert("payment_collections", seeded.collection);
    await tx.insert("payment_sessions", seeded.session);
    await tx.insert("payments", seeded.payment);
    await tx.insert("captures", captureRecord("capt_1", seeded.payment.id, 100));
  });
  return seeded;
}

describe("optimistic aggregate transactions", () => {
  it("loads a whole aggregate in one statement and answers later reads inside it from memory", async () => {
    const { store } = await freshStore({ cacheSize: 0 });
    const { collection, session, payment } = await seed(store);
    store.resetStats();

    const seen = await store.transaction(async (tx) => {
      const capture = await tx.get("captures", "capt_1");
      await tx.lock("payment_collections", collection.id);
      return {
        capture,
        payment: await tx.get("payments", payment.id),
        session: await tx.get("payment_sessions", session.id),
        sessions: await tx.list("payment_sessions", { payment_collection_id: collection.id }),
        payments: await tx.list("payments", {
          payment_collection_id: collection.id,
          status: ["authorized"],
        }),
        captures: await tx.list("captures", { payment_id: payment.id }, { take: 1 }),
        refunds: await tx.list("refunds", { payment_id: payment.id }),
        missing: await tx.get("payments", "pay_missing"),
      };
    });

    expect(seen.capture).toMatchObject({ amount: 100 });
    expect(seen.payment).toEqual(payment);
    expect(seen.sessions).toEqual([session]);
    expect(seen.payments).toEqual([payment]);
    expect(seen.captures).toHaveLength(1);
    expect(seen.refunds).toEqual([]);
    expect(seen.missing).toBeUndefined();
    // One load for the aggregate, one for the id it does not hold; no write statement.
    expect(store.stats()).toEqual({ statements: 2, retries: 0 });
  });

  it("sends one statement for all of a transaction's writes, and none for one that only reads", async () => {
    const { store } = await freshStore({ cacheSize: 0 });
    const { collection, payment } = await seed(store);
    store.resetStats();

    await store.transaction(async (tx) => {
      await tx.lock("payment_collections", collection.id);
      await tx.get("payments", payment.id);
    });
    expect(store.stats().statements).toBe(1);

    store.resetStats();
    await store.transaction(async (tx) => {
      const found = await tx.get("payments", payment.id);
      if (!found) throw new Error("no payment");
      await tx.lock("payment_collections", found.payment_collection_id);
      await tx.insert("captures", {
        ...captureRecord("capt_2", payment.id, 200),
        status: "pending",
      });
      await tx.update("payments", payment.id, {
        captured_amount: 300,
        status: "partially_captured",
      });
      await tx.update("payment_collections", collection.id, { captured_amount: 300 });
      await tx.insert("idempotency_keys", {
        id: "capture:k",
        created_at: new Date(),
        updated_at: new Date(),
        operation: "capture",
        request_hash: "h",
        result_id: "capt_2",
      });
    });
    expect(store.stats().statements).toBe(2);
    const after = await store.transaction((tx) => tx.get("payments", payment.id));
    expect(after).toMatchObject({ captured_amount: 300, status: "partially_captured" });
  });

  it("runs the work again on fresh data when another process commits to the aggregate first", async () => {
    const { store, another } = await freshStore();
    const { collection, payment } = await seed(store);
    const other = another();
    const held = gate();
    const reading = gate();
    let attempts = 0;

    const slow = store.transaction(async (tx) => {
      attempts++;
      await tx.lock("payment_collections", collection.id);
      const current = await tx.get("payments", payment.id);
      if (!current) throw new Error("no payment");
      if (attempts === 1) {
        reading.open();
        await held.closed;
      }
      await tx.update("payments", payment.id, { captured_amount: current.captured_amount + 50 });
    });
    await reading.closed;
    await other.transaction(async (tx) => {
      await tx.lock("payment_collections", collection.id);
      await tx.update("payments", payment.id, { captured_amount: 100 });
    });
    held.open();
    await slow;

    expect(attempts).toBe(2);
    expect(store.stats().retries).toBe(1);
    const after = await store.transaction((tx) => tx.get("payments", payment.id));
    expect(after?.captured_amount).toBe(150);
  });

  it("fails with a retryable store_error, having written nothing, when the aggregate keeps changing", async () => {
    const { store, another } = await freshStore({ maxAttempts: 3 });
    const { collection } = await seed(store);
    const other = another();
    let attempts = 0;

    const attempt = store.transaction(async (tx) => {
      attempts++;
      await tx.lock("payment_collections", collection.id);
      await other.transaction(async (inner) => {
        const locked = await inner.lock("payment_collections", collection.id);
        await inner.update("payment_collections", collection.id, {
          amount: (locked?.amount ?? 0) + 1,
        });
      });
      await tx.update("payment_collections", collection.id, { region_id: "lost" });
    });

    await expect(attempt).rejects.toMatchObject({ code: "store_error", retryable: true });
    expect(attempts).toBe(3);
    const after = await store.transaction((tx) => tx.get("payment_collections", collection.id));
    expect(after).toMatchObject({ amount: collection.amount + 3, region_id: null });
  });

  it("refuses a write that breaks a constraint with store_error and writes nothing of the transaction", async () => {
    const { store } = await freshStore();
    const { payment } = await seed(store);

    const overCaptured = store.transaction(async (tx) => {
      await tx.insert("captures", captureRecord("capt_2", payment.id, 5000));
      await tx.update("payments", payment.id, { captured_amount: payment.amount + 1 });
    });

    await expect(overCaptured).rejects.toMatchObject({
      code: "store_error",
      message: expect.stringMatching(/Nothing of it was written\.$/),
      details: { constraint: "payments_captured_within_amount", outcome_known: true },
    });
    expect(await store.transaction((tx) => tx.get("captures", "capt_2"))).toBeUndefined();
  });

  it("refuses to use a transaction after its work has returned", async () => {
    const { store } = await freshStore();
    const leaked = await store.transaction(async (tx) => tx);
    await expect(leaked.get("payments", "pay_1")).rejects.toMatchObject({ code: "store_error" });
  });

  it("starts a transaction from the aggregate it last committed, sending only its write", async () => {
    const { store } = await freshStore();
    const { collection, payment } = await seed(store);
    store.resetStats();
    await store.transaction(async (tx) => {
      await tx.lock("payment_collections", collection.id);
      await tx.update("payments", payment.id, { captured_amount: 150 });
    });
    expect(store.stats().statements).toBe(1);
    const after = await store.transaction((tx) => tx.get("payments", payment.id));
    expect(after?.captured_amount).toBe(150);
  });

  it("retries on fresh data when its cached aggregate was changed by another process", async () => {
    const { store, another } = await freshStore();
    const { collection, payment } = await seed(store);
    const other = another();
    await other.transaction(async (tx) => {
      await tx.lock("payment_collections", collection.id);
      await tx.update("payments", payment.id, { captured_amount: 400 });
    });
    let attempts = 0;
    await store.transaction(async (tx) => {
      attempts++;
      await tx.lock("payment_collections", collection.id);
      const current = await tx.get("payments", payment.id);
      await tx.update("payments", payment.id, {
        captured_amount: (current?.captured_amount ?? 0) + 50,
      });
    });
    expect(attempts).toBe(2);
    const after = await other.transaction((tx) => tx.get("payments", payment.id));
    expect(after?.captured_amount).toBe(450);
  });

  it("never answers a read-only transaction from a stale cached aggregate", async () => {
    const { store, another } = await freshStore();
    const { collection, payment } = await seed(store);
    await another().transaction(async (tx) => {
      await tx.lock("payment_collections", collection.id);
      await tx.update("payments", payment.id, { captured_amount: 700 });
    });
    const read = await store.transaction((tx) => tx.get("payments", payment.id));
    expect(read?.captured_amount).toBe(700);
  });

  it("runs the work again instead of throwing an error it reached from a stale cached aggregate", async () => {
    const { store, another } = await freshStore();
    const { collection, payment } = await seed(store);
    await another().transaction(async (tx) => {
      await tx.lock("payment_collections", collection.id);
      await tx.update("payments", payment.id, { captured_amount: 900 });
    });
    const seen = await store.transaction(async (tx) => {
      const current = await tx.get("payments", payment.id);
      if ((current?.captured_amount ?? 0) < 900) throw new Error("decided on stale data");
      return current?.captured_amount;
    });
    expect(seen).toBe(900);
  });
});
