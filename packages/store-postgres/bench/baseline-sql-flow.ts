import { randomUUID } from "node:crypto";
import type { Pool, PoolClient } from "pg";

/**
 * The benchmark's baseline: the accept-payment flow as the minimum plain SQL
 * with `pg`. One INSERT per record plus the status UPDATEs, one transaction
 * per step, a row lock and re-read on capture and refund. No validation, no
 * idempotency, no events: what a hand-written integration would do.
 */
export interface BaselineFlow {
  setup(): Promise<void>;
  run(): Promise<Record<string, number>>;
  statements(): number;
  seed(collections: number): Promise<void>;
  drop(): Promise<void>;
}

export function baselineSqlFlow(pool: Pool, schema: string): BaselineFlow {
  let statements = 0;
  const q = async (client: Pool | PoolClient, text: string, values: unknown[] = []) => {
    statements++;
    return client.query(text, values);
  };
  const inTx = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await q(client, "BEGIN");
      const result = await work(client);
      await q(client, "COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    } finally {
      client.release();
    }
  };
  const s = `"${schema}"`;

  return {
    async setup() {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await pool.query(`
        CREATE TABLE ${s}.collections (id text PRIMARY KEY, currency text NOT NULL, amount bigint NOT NULL, status text NOT NULL,
          authorized bigint NOT NULL DEFAULT 0, captured bigint NOT NULL DEFAULT 0, refunded bigint NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE ${s}.sessions (id text PRIMARY KEY, collection_id text NOT NULL REFERENCES ${s}.collections(id), provider text NOT NULL,
          amount bigint NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
        CREATE INDEX ON ${s}.sessions (collection_id);
        CREATE TABLE ${s}.payments (id text PRIMARY KEY, session_id text NOT NULL REFERENCES ${s}.sessions(id), collection_id text NOT NULL REFERENCES ${s}.collections(id),
          amount bigint NOT NULL, captured bigint NOT NULL DEFAULT 0, refunded bigint NOT NULL DEFAULT 0, status text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
        CREATE INDEX ON ${s}.payments (collection_id);
        CREATE TABLE ${s}.captures (id text PRIMARY KEY, payment_id text NOT NULL REFERENCES ${s}.payments(id), amount bigint NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
        CREATE INDEX ON ${s}.captures (payment_id);
        CREATE TABLE ${s}.refunds (id text PRIMARY KEY, payment_id text NOT NULL REFERENCES ${s}.payments(id), amount bigint NOT NULL, status text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
        CREATE INDEX ON ${s}.refunds (payment_id);
      `);
    },
    async run() {
      const times: Record<string, number> = {};
      const time = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
        const start = performance.now();
        const result = await work();
        times[step] = performance.now() - start;
        return result;
      };
      const collectionId = `paycol_${randomUUID()}`;
      const sessionId = `payses_${randomUUID()}`;
      const paymentId = `pay_${randomUUID()}`;
      await time("collection", () =>
        q(
          pool,
          `INSERT INTO ${s}.collections (id, currency, amount, status) VALUES ($1, 'usd', 5000, 'not_paid')`,
          [collectionId],
        ),
      );
      await time("session", () =>
        q(
          pool,
          `INSERT INTO ${s}.sessions (id, collection_id, provider, amount, status) VALUES ($1, $2, 'manual', 5000, 'pending')`,
          [sessionId, collectionId],
        ),
      );
      await time("authorize", () =>
        inTx(async (c) => {
          await q(
            c,
            `INSERT INTO ${s}.payments (id, session_id, collection_id, amount, status) VALUES ($1, $2, $3, 5000, 'authorized')`,
            [paymentId, sessionId, collectionId],
          );
          await q(c, `UPDATE ${s}.sessions SET status = 'authorized' WHERE id = $1`, [sessionId]);
          await q(
            c,
            `UPDATE ${s}.collections SET status = 'authorized', authorized = 5000 WHERE id = $1`,
            [collectionId],
          );
        }),
      );
      await time("capture", () =>
        inTx(async (c) => {
          const { rows } = await q(
            c,
            `SELECT amount, captured FROM ${s}.payments WHERE id = $1 FOR UPDATE`,
            [paymentId],
          );
          const row: { amount: string; captured: string } = rows[0];
          const amount = Number(row.amount) - Number(row.captured);
          await q(
            c,
            `INSERT INTO ${s}.captures (id, payment_id, amount, status) VALUES ($1, $2, $3, 'succeeded')`,
            [`capt_${randomUUID()}`, paymentId, amount],
          );
          await q(
            c,
            `UPDATE ${s}.payments SET captured = captured + $2, status = 'captured' WHERE id = $1`,
            [paymentId, amount],
          );
          await q(
            c,
            `UPDATE ${s}.collections SET status = 'completed', captured = captured + $2 WHERE id = $1`,
            [collectionId, amount],
          );
        }),
      );
      await time("refund", () =>
        inTx(async (c) => {
          const { rows } = await q(
            c,
            `SELECT captured, refunded FROM ${s}.payments WHERE id = $1 FOR UPDATE`,
            [paymentId],
          );
          const row: { captured: string; refunded: string } = rows[0];
          const amount = Math.min(1500, Number(row.captured) - Number(row.refunded));
          await q(
            c,
            `INSERT INTO ${s}.refunds (id, payment_id, amount, status) VALUES ($1, $2, $3, 'succeeded')`,
            [`ref_${randomUUID()}`, paymentId, amount],
          );
          await q(
            c,
            `UPDATE ${s}.payments SET refunded = refunded + $2, status = 'partially_refunded' WHERE id = $1`,
            [paymentId, amount],
          );
          await q(
            c,
            `UPDATE ${s}.collections SET status = 'partially_refunded', refunded = refunded + $2 WHERE id = $1`,
            [collectionId, amount],
          );
        }),
      );
      return times;
    },
    statements: () => statements,
    async seed(collections) {
      await pool.query(
        `INSERT INTO ${s}.collections (id, currency, amount, status) SELECT 'paycol_seed_' || g, 'usd', 5000, 'not_paid' FROM generate_series(1, $1) g`,
        [collections],
      );
    },
    async drop() {
      await pool.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    },
  };
}
