import { createHash } from "node:crypto";
import type { Pool, PoolClient } from "pg";
import type { SqlDriver, SqlRow, SqlSession } from "./sql-driver";

/** node-postgres: each statement borrows a pooled connection for that statement only. */
export function pgDriver(pool: Pool, options: { ownsPool: boolean }): SqlDriver {
  return {
    async query(text, params) {
      // Named statements are parsed and planned once per connection, then reused:
      // the store sends a few shapes of statement over and over.
      const result = await pool.query<SqlRow>({
        name: statementName(text),
        text,
        values: [...params],
      });
      return result.rows;
    },
    async exclusive(work) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await work(sessionOf(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {
          broken = true;
        });
        throw error;
      } finally {
        // A connection that could not roll back is destroyed, not returned to the pool.
        client.release(broken);
      }
    },
    async close() {
      if (options.ownsPool) await pool.end();
    },
  };
}

function sessionOf(client: PoolClient): SqlSession {
  return {
    async query(text, params = []) {
      return (await client.query<SqlRow>(text, [...params])).rows;
    },
    async script(text) {
      // Without parameters node-postgres uses the simple protocol, which takes several statements.
      await client.query(text);
    },
  };
}

const names = new Map<string, string>();

/** A stable name per statement text (node-postgres prepares each name once per connection). */
function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `tender_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    if (names.size > 10_000) names.clear();
    names.set(text, name);
  }
  return name;
}
