import type { PGlite } from "@electric-sql/pglite";
import { type PostgresStore, type SqlStoreSettings, sqlStore } from "../sql-store";
import { pgliteDriver } from "./pglite-driver";

export interface PgliteStoreOptions extends Omit<SqlStoreSettings, "migrate"> {
  /** A folder to keep the database in; in memory when not given. Ignored when `pglite` is passed. */
  dataDir?: string;
  /** A PGlite instance of your own; the store never closes it. */
  pglite?: PGlite;
  /** Apply pending migrations before the first transaction. Default true: an embedded database migrates itself. */
  migrate?: boolean;
}

/**
 * An embedded PostgreSQL (PGlite, WebAssembly) in this process: in memory, or
 * persisted to a folder. The same SQL, schema and guarantees as
 * `postgresStore` (`@tender/store-postgres`), with nothing to install or run; PGlite ships inside
 * its npm package and downloads nothing at run time. It is loaded on first use.
 *
 * @example
 * ```ts
 * const service = createPaymentModuleService({
 *   providers: [manual()],
 *   store: pgliteStore({ dataDir: "./.tender-data" }),
 * });
 * ```
 */
export function pgliteStore(options: PgliteStoreOptions = {}): PostgresStore {
  return sqlStore({
    schema: options.schema,
    maxAttempts: options.maxAttempts,
    cacheSize: options.cacheSize,
    groupCommit: options.groupCommit,
    migrate: options.migrate ?? true,
    name: "pglite",
    async open() {
      if (options.pglite) return pgliteDriver(options.pglite, { ownsDatabase: false });
      const { PGlite } = await import("@electric-sql/pglite");
      const db = await PGlite.create(options.dataDir);
      return pgliteDriver(db, { ownsDatabase: true });
    },
  });
}
