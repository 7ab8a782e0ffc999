import { collectionRecord } from "@tender/testkit";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresStore } from "../src/index";
import { postgresTarget } from "./postgres-target";
import { uniqueSchema } from "./unique-schema";

const target = await postgresTarget();

describe.skipIf(target.skip)("postgresStore on PostgreSQL", () => {
  let admin: Pool | undefined;
  const schemas: string[] = [];
  beforeAll(() => {
    if (!target.available) throw new Error(target.message);
    admin = new Pool({ connectionString: target.url, max: 2 });
  });
  afterAll(async () => {
    for (const schema of schemas) await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin?.end();
  });
  const schemaForTest = () => {
    const schema = uniqueSchema("pgstore");
    schemas.push(schema);
    return schema;
  };

  it("migrates a schema once when four processes start at once", async () => {
    const schema = schemaForTest();
    const stores = Array.from({ length: 4 }, () =>
      postgresStore({ connectionString: target.url, schema, poolSize: 1 }),
    );
    try {
      const results = await Promise.all(stores.map((store) => store.migrate()));
      expect(results.filter((result) => result.applied.length > 0)).toEqual([
        { applied: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], version: 11 },
      ]);
      expect(results.every((result) => result.version === 11)).toBe(true);
      const recorded = await admin?.query(`SELECT version FROM "${schema}".tender_migrations`);
      expect(recorded?.rows).toEqual([
        { version: 1 },
        { version: 2 },
        { version: 3 },
        { version: 4 },
        { version: 5 },
        { version: 6 },
        { version: 7 },
        { version: 8 },
        { version: 9 },
        { version: 10 },
        { version: 11 },
      ]);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it("makes its own pool from a connection string, migrates on first use when asked, and ends the pool on close", async () => {
    const schema = schemaForTest();
    const store = postgresStore({
      connectionString: target.url,
      schema,
      migrate: true,
      poolSize: 2,
    });
    await store.transaction((tx) => tx.insert("payment_collections", collectionRecord("paycol_1")));
    expect(await store.transaction((tx) => tx.get("payment_collections", "paycol_1"))).toEqual(
      collectionRecord("paycol_1"),
    );
    await store.close();
    await expect(
      store.transaction((tx) => tx.get("payment_collections", "paycol_1")),
    ).rejects.toMatchObject({
      code: "store_error",
    });
  });

  it("leaves a pool it was given open when it closes", async () => {
    if (!admin) throw new Error(target.message);
    const schema = schemaForTest();
    const store = postgresStore({ pool: admin, schema });
    await store.migrate();
    await store.close();
    expect((await admin.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });
});
