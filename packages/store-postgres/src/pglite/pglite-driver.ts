import type { PGlite } from "@electric-sql/pglite";
import type { SqlDriver, SqlRow } from "../sql/sql-driver";

/**
 * PGlite: PostgreSQL in this process. It runs one statement at a time, which
 * suits the store: no transaction spans two statements, so concurrent
 * transactions interleave statement by statement and never wait on each other.
 */
export function pgliteDriver(db: PGlite, options: { ownsDatabase: boolean }): SqlDriver {
  return {
    async query(text, params) {
      return (await db.query<SqlRow>(text, [...params])).rows;
    },
    exclusive(work) {
      return db.transaction((tx) =>
        work({
          async query(text, params = []) {
            return (await tx.query<SqlRow>(text, [...params])).rows;
          },
          async script(text) {
            await tx.exec(text);
          },
        }),
      );
    },
    async close() {
      if (options.ownsDatabase && !db.closed) await db.close();
    },
  };
}
