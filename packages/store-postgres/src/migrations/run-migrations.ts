import type { SqlNames } from "../schema/sql-names";
import type { SqlDriver } from "../sql/sql-driver";
import { MIGRATIONS } from "./migrations";

export interface MigrationResult {
  /** Versions applied by this call, in order (empty when the schema was current). */
  applied: number[];
  /** The schema's version now. */
  version: number;
}

/**
 * Applies the migrations a schema lacks, in one transaction that holds a
 * transaction-scoped advisory lock named after the schema: processes starting
 * at once queue on the lock, and each after the first finds nothing to do.
 */
export async function runMigrations(driver: SqlDriver, names: SqlNames): Promise<MigrationResult> {
  return driver.exclusive(async (session) => {
    await session.query("SELECT pg_advisory_xact_lock(hashtext($1::text))", [
      `tender.migrate.${names.schema}`,
    ]);
    await session.script(`
CREATE SCHEMA IF NOT EXISTS ${names.quotedSchema};
CREATE TABLE IF NOT EXISTS ${names.migrations} (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);`);
    const rows = await session.query(`SELECT version FROM ${names.migrations}`);
    const done = new Set(rows.map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await session.script(migration.sql(names.quotedSchema));
      await session.query(
        `INSERT INTO ${names.migrations} (version, name) VALUES ($1::integer, $2::text)`,
        [migration.version, migration.name],
      );
      applied.push(migration.version);
    }
    const version = Math.max(0, ...done, ...applied);
    return { applied, version };
  });
}
