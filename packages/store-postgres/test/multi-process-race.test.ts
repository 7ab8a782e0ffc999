import { createPaymentModuleService, type Payment } from "@tender/core";
import { scriptedProvider } from "@tender/core/testing";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresStore } from "../src/index";
import { postgresTarget } from "./postgres-target";
import { parseRaceReport, type RaceOutcome } from "./race-report";
import { runRaceWorker } from "./run-race-worker";
import { uniqueSchema } from "./unique-schema";

const target = await postgresTarget();
const WORKERS = 4;
const PAYMENTS = 20;
const OPERATIONS_PER_WORKER = 20 * 50;
const AMOUNT = 10_000;

const byId = (items: Array<{ id: string }>) => items.map((item) => item.id).sort();
const total = (items: Array<{ amount: number }>) =>
  items.reduce((sum, item) => sum + item.amount, 0);
const perPayment = (items: RaceOutcome[], paymentId: string) =>
  total(items.filter((item) => item.payment_id === paymentId));

describe.skipIf(target.skip)("four processes racing over one PostgreSQL", () => {
  let pool: Pool | undefined;
  const schema = uniqueSchema("race");
  beforeAll(() => {
    if (!target.available) throw new Error(target.message);
    pool = new Pool({ connectionString: target.url, max: 4 });
  });
  afterAll(async () => {
    await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool?.end();
  });

  it("never over-captures or over-refunds, records every successful call exactly once and every failed one nowhere", async () => {
    if (!pool) throw new Error(target.message);
    const store = postgresStore({ pool, schema });
    await store.migrate();
    const service = createPaymentModuleService({
      providers: [scriptedProvider({ id: "card" })],
      store,
    });
    const payments: Payment[] = [];
    for (let i = 0; i < PAYMENTS; i++) {
      const collection = await service.createPaymentCollections({
        currency_code: "usd",
        amount: AMOUNT,
      });
      const session = await service.createPaymentSession(collection.id, {
        provider_id: "card",
        currency_code: "usd",
        amount: AMOUNT,
      });
      payments.push(await service.authorizePaymentSession(session.id));
    }
    const paymentIds = payments.map((payment) => payment.id);

    const outputs = await Promise.all(
      Array.from({ length: WORKERS }, (_, worker) =>
        runRaceWorker(
          {
            RACE_WORKER: String(worker),
            RACE_DATABASE_URL: target.url,
            RACE_SCHEMA: schema,
            RACE_PAYMENTS: paymentIds.join(","),
            RACE_OPERATIONS: String(OPERATIONS_PER_WORKER),
          },
          240_000,
        ),
      ),
    );
    const reports = outputs.map(parseRaceReport);
    const captured = reports.flatMap((report) => report.captured);
    const refunded = reports.flatMap((report) => report.refunded);
    console.info(
      `${WORKERS} workers x ${OPERATIONS_PER_WORKER} operations: ${captured.length} captures and ${refunded.length} refunds succeeded, ` +
        `${reports.reduce((n, r) => n + r.refusedCaptures.length + r.refusedRefunds.length, 0)} refused by the provider, ` +
        `${reports.reduce((n, r) => n + r.rejected, 0)} rejected, ${reports.reduce((n, r) => n + r.retries, 0)} transactions retried`,
    );
    expect(reports.flatMap((report) => report.unexpected)).toEqual([]);
    // The processes really raced: some commits found their aggregate changed by another process.
    expect(reports.reduce((n, report) => n + report.retries, 0)).toBeGreaterThan(0);

    const stored = await store.transaction(async (tx) => ({
      payments: await tx.list("payments", { id: paymentIds }),
      captures: await tx.list("captures", { payment_id: paymentIds }),
      refunds: await tx.list("refunds", { payment_id: paymentIds }),
      collections: await tx.list("payment_collections", {
        id: payments.map((p) => p.payment_collection_id),
      }),
    }));
    const succeeded = <T extends { status: string }>(rows: T[]) =>
      rows.filter((row) => row.status === "succeeded");
    const failed = <T extends { status: string }>(rows: T[]) =>
      rows.filter((row) => row.status === "failed");

    // No call is left half-done.
    expect(
      [...stored.captures, ...stored.refunds].filter((row) => row.status === "pending"),
    ).toEqual([]);
    // Every successful call is recorded exactly once, every refused one as failed and nowhere else.
    expect(byId(succeeded(stored.captures))).toEqual(byId(captured));
    expect(byId(succeeded(stored.refunds))).toEqual(byId(refunded));
    expect(new Set(byId(captured)).size).toBe(captured.length);
    expect(byId(failed(stored.captures))).toEqual(reports.flatMap((r) => r.refusedCaptures).sort());
    expect(byId(failed(stored.refunds))).toEqual(reports.flatMap((r) => r.refusedRefunds).sort());
    expect(captured.length).toBeGreaterThan(0);
    expect(refunded.length).toBeGreaterThan(0);

    for (const payment of stored.payments) {
      const captures = succeeded(stored.captures.filter((c) => c.payment_id === payment.id));
      const refunds = succeeded(stored.refunds.filter((r) => r.payment_id === payment.id));
      const collection = stored.collections.find((c) => c.id === payment.payment_collection_id);
      expect(payment.captured_amount).toBeLessThanOrEqual(payment.amount);
      expect(payment.refunded_amount).toBeLessThanOrEqual(payment.captured_amount);
      expect(total(captures)).toBe(payment.captured_amount);
      expect(total(refunds)).toBe(payment.refunded_amount);
      expect(perPayment(captured, payment.id)).toBe(payment.captured_amount);
      expect(perPayment(refunded, payment.id)).toBe(payment.refunded_amount);
      expect(collection).toMatchObject({
        captured_amount: payment.captured_amount,
        refunded_amount: payment.refunded_amount,
      });
    }
  }, 300_000);
});
