import { PGlite } from "@electric-sql/pglite";
import { describeStoreConformance } from "@tender/testkit";
import { afterAll, beforeAll } from "vitest";
import { pgliteStore } from "../src/pglite/index";
import { uniqueSchema } from "./unique-schema";

// One in-memory PGlite for the file (it takes seconds to start); every test gets its own schema.
let db: PGlite | undefined;
beforeAll(async () => {
  db = await PGlite.create();
});
afterAll(async () => {
  await db?.close();
});

describeStoreConformance("PGlite", async () => {
  if (!db) throw new Error("PGlite did not start.");
  const pglite = db;
  const schema = uniqueSchema("conformance");
  const store = pgliteStore({ pglite, schema });
  await store.migrate();
  return {
    store,
    async cleanup() {
      await store.close();
      await pglite.exec(`DROP SCHEMA "${schema}" CASCADE`);
    },
  };
});
