import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, onTestFinished } from "vitest";
import type { PostgresStore } from "../src/index";
import { type PgliteStoreOptions, pgliteStore } from "../src/pglite/index";
import { uniqueSchema } from "./unique-schema";

/**
 * One in-memory PGlite for a test file; `freshStore` gives a test a migrated
 * store in a schema of its own, dropped when the test ends. Several stores over
 * one schema stand for several processes sharing one database.
 */
export function usePglite() {
  let db: PGlite | undefined;
  beforeAll(async () => {
    db = await PGlite.create();
  });
  afterAll(async () => {
    await db?.close();
  });
  const pglite = (): PGlite => {
    if (!db) throw new Error("PGlite starts in beforeAll; use it inside a test.");
    return db;
  };
  const freshStore = async (
    options: Omit<PgliteStoreOptions, "pglite" | "schema" | "dataDir"> = {},
  ): Promise<{
    store: PostgresStore;
    schema: string;
    another(settings?: { maxAttempts?: number }): PostgresStore;
  }> => {
    const schema = uniqueSchema("sql");
    const store = pgliteStore({ ...options, pglite: pglite(), schema });
    await store.migrate();
    store.resetStats();
    onTestFinished(async () => {
      await pglite().exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    });
    return {
      store,
      schema,
      another: (settings = {}) => pgliteStore({ ...settings, pglite: pglite(), schema }),
    };
  };
  return { pglite, freshStore };
}
