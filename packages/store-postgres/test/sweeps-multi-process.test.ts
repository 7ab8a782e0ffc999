import { createPaymentModuleService } from "@tender/core";
import { scriptedProvider } from "@tender/core/testing";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresStore } from "../src/index";
import { postgresTarget } from "./postgres-target";
import { runWorker } from "./run-worker";
import { uniqueSchema } from "./unique-schema";

const target = await postgresTarget();
const PAYMENTS = 30;
const SWEEPERS = 3;

describe.skipIf(target.skip)("the reconcile sweep from several processes on PostgreSQL", () => {
  let pool: Pool | undefined;
  const schema = uniqueSchema("sweep");
  beforeAll(() => {
    if (!target.available) throw new Error(target.message);
    pool = new Pool({ connectionString: target.url, max: 4 });
  });
  afterAll(async () => {
    await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool?.end();
  });

  it("settles each pending capture once: one process sends it, the others leave it", async () => {
    if (!pool) throw new Error(target.message);
    const store = postgresStore({ pool, schema });
    await store.migrate();
    // Every capture's answer is lost on the way back: each stays pending.
    const lossy = scriptedProvider({
      id: "card",
      capture: () => {
        throw new Error("socket hang up");
      },
    });
    const service = createPaymentModuleService({ providers: [lossy], store, relay: false });
    for (let i = 0; i < PAYMENTS; i++) {
      const collection = await service.createPaymentCollections({
        currency_code: "usd",
        amount: 100 + i,
      });
      const session = await service.createPaymentSession(collection.id, {
        provider_id: "card",
        currency_code: "usd",
        amount: 100 + i,
      });
      const payment = await service.authorizePaymentSession(session.id);
      await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
        code: "outcome_unknown",
      });
    }

    const env = { SWEEP_DATABASE_URL: target.url, SWEEP_SCHEMA: schema };
    const exits = await Promise.all(
      Array.from({ length: SWEEPERS }, () => runWorker("sweep-worker.ts", env, 120_000)),
    );
    const reports = exits.map((exit) => {
      expect(exit.code, exit.stderr).toBe(0);
      return JSON.parse(exit.stdout.trim()) as { result: { settled: number }; sent: string[] };
    });
    const sent = reports.flatMap((report) => report.sent);
    expect(sent).toHaveLength(PAYMENTS);
    expect(new Set(sent).size).toBe(PAYMENTS);
    expect(reports.reduce((sum, report) => sum + report.result.settled, 0)).toBe(PAYMENTS);

    const captures = await pool.query(
      `SELECT status, count(*)::int AS n, sum(amount)::int AS total FROM "${schema}".captures GROUP BY status`,
    );
    expect(captures.rows).toEqual([
      { status: "succeeded", n: PAYMENTS, total: PAYMENTS * 100 + (PAYMENTS * (PAYMENTS - 1)) / 2 },
    ]);
    const books = await pool.query(
      `SELECT sum(captured_amount)::int AS captured FROM "${schema}".payments`,
    );
    expect(books.rows[0]?.captured).toBe(PAYMENTS * 100 + (PAYMENTS * (PAYMENTS - 1)) / 2);
  });
});
