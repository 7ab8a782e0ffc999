import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type PostgresStore, postgresStore } from "@tender/store-postgres";
import { pgliteStore } from "@tender/store-postgres/pglite";

/** PGlite's folder when none is given: `.data` in the example, kept across restarts (and gitignored). */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../.data", import.meta.url));

/**
 * The store: PostgreSQL when a database URL is given, otherwise PGlite (an
 * embedded PostgreSQL) in a folder. Both apply Tender's migrations before
 * the first transaction.
 */
export function openStore(options: {
  databaseUrl?: string;
  databaseSchema?: string;
  dataDir?: string;
}): PostgresStore {
  if (options.databaseUrl !== undefined && options.databaseUrl !== "") {
    return postgresStore({
      connectionString: options.databaseUrl,
      migrate: true,
      ...(options.databaseSchema !== undefined ? { schema: options.databaseSchema } : {}),
    });
  }
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  mkdirSync(dataDir, { recursive: true });
  return pgliteStore({ dataDir });
}
