import { describe, expect, it } from "vitest";
import type { ProviderRefund } from "../provider/payment-provider";
import { seededRandom } from "../testing/index";
import { scriptedProvider } from "../testing/scripted-provider";
import { capturedPayment, recordEvents } from "./test-support";

/**
 * A processor that lists a payment's refunds as its own records have them:
 * refunds the core sent (carrying Tender's refund id) and those made in its
 * dashboard. `records` is the processor's ledger the books are compared with.
 */
function listingProvider() {
  const records: ProviderRefund[] = [];
  const base = scriptedProvider({
    id: "card",
    refund: (input) => {
      records.push({
        id: `re_${records.length + 1}`,
        amount: input.amount,
        status: "succeeded",
        refund_id: input.refund_id,
      });
      return { status: "succeeded", data: {} };
    },
  });
  return Object.assign(base, {
    records,
    async listRefunds() {
      return records.map((record) => ({ ...record }));
    },
  });
}

async function setup(amount = 5000) {
  const provider = listingProvider();
  const opened = await capturedPayment(amount, amount, provider);
  return { ...opened, provider, events: recordEvents(opened.service) };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** The books against the processor's ledger: refunded = its succeeded refunds, one row each. */
async function expectBooksEqualLedger({ service, payment, provider }: Setup) {
  const now = await service.retrievePayment(payment.id);
  const succeeded = provider.records.filter((r) => r.status === "succeeded");
  const refunded = succeeded.reduce((sum, r) => sum + r.amount, 0);
  expect(now.refunded_amount).toBe(refunded);
  const rows = await service.listRefunds({ payment_id: payment.id });
  for (const record of provider.records) {
    const matching = rows.filter(
      (row) => row.id === record.refund_id || row.data.provider_refund_id === record.id,
    );
    expect(matching, record.id).toHaveLength(1);
    expect(matching[0]?.status, record.id).toBe(record.status);
  }
  expect(rows).toHaveLength(provider.records.length);
  // Tender sent a refund request only for the refunds it made: never one made at the provider.
  expect(provider.callsTo("refundPayment")).toHaveLength(
    rows.filter((row) => row.data.made_at_provider !== true).length,
  );
  const collection = await service.retrievePaymentCollection(payment.payment_collection_id);
  expect(collection.refunded_amount).toBe(refunded);
  return { payment: now, rows };
}

describe("refunds made at the provider", () => {
  it("books a dashboard refund once, holding it while pending and refunding it once succeeded", async () => {
    const setupResult = await setup();
    const { service, payment, provider, events } = setupResult;
    provider.records.push({ id: "re_dash", amount: 2000, status: "pending", refund_id: null });

    await service.reconcilePayment(payment.id);
    const [pending] = await service.listRefunds({ payment_id: payment.id });
    expect(pending).toMatchObject({
      amount: 2000,
      status: "pending",
      data: { provider_refund_id: "re_dash", made_at_provider: true },
    });
    // A pending refund holds its amount: only 3000 is left to refund.
    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 3001 }),
    ).rejects.toMatchObject({ code: "refund_exceeds_captured" });

    const record = provider.records[0];
    if (record) record.status = "succeeded";
    await service.reconcilePayment(payment.id);
    await service.reconcilePayment(payment.id);
    const { payment: after } = await expectBooksEqualLedger(setupResult);
    expect(after).toMatchObject({ status: "partially_refunded", refunded_amount: 2000 });
    expect(events.filter((e) => e.name === "payment.refunded")).toHaveLength(1);
  });

  it("never books a refund twice that Tender made itself", async () => {
    const setupResult = await setup();
    await setupResult.service.refundPayment({ payment_id: setupResult.payment.id, amount: 1000 });
    await setupResult.service.reconcilePayment(setupResult.payment.id);
    const { rows } = await expectBooksEqualLedger(setupResult);
    expect(rows).toHaveLength(1);
  });

  it("ignores a provider refund naming a Tender refund this payment does not have", async () => {
    const setupResult = await setup();
    setupResult.provider.records.push({
      id: "re_other",
      amount: 100,
      status: "succeeded",
      refund_id: "ref_of_another_payment",
    });
    await setupResult.service.reconcilePayment(setupResult.payment.id);
    expect(await setupResult.service.listRefunds({ payment_id: setupResult.payment.id })).toEqual(
      [],
    );
  });
});

describe("a refund the provider reverses", () => {
  it("fails it, gives its amount back and emits payment.refund_failed, never to succeed again", async () => {
    const setupResult = await setup();
    const { service, payment, provider, events } = setupResult;
    await service.refundPayment({ payment_id: payment.id });
    expect((await service.retrievePayment(payment.id)).status).toBe("refunded");

    const record = provider.records[0];
    if (!record) throw new Error("nothing refunded at the provider");
    record.status = "failed";
    await service.reconcilePayment(payment.id);
    const { payment: after } = await expectBooksEqualLedger(setupResult);
    expect(after).toMatchObject({ status: "captured", refunded_amount: 0 });
    expect(await service.retrievePaymentCollection(payment.payment_collection_id)).toMatchObject({
      status: "completed",
      refunded_amount: 0,
    });
    expect(events.map((e) => e.name)).toContain("payment.refund_failed");

    // A stale list that still says succeeded does not revive it.
    record.status = "succeeded";
    await service.reconcilePayment(payment.id);
    const [refund] = await service.listRefunds({ payment_id: payment.id });
    expect(refund).toMatchObject({ status: "failed", error: { code: "refund_reversed" } });
    record.status = "failed";
    // The money may be refunded again.
    await service.refundPayment({ payment_id: payment.id, amount: 5000 });
    await expectBooksEqualLedger(setupResult);
  });

  it("ends equal to the ledger across seeded refunds, dashboard refunds and reversals", async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const next = seededRandom(seed);
      const setupResult = await setup();
      const { service, payment, provider } = setupResult;
      for (let step = 0; step < 6; step++) {
        const left =
          5000 -
          provider.records
            .filter((r) => r.status !== "failed")
            .reduce((sum, r) => sum + r.amount, 0);
        const roll = next();
        const amount = 1 + Math.floor(next() * Math.max(1, left / 2));
        if (roll < 0.35 && left > 0) {
          await service.refundPayment({ payment_id: payment.id, amount: Math.min(amount, left) });
        } else if (roll < 0.7 && left > 0) {
          provider.records.push({
            id: `re_dash_${step}`,
            amount: Math.min(amount, left),
            status: next() < 0.5 ? "pending" : "succeeded",
            refund_id: null,
          });
        } else {
          const record = provider.records[Math.floor(next() * provider.records.length)];
          if (record && record.status !== "failed") {
            record.status = record.status === "pending" && next() < 0.5 ? "succeeded" : "failed";
          }
        }
        if (next() < 0.6) await service.reconcilePayment(payment.id);
      }
      await service.reconcilePayment(payment.id);
      await expectBooksEqualLedger(setupResult).catch((error: unknown) => {
        throw new Error(`seed ${seed}: ${String(error)}`, { cause: error });
      });
    }
  });
});
