import { describe, expect, it } from "vitest";
import { memoryStore, type PaymentSession } from "../index";
import { sessionRecord } from "../store/test-support";
import { heldAmount } from "./held-amount";

const at = new Date("2025-01-01T00:00:00Z");

function session(id: string, amount: number, overrides: Partial<PaymentSession>): PaymentSession {
  return sessionRecord(id, "paycol_a", { amount, created_at: at, updated_at: at, ...overrides });
}

describe("heldAmount", () => {
  it("holds each processing or authorizing session without a payment once, leaving out the asking one", async () => {
    const store = memoryStore();
    await store.transaction(async (tx) => {
      const sessions = [
        session("payses_both", 100, { status: "processing", authorization_started_at: at }),
        session("payses_processing", 200, { status: "processing" }),
        session("payses_authorizing", 400, { authorization_started_at: at }),
        session("payses_idle", 800, {}),
        session("payses_paid", 1600, { status: "processing", payment_id: "pay_1" }),
        session("payses_other", 3200, {
          status: "processing",
          payment_collection_id: "paycol_b",
        }),
      ];
      for (const row of sessions) await tx.insert("payment_sessions", row);
    });

    const held = await store.transaction(async (tx) => ({
      all: await heldAmount(tx, "paycol_a", ""),
      asking: await heldAmount(tx, "paycol_a", "payses_both"),
    }));

    expect(held).toEqual({ all: 700, asking: 600 });
  });
});
