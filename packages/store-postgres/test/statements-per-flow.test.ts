import { Pool } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { postgresStore } from "../src/index";
import { countFlowStatements } from "./count-flow-statements";
import { usePglite } from "./pglite-fixture";
import { postgresTarget } from "./postgres-target";
import { uniqueSchema } from "./unique-schema";

const { freshStore } = usePglite();
const target = await postgresTarget();
const LIMIT = 20;

describe("SQL statements per accept-payment flow", () => {
  it(`runs collection, session, authorize, capture and refund in at most ${LIMIT} statements on PGlite`, async () => {
    const { store } = await freshStore();
    const { total, steps, refunded } = await countFlowStatements(store);
    console.info(`PGlite: ${total} statements`, steps);
    expect(refunded).toMatchObject({ captured_amount: 3000, refunded_amount: 1000 });
    expect(total).toBeLessThanOrEqual(LIMIT);
  });

  it("takes one statement per step with a local provider (the manual provider), events included, and one to acknowledge them: 6", async () => {
    const { store } = await freshStore();
    const { total, steps, acks, refunded } = await countFlowStatements(store, { local: true });
    expect(refunded).toMatchObject({ captured_amount: 3000, refunded_amount: 1000 });
    expect(steps).toEqual({
      createPaymentCollections: 1,
      createPaymentSession: 1,
      authorizePaymentSession: 1,
      capturePayment: 1,
      refundPayment: 1,
    });
    expect(acks).toBe(1);
    expect(total).toBe(6);
  });

  it("takes a reserve and a finalize commit for each provider step with a remote provider, and one to acknowledge the events: 10", async () => {
    const { store } = await freshStore();
    const { total, steps, acks } = await countFlowStatements(store);
    expect(steps).toEqual({
      createPaymentCollections: 1,
      createPaymentSession: 2,
      authorizePaymentSession: 2,
      capturePayment: 2,
      refundPayment: 2,
    });
    expect(acks).toBe(1);
    expect(total).toBe(10);
  });

  describe.skipIf(target.skip)("on PostgreSQL", () => {
    const pool = target.available ? new Pool({ connectionString: target.url, max: 4 }) : undefined;
    afterAll(async () => {
      await pool?.end();
    });

    it(`runs the same flow in at most ${LIMIT} statements`, async () => {
      if (!pool) throw new Error(target.message);
      const schema = uniqueSchema("count");
      const store = postgresStore({ pool, schema });
      try {
        await store.migrate();
        const { total, steps } = await countFlowStatements(store);
        console.info(`PostgreSQL: ${total} statements`, steps);
        expect(total).toBeLessThanOrEqual(LIMIT);
      } finally {
        await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
    });
  });
});
