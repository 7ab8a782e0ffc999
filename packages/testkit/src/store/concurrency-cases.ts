import { generateId, type PaymentStore } from "@tender/core";
import { describe, expect, it } from "vitest";
import { captureRecord, collectionRecord, paidCollection } from "../records/record-builders";
import { pause } from "./gate";
import { type MakeStore, useStore } from "./store-fixture";

async function seedPayment(store: PaymentStore, amount: number) {
  const seeded = paidCollection("race", amount);
  await store.transaction(async (tx) => {
    await tx.insert("payment_collections", seeded.collection);
    await tx.insert("payment_sessions", seeded.session);
    await tx.insert("payments", seeded.payment);
  });
  return seeded;
}

/**
 * The service's pattern: find the payment, lock its collection, read again,
 * sum its captures, and add one only if it fits. A pause between reading and
 * writing lets the others read the same state in the meantime.
 */
function captureIfFits(store: PaymentStore, paymentId: string, amount: number) {
  return store.transaction(async (tx) => {
    const found = await tx.get("payments", paymentId);
    if (!found) throw new Error("no payment");
    await tx.lock("payment_collections", found.payment_collection_id);
    const payment = await tx.get("payments", paymentId);
    if (!payment) throw new Error("no payment");
    const captures = await tx.list("captures", { payment_id: paymentId });
    const captured = captures.reduce((sum, capture) => sum + capture.amount, 0);
    await pause(1 + Math.floor(Math.random() * 3));
    if (captured + amount > payment.amount) return false;
    await tx.insert("captures", captureRecord(generateId("capt"), paymentId, amount));
    await tx.update("payments", paymentId, { captured_amount: captured + amount });
    return true;
  });
}

export function describeConcurrencyCases(makeStore: MakeStore): void {
  describe("concurrent transactions", () => {
    const store = useStore(makeStore);

    it("never commits a stale view: 10 concurrent read-then-write transactions on one payment all count", async () => {
      const { payment } = await seedPayment(store(), 1000);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => captureIfFits(store(), payment.id, 100)),
      );
      expect(results.every(Boolean)).toBe(true);
      const [after, captures] = await store().transaction(async (tx) => [
        await tx.get("payments", payment.id),
        await tx.list("captures", { payment_id: payment.id }),
      ]);
      expect(captures).toHaveLength(10);
      expect(after?.captured_amount).toBe(1000);
    });

    it("lets through only what fits when concurrent transactions compete for one amount", async () => {
      const { payment } = await seedPayment(store(), 1000);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => captureIfFits(store(), payment.id, 300)),
      );
      expect(results.filter(Boolean)).toHaveLength(3);
      const [after, captures] = await store().transaction(async (tx) => [
        await tx.get("payments", payment.id),
        await tx.list("captures", { payment_id: payment.id }),
      ]);
      expect(captures.reduce((sum, capture) => sum + capture.amount, 0)).toBe(900);
      expect(after?.captured_amount).toBe(900);
    });

    it("keeps transactions that lock two collections consistent with each other", async () => {
      await store().transaction(async (tx) => {
        await tx.insert("payment_collections", collectionRecord("paycol_a", { amount: 500 }));
        await tx.insert("payment_collections", collectionRecord("paycol_b", { amount: 500 }));
      });
      // Each locks both (in one order: a store with blocking locks may deadlock otherwise)
      // and moves 10 + i one way or the other.
      await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          store().transaction(async (tx) => {
            const [from, to] =
              index % 2 === 0 ? ["paycol_a", "paycol_b"] : ["paycol_b", "paycol_a"];
            const a = await tx.lock("payment_collections", "paycol_a");
            const b = await tx.lock("payment_collections", "paycol_b");
            const [source, target] = from === "paycol_a" ? [a, b] : [b, a];
            if (!source || !target) throw new Error("missing collection");
            await pause(1 + (index % 3));
            await tx.update("payment_collections", from, { amount: source.amount - 10 - index });
            await tx.update("payment_collections", to, { amount: target.amount + 10 + index });
          }),
        ),
      );
      const [a, b] = await store().transaction(async (tx) => [
        await tx.get("payment_collections", "paycol_a"),
        await tx.get("payment_collections", "paycol_b"),
      ]);
      expect((a?.amount ?? 0) + (b?.amount ?? 0)).toBe(1000);
      // Evens move 10+i from a to b, odds 10+i from b to a: a ends 500 - (10+12+14+16+18) + (11+13+15+17+19).
      expect(a?.amount).toBe(505);
    });
  });
}
