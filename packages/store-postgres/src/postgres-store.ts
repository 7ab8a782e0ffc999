import { TenderError } from "@tender/core";
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
        /**
         * `postgres://user@host:5432/db`: the store makes (and on close ends)
         * its own pool. Default: the `DATABASE_URL` environment variable.
         */
        connectionString?: string;
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
 * Without `pool` or `connectionString` it connects to `DATABASE_URL`; with
 * none of the three it throws a `configuration` {@link TenderError} at once,
 * rather than connecting to whatever node-postgres's defaults point at.
 *
 * @example
 * ```ts
 * const store = postgresStore({ connectionString: process.env.DATABASE_URL, schema: "payments" });
 * await store.migrate(); // at deploy time, or pass migrate: true
 * const service = createPaymentModuleService({ providers: [manual()], store });
 * ```
 */
export function postgresStore(options: PostgresStoreOptions = {}): PostgresStore {
  const connectionString = options.pool ? undefined : connectionStringOf(options);
  return sqlStore({
    ...settingsOf(options),
    name: "postgres",
    open() {
      if (options.pool) return pgDriver(options.pool, { ownsPool: false });
      const pool = new Pool({
        connectionString,
        max: options.poolSize ?? 10,
      });
      // An idle connection that breaks is dropped by the pool; without a listener it would crash the process.
      pool.on("error", () => undefined);
      return pgDriver(pool, { ownsPool: true });
    },
  });
}

function connectionStringOf(options: { connectionString?: string | undefined }): string {
  const given = options.connectionString ?? process.env.DATABASE_URL;
  if (typeof given === "string" && given.trim() !== "") return given;
  throw new TenderError({
    code: "configuration",
    message:
      'postgresStore has no database to connect to: pass postgresStore({ connectionString: "postgres://user@host:5432/db" }) or postgresStore({ pool }) with a node-postgres Pool, or set the DATABASE_URL environment variable.',
  });
}

function settingsOf(options: SqlStoreSettings): SqlStoreSettings {
  return {
    schema: options.schema,
    migrate: options.migrate,
    maxAttempts: options.maxAttempts,
    cacheSize: options.cacheSize,
    groupCommit: options.groupCommit,
  };
}
