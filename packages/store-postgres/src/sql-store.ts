import type { PaymentStore, StoreTransaction, TransactionOptions } from "@tender/core";
import { type MigrationResult, runMigrations } from "./migrations/run-migrations";
import { sqlOutbox } from "./outbox/sql-outbox";
import { type SqlNames, sqlNames } from "./schema/sql-names";
import { countingDriver, type StoreStats } from "./sql/counting-driver";
import { toTenderError } from "./sql/database-error";
import type { SqlDriver } from "./sql/sql-driver";
import { AggregateCache } from "./transaction/aggregate-cache";
import { type CommitSender, groupCommits, soloCommits } from "./transaction/group-commit";
import { runOptimistic } from "./transaction/run-optimistic";

/** Settings shared by {@link postgresStore} and `pgliteStore` (`@tender/store-postgres/pglite`). */
export interface SqlStoreSettings {
  /** The PostgreSQL schema holding Tender's tables (created by `migrate`). Default `"tender"`. */
  schema?: string;
  /** Apply pending migrations before the first transaction. */
  migrate?: boolean;
  /** How often a transaction runs when other processes keep committing to its aggregate first. Default 20. */
  maxAttempts?: number;
  /**
   * How many aggregates this process keeps to start transactions from
   * without reading them (their versions are checked at commit). Default
   * 10,000; 0 turns the cache off.
   */
  cacheSize?: number;
  /**
   * Group commit: while a commit is on its way to PostgreSQL, the commits
   * made in one turn of the event loop with the same shape and on different
   * rows go as one statement (at most 8 in one). Default true; false sends
   * each on its own.
   */
  groupCommit?: boolean;
}

/**
 * A Tender store in PostgreSQL (a server through node-postgres, or PGlite in
 * this process).
 *
 * Each payment collection with its sessions, payments, captures and refunds
 * is one aggregate with a version. A transaction opens no database
 * transaction: it reads an aggregate whole in one statement, works in memory,
 * and commits every write in one statement that first checks and bumps the
 * version of each aggregate it locked or changed. If another process
 * committed first, nothing is written and the work runs again on fresh data,
 * so every aggregate's changes are serializable, and no lock or transaction
 * is held between statements, let alone across a provider call.
 *
 * Because of the retry, `transaction(work)` may run `work` more than once:
 * `work` must do nothing outside the transaction (Tender's service already
 * emits events only after the commit and calls providers outside transactions).
 *
 * Rows outside aggregates (refund reasons, account holders, idempotency keys,
 * webhook events) are read with plain SELECTs; `lock` on them is a read, and
 * their uniqueness is kept by constraints: an insert that collides fails the
 * whole commit with `duplicate`, from `insert` or at the latest from
 * `transaction`.
 */
export interface PostgresStore extends PaymentStore {
  readonly schema: string;
  /** Applies pending migrations (safe when several processes call it at once). */
  migrate(): Promise<MigrationResult>;
  /** SQL statements sent and transactions retried since the store was made or {@link PostgresStore.resetStats} was called. */
  stats(): StoreStats;
  resetStats(): void;
  /** Closes what the store opened itself; a pool or PGlite instance passed in stays open. */
  close(): Promise<void>;
}

export interface SqlStoreOptions extends SqlStoreSettings {
  readonly name: string;
  /** Opens the driver on first use (so making a store does no I/O). */
  open(): Promise<SqlDriver> | SqlDriver;
}

/**
 * The store over any {@link SqlDriver}: what {@link postgresStore} and
 * `pgliteStore` (`@tender/store-postgres/pglite`) are made of, for a PostgreSQL client of your own. The
 * driver must send each `query` as one autocommitting statement.
 *
 * @example
 * ```ts
 * const store = sqlStore({
 *   name: "my-postgres",
 *   schema: "tender",
 *   open: () => ({
 *     query: (text, params) => client.unsafe(text, [...params]),
 *     exclusive: (work) => client.begin((tx) => work({ query: (t, p = []) => tx.unsafe(t, [...p]), script: (t) => tx.unsafe(t) })),
 *     close: () => client.end(),
 *   }),
 * });
 * ```
 */
export function sqlStore(options: SqlStoreOptions): PostgresStore {
  const names: SqlNames = sqlNames(options.schema ?? "tender");
  const maxAttempts = Math.max(1, options.maxAttempts ?? 20);
  let counted: ReturnType<typeof countingDriver> | undefined;
  let opening: Promise<SqlDriver> | undefined;
  let migrated: Promise<unknown> | undefined;
  let closing: Promise<void> | undefined;
  const cache =
    options.cacheSize === 0 ? undefined : new AggregateCache(options.cacheSize ?? 10_000);

  let commits: CommitSender | undefined;
  const driver = (): Promise<SqlDriver> => {
    opening ??= Promise.resolve(options.open()).then((inner) => {
      counted = countingDriver(inner);
      return counted.driver;
    });
    return opening;
  };
  const migrate = async (): Promise<MigrationResult> => {
    const opened = await driver();
    try {
      const result = await runMigrations(opened, names);
      migrated ??= Promise.resolve(result);
      return result;
    } catch (error) {
      throw toTenderError(error, `migrating schema ${names.schema}`);
    }
  };
  const ready = async (): Promise<SqlDriver> => {
    const opened = await driver();
    if (options.migrate) {
      migrated ??= migrate().catch((error: unknown) => {
        migrated = undefined;
        throw error;
      });
      await migrated;
    }
    return opened;
  };

  return {
    name: options.name,
    schema: names.schema,
    async transaction<T>(
      work: (tx: StoreTransaction) => Promise<T>,
      transactionOptions: TransactionOptions = {},
    ): Promise<T> {
      const opened = await ready();
      commits ??= options.groupCommit === false ? soloCommits(opened) : groupCommits(opened, names);
      return runOptimistic({ driver: opened, names, cache, commits }, work, {
        precheck: transactionOptions.precheck === true,
        maxAttempts,
        onConflict: () => counted?.countRetry(),
      });
    },
    outbox: sqlOutbox(ready, names),
    migrate,
    stats: () => counted?.stats() ?? { statements: 0, retries: 0 },
    resetStats: () => counted?.reset(),
    close() {
      closing ??= opening ? opening.then((opened) => opened.close()) : Promise.resolve();
      return closing;
    },
  };
}
