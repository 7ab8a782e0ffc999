import { PGlite } from "@electric-sql/pglite";
import { aggregateTables, TABLE_NAMES } from "@tender/core/internal";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgliteStore } from "../pglite/index";
import { columnsOf } from "../schema/columns";
import { AGGREGATE_TABLES } from "../transaction/row-maps";

const SQL_TYPES = {
  text: "text",
  bigint: "bigint",
  integer: "integer",
  timestamptz: "timestamp with time zone",
  jsonb: "jsonb",
  json: "json",
} as const;

// The tables and fields are declared once, in core; the migrations must build exactly those.
describe("the migrated schema", () => {
  let db: PGlite | undefined;
  beforeAll(async () => {
    db = await PGlite.create();
    await pgliteStore({ pglite: db, schema: "declared" }).migrate();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("has every table core declares, each with exactly its declared columns and types", async () => {
    if (!db) throw new Error("PGlite did not start.");
    const { rows } = await db.query<{ table_name: string; column_name: string; data_type: string }>(
      "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'declared' AND table_name <> 'tender_migrations'",
    );
    const migrated: Record<string, Record<string, string>> = {};
    for (const row of rows) {
      migrated[row.table_name] = { ...migrated[row.table_name], [row.column_name]: row.data_type };
    }
    const declared: Record<string, Record<string, string>> = {};
    for (const table of TABLE_NAMES) {
      declared[table] = Object.fromEntries(
        columnsOf(table).map(([column, type]) => [column, SQL_TYPES[type]]),
      );
    }
    // The aggregate's optimistic version lives on the collection row only: it is the store's, not a record field.
    declared.payment_collections = { ...declared.payment_collections, version: "bigint" };
    expect(migrated).toEqual(declared);
  });

  it("loads as one aggregate exactly the tables core says hang from a collection", () => {
    expect([...AGGREGATE_TABLES].sort()).toEqual(aggregateTables().sort());
  });
});
