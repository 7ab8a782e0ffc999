import { Pool } from "pg";
import { pgDriver } from "./sql/pg-driver";
import { type PostgresStore, type SqlStoreSettings, sqlStore } from "./sql-store";

export type PostgresStoreOptions = SqlStoreSettings &
  (
    | {
        /** Your node-postgres pool; the store borrows a connection per statement and never ends the pool. */
        pool: Pool;
        connectionString?: never;
      }
    | {
        /** `postgres://user@host:5432/db`: the store makes (and on close ends) its own pool. */
        connectionString: string;
        /** Connections in the store's pool. Default 10. */
        poolSize?: number;
        pool?: never;
      }
  );

/**
 * The store for servers: PostgreSQL through a node-postgres pool. Any number
 * of application processes may share one database; see {@link PostgresStore}
 * for how each aggregate stays consistent without holding locks.
 *
 * @example
 * ```ts
 * const store = postgresStore({ connectionString: process.env.DATABASE_URL, schema: "payments" });
 * await store.migrate(); // at deploy time, or pass migrate: true
 * const service = createPaymentModuleService({ providers: [manual()], store });
 * ```
 */
export function postgresStore(options: PostgresStoreOptions): PostgresStore {
  return sqlStore({
    ...settingsOf(options),
    name: "postgres",
    open() {
      if (options.pool) return pgDriver(options.pool, { ownsPool: false });
      const pool = new Pool({
        connectionString: options.connectionString,
        max: options.poolSize ?? 10,
      });
      // An idle connection that breaks is dropped by the pool; without a listener it would crash the process.
      pool.on("error", () => undefined);
      return pgDriver(pool, { ownsPool: true });
    },
  });
}

function settingsOf(options: SqlStoreSettings): SqlStoreSettings {
  return {
    schema: options.schema,
    migrate: options.migrate,
    maxAttempts: options.maxAttempts,
    cacheSize: options.cacheSize,
  };
}
