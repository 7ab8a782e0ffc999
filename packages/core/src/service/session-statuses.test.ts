import { describe, expect, it } from "vitest";
import { memoryStore, PAYMENT_SESSION_STATUSES, type PaymentSessionStatus } from "../index";
import { deriveCollectionStatus } from "../state/derive-collection-status";
import { sessionRecord } from "../store/test-support";
import { sessionStatuses } from "./session-statuses";

const collection = { amount: 1000 };
const at = new Date("2025-01-01T00:00:00Z");

/** Payments a collection may have beside its sessions: none, live, canceled, lapsed, captured, surplus. */
const PAYMENTS = [
  [],
  [{ amount: 400, captured_amount: 0, refunded_amount: 0, canceled_at: null }],
  [{ amount: 1000, captured_amount: 0, refunded_amount: 0, canceled_at: at }],
  [{ amount: 1000, captured_amount: 0, refunded_amount: 0, canceled_at: null, expired_at: at }],
  [{ amount: 1000, captured_amount: 1000, refunded_amount: 0, canceled_at: null }],
  [{ amount: 1000, captured_amount: 0, refunded_amount: 0, canceled_at: null, surplus_at: at }],
];

/** Every set of statuses, each present status held by one to three sessions. */
function sessionSets(): PaymentSessionStatus[][] {
  const sets: PaymentSessionStatus[][] = [];
  for (let mask = 0; mask < 2 ** PAYMENT_SESSION_STATUSES.length; mask++) {
    const statuses = PAYMENT_SESSION_STATUSES.filter((_, bit) => (mask >> bit) & 1);
    sets.push(statuses.flatMap((status, i) => Array(((mask + i) % 3) + 1).fill(status)));
  }
  return sets;
}

describe("sessionStatuses", () => {
  it("is all deriveCollectionStatus needs: one session per status derives what every session does", () => {
    for (const payments of PAYMENTS) {
      for (const statuses of sessionSets()) {
        const every = statuses.map((status) => ({ status }));
        const onePerStatus = [...new Set(statuses)].map((status) => ({ status }));
        expect({
          statuses,
          payments,
          totals: deriveCollectionStatus(collection, every, payments),
        }).toEqual({
          statuses,
          payments,
          totals: deriveCollectionStatus(collection, onePerStatus, payments),
        });
      }
    }
  });

  it("reads one entry for each status a collection's sessions are in, and none of another collection's", async () => {
    const store = memoryStore();
    const session = (id: string, collectionId: string, status: PaymentSessionStatus) =>
      sessionRecord(id, collectionId, { status, created_at: at, updated_at: at });
    await store.transaction(async (tx) => {
      await tx.insert("payment_sessions", session("payses_1", "paycol_a", "pending"));
      await tx.insert("payment_sessions", session("payses_2", "paycol_a", "pending"));
      await tx.insert("payment_sessions", session("payses_3", "paycol_a", "error"));
      await tx.insert("payment_sessions", session("payses_4", "paycol_b", "canceled"));
    });

    const statuses = await store.transaction((tx) => sessionStatuses(tx, "paycol_a"));

    expect(statuses).toEqual([{ status: "pending" }, { status: "error" }]);
  });
});
