import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresStore } from "../src/index";
import { postgresTarget } from "./postgres-target";
import { runWorker } from "./run-worker";
import { uniqueSchema } from "./unique-schema";

const target = await postgresTarget();
interface Logged {
  id: string;
  name: string;
  data: Record<string, { id?: string }>;
  by: "writer" | "restart";
}

describe.skipIf(target.skip)("the outbox across a crash, on PostgreSQL", () => {
  let pool: Pool | undefined;
  const schema = uniqueSchema("crash");
  const dir = mkdtempSync(join(tmpdir(), "tender-crash-"));
  beforeAll(async () => {
    if (!target.available) throw new Error(target.message);
    pool = new Pool({ connectionString: target.url, max: 2 });
    await postgresStore({ pool, schema }).migrate();
  });
  afterAll(async () => {
    await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool?.end();
    rmSync(dir, { recursive: true, force: true });
  });

  // Seeded: the writer dies at event 23 (the 5th flow's authorization), the same every run.
  it("delivers every committed event after a SIGKILL between commit and delivery, none twice to a subscriber that dedupes by id", async () => {
    if (!pool) throw new Error(target.message);
    const log = join(dir, "events.jsonl");
    const env = { CRASH_DATABASE_URL: target.url, CRASH_SCHEMA: schema, CRASH_LOG: log };

    // A process under load can take a while to start (tsx compiles the worker): generous timeouts.
    const writer = await runWorker(
      "outbox-crash-worker.ts",
      { ...env, CRASH_MODE: "write", CRASH_AT: "23" },
      120_000,
    );
    expect(writer.signal).toBe("SIGKILL");
    const waiting = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".outbox_events`);
    expect(waiting.rows[0]?.n).toBeGreaterThan(0);

    const restart = await runWorker(
      "outbox-crash-worker.ts",
      { ...env, CRASH_MODE: "restart" },
      120_000,
    );
    expect(restart.code, restart.stderr).toBe(0);
    const left = await pool.query(`SELECT count(*)::int AS n FROM "${schema}".outbox_events`);
    expect(left.rows[0]?.n).toBe(0);

    // The oracle is the books: one event per record the flows committed.
    const delivered: Logged[] = readFileSync(log, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(new Set(delivered.map((event) => event.id)).size).toBe(delivered.length);
    expect(delivered.some((event) => event.by === "restart")).toBe(true);
    const ids = (sql: string) =>
      pool?.query(sql).then((result) => result.rows.map((row) => String(row.id)).sort());
    const idsOf = (name: string, key: string) =>
      delivered
        .filter((event) => event.name === name)
        .map((event) => String(event.data[key]?.id))
        .sort();
    expect(idsOf("payment_collection.created", "collection")).toEqual(
      await ids(`SELECT id FROM "${schema}".payment_collections`),
    );
    expect(idsOf("payment_session.created", "session")).toEqual(
      await ids(`SELECT id FROM "${schema}".payment_sessions`),
    );
    expect(idsOf("payment_session.authorized", "payment")).toEqual(
      await ids(`SELECT id FROM "${schema}".payments`),
    );
    expect(idsOf("payment.captured", "capture")).toEqual(
      await ids(`SELECT id FROM "${schema}".captures WHERE status = 'succeeded'`),
    );
    expect(idsOf("payment.refunded", "refund")).toEqual(
      await ids(`SELECT id FROM "${schema}".refunds WHERE status = 'succeeded'`),
    );
  });
});
