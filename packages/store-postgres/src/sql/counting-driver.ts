import type { SqlDriver, SqlSession } from "./sql-driver";

/** What a store has done since it was made or its stats were reset. */
export interface StoreStats {
  /** SQL statements sent (a migration script counts once). */
  statements: number;
  /** Transactions that found their aggregate changed at commit, wrote nothing, and ran again. */
  retries: number;
}

export interface CountingDriver {
  readonly driver: SqlDriver;
  stats(): StoreStats;
  countRetry(): void;
  reset(): void;
}

/** Wraps a driver to count every statement sent through it, so tests and benchmarks can report SQL per flow. */
export function countingDriver(inner: SqlDriver): CountingDriver {
  let statements = 0;
  let retries = 0;
  const driver: SqlDriver = {
    query(text, params) {
      statements++;
      return inner.query(text, params);
    },
    exclusive(work) {
      // BEGIN and COMMIT are statements too.
      statements += 2;
      return inner.exclusive((session) =>
        work({
          query(text, params) {
            statements++;
            return session.query(text, params);
          },
          script(text) {
            statements++;
            return session.script(text);
          },
        } satisfies SqlSession),
      );
    },
    close: () => inner.close(),
  };
  return {
    driver,
    stats: () => ({ statements, retries }),
    countRetry() {
      retries++;
    },
    reset() {
      statements = 0;
      retries = 0;
    },
  };
}
