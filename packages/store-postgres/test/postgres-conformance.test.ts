import { Pool } from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { describeStoreConformance } from "../src/conformance/store-conformance";
import { postgresStore } from "../src/index";
import { postgresTarget } from "./postgres-target";
import { uniqueSchema } from "./unique-schema";

const target = await postgresTarget();

describe.skipIf(target.skip)("PostgreSQL", () => {
  let pool: Pool | undefined;
  beforeAll(() => {
    if (!target.available) throw new Error(target.message);
    pool = new Pool({ connectionString: target.url, max: 10 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  // A fresh schema per test, dropped after it.
  describeStoreConformance("PostgreSQL", async () => {
    if (!pool) throw new Error(target.message);
    const shared = pool;
    const schema = uniqueSchema("conformance");
    const store = postgresStore({ pool: shared, schema });
    await store.migrate();
    return {
      store,
      async cleanup() {
        await store.close();
        await shared.query(`DROP SCHEMA "${schema}" CASCADE`);
      },
    };
  });
});
