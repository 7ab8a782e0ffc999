import { describe, expect, it } from "vitest";
import { memoryStore, PAYMENT_SESSION_STATUSES, type PaymentSessionStatus } from "../index";
import {
  collectionMoney,
  deriveCollectionStatus,
  SESSION_RULES,
  withSessions,
} from "../state/derive-collection-status";
import { sessionRecord } from "../store/test-support";
import { totalsFromSessions } from "./session-statuses";

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

describe("the sessions' part of a collection's status", () => {
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

  it("puts every session status in exactly one rule", () => {
    const ruled = SESSION_RULES.flatMap((rule) => rule.sessions);
    expect([...ruled].sort()).toEqual([...PAYMENT_SESSION_STATUSES].sort());
  });

  it("decides from the store what withSessions decides from every session, stopping at the first rule that holds (one row read in all)", async () => {
    for (const payments of PAYMENTS) {
      const money = collectionMoney(collection, payments);
      for (const statuses of sessionSets()) {
        const store = memoryStore();
        await store.transaction(async (tx) => {
          for (const [i, status] of statuses.entries()) {
            await tx.insert("payment_sessions", session(`payses_${i}`, "paycol_a", status));
          }
          // Another collection's sessions never count.
          await tx.insert("payment_sessions", session("payses_b", "paycol_b", "requires_more"));
        });
        let reads = 0;
        const totals = await store.transaction((tx) =>
          totalsFromSessions(
            {
              ...tx,
              list: async (table, filter, page) => {
                const rows = await tx.list(table, filter, page);
                reads += rows.length;
                return rows;
              },
            },
            "paycol_a",
            money,
          ),
        );
        const every = statuses.map((status) => ({ status }));
        expect({ statuses, payments, totals }).toEqual({
          statuses,
          payments,
          totals: withSessions(money, every),
        });
        expect(reads).toBeLessThanOrEqual(1);
      }
    }
  });
});

function session(id: string, collectionId: string, status: PaymentSessionStatus) {
  return sessionRecord(id, collectionId, { status, created_at: at, updated_at: at });
}
