import { isFromNewerVersion, type OutboxEvent, type OutboxStore } from "@tender/core";
import { decodeRecord } from "../schema/decode-record";
import type { SqlNames } from "../schema/sql-names";
import { isTransientConflict, toTenderError } from "../sql/database-error";
import type { SqlDriver, SqlRow } from "../sql/sql-driver";

/** Serialization failures (SERIALIZABLE, distributed databases) are retried this often. */
const ATTEMPTS = 10;

/**
 * The outbox of a SQL store. Events are inserted by the commit statement of
 * the change that caused them; the relay reads, holds, acknowledges (deletes)
 * and releases them here, one statement each, with no advisory lock and no
 * LISTEN/NOTIFY: a claim is a conditional UPDATE, so two relays never hold one
 * event at once under READ COMMITTED or SERIALIZABLE.
 */
export function sqlOutbox(ready: () => Promise<SqlDriver>, names: SqlNames): OutboxStore {
  const table = names.table("outbox_events");
  const run = async (text: string, params: readonly unknown[], doing: string) => {
    const driver = await ready();
    for (let attempt = 1; ; attempt++) {
      try {
        return await driver.query(text, params);
      } catch (error) {
        if (!isTransientConflict(error) || attempt >= ATTEMPTS) throw toTenderError(error, doing);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** attempt));
      }
    }
  };
  const decode = (rows: SqlRow[]): OutboxEvent[] =>
    rows.map((row) => decodeRecord.outbox_events(row.row));
  // A claimed row written by a newer version (a payload format this one does not read) is left
  // out, held until its claim runs out, for a relay that reads it; the rest of the batch goes on.
  const readable = (rows: SqlRow[]): OutboxEvent[] => {
    const events: OutboxEvent[] = [];
    for (const { row } of rows) {
      try {
        events.push(decodeRecord.outbox_events(row));
      } catch (error) {
        if (!isFromNewerVersion(error)) throw error;
      }
    }
    return events;
  };

  return {
    async claim({ now, claimUntil, limit }) {
      // Each collection's earliest waiting event is its head: later ones wait behind it, so a
      // collection's events are delivered in commit order even while the head is retried. Due
      // events are found through outbox_events_due_idx; each is kept only if it is its lane's head.
      const rows = await run(
        `WITH picked AS (
  SELECT e.id FROM ${table} AS e
  CROSS JOIN LATERAL (
    SELECT p.id FROM ${table} AS p WHERE p.aggregate_id = e.aggregate_id AND p.parked_at IS NULL
    ORDER BY p.sequence LIMIT 1
  ) AS head
  WHERE e.parked_at IS NULL AND e.available_at <= $1::timestamptz AND head.id = e.id
    AND (e.claimed_until IS NULL OR e.claimed_until <= $1::timestamptz)
  ORDER BY e.available_at, e.id LIMIT $3::bigint
)
UPDATE ${table} AS o SET claimed_until = $2::timestamptz
FROM picked WHERE o.id = picked.id AND (o.claimed_until IS NULL OR o.claimed_until <= $1::timestamptz)
RETURNING to_json(o) AS row`,
        [now.toISOString(), claimUntil.toISOString(), limit],
        "claiming outbox events",
      );
      return readable(rows).sort(
        (a, b) => a.available_at.getTime() - b.available_at.getTime() || a.sequence - b.sequence,
      );
    },
    async ack(ids) {
      if (ids.length === 0) return;
      await run(
        `DELETE FROM ${table} WHERE id = ANY($1::text[])`,
        [[...ids]],
        "acknowledging outbox events",
      );
    },
    async release(id, outcome) {
      await run(
        `UPDATE ${table} SET attempts = $2::integer, available_at = $3::timestamptz, parked_at = $4::timestamptz,
  last_error = $5::text, claimed_until = NULL, updated_at = now() WHERE id = $1::text`,
        [
          id,
          outcome.attempts,
          outcome.available_at.toISOString(),
          outcome.parked_at?.toISOString() ?? null,
          outcome.last_error,
        ],
        "releasing an outbox event",
      );
    },
    async list({ state, limit }) {
      const rows = await run(
        `SELECT to_json(e) AS row FROM ${table} AS e WHERE e.parked_at IS ${state === "parked" ? "NOT NULL" : "NULL"}
ORDER BY e.created_at, e.aggregate_id, e.sequence LIMIT $1::bigint`,
        [limit ?? 100],
        "listing outbox events",
      );
      return decode(rows);
    },
    async replay(ids, now) {
      if (ids.length === 0) return 0;
      const rows = await run(
        `UPDATE ${table} SET parked_at = NULL, attempts = 0, available_at = $2::timestamptz, claimed_until = NULL,
  last_error = NULL, updated_at = $2::timestamptz WHERE id = ANY($1::text[]) AND parked_at IS NOT NULL RETURNING id`,
        [[...ids], now.toISOString()],
        "replaying outbox events",
      );
      return rows.length;
    },
  };
}
