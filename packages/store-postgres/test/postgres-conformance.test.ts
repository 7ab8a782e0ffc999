import { describeStoreConformance } from "@tender/testkit";
import { Pool } from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { postgresStore } from "../src/index";
import { postgresTarget } from "./postgres-target";
import { uniqueSchema } from "./unique-schema";

const target = await postgresTarget();

// The suite at PostgreSQL's default isolation (READ COMMITTED), then at SERIALIZABLE, the
// level PostgreSQL-compatible distributed databases (CockroachDB, YugabyteDB) run at:
// serialization failures there are retried inside the store, never seen by the service.
describe.skipIf(target.skip).each([
  ["PostgreSQL", undefined],
  ["PostgreSQL at SERIALIZABLE", "-c default_transaction_isolation=serializable"],
])("%s", (name, options) => {
  let pool: Pool | undefined;
  beforeAll(async () => {
    if (!target.available) throw new Error(target.message);
    pool = new Pool({ connectionString: target.url, max: 10, ...(options ? { options } : {}) });
    const [row] = (await pool.query("SHOW transaction_isolation")).rows;
    if (options && row?.transaction_isolation !== "serializable") {
      throw new Error(`The pool runs at ${String(row?.transaction_isolation)}, not serializable.`);
    }
  });
  afterAll(async () => {
    await pool?.end();
  });

  // A fresh schema per test, dropped after it.
  describeStoreConformance(name, async () => {
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
