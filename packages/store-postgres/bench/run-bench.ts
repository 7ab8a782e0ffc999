import { writeFileSync } from "node:fs";
import { memoryStore } from "@tender/core";
import pg from "pg";
import { postgresStore } from "../src/index";
import { pgliteStore } from "../src/pglite/index";
import { baselineSqlFlow } from "./baseline-sql-flow";
import { crowdedCollectionFlow } from "./crowded-collection-flow";
import { type Measurement, measure } from "./measure";
import { minimalMemoryFlow } from "./minimal-memory-flow";
import { type ResultRow, resultsTable } from "./results-table";
import { tenderFlow } from "./tender-flow";

/**
 * `pnpm bench`: the accept-payment flow (collection -> session -> authorize
 * -> capture -> refund, manual provider, a subscriber to `payment.captured`;
 * on PostgreSQL also one to every event) on the memory store, PGlite and
 * PostgreSQL, at 1 and 16 flows in flight, next to baselines measured in the
 * same run: minimal plain SQL with `pg` on the same PostgreSQL, and plain Maps
 * for the memory store, and on the memory store with 1,000 sessions on each
 * collection already. Then the same on PostgreSQL with 1,000,000 collections
 * already in the tables. It ends with every row in one table, printed and
 * written to `BENCH_OUT` (default `bench/results.md`).
 */
const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const FLOWS = {
  1: Number(process.env.BENCH_FLOWS_1 ?? 400),
  16: Number(process.env.BENCH_FLOWS_16 ?? 2000),
};
const SEED = Number(process.env.BENCH_SEED ?? 1_000_000);
const WARMUP = 50;
const run = Date.now().toString(36);
const OUT = process.env.BENCH_OUT ?? "bench/results.md";
const rows: ResultRow[] = [];
let group = "";

function print(m: Measurement, baseline?: Measurement): void {
  const ratio = baseline
    ? `  ours/baseline ${(m.flowsPerSecond / baseline.flowsPerSecond).toFixed(2)}`
    : "";
  const statements =
    m.statementsPerFlow === null ? "" : `  ${m.statementsPerFlow.toFixed(1)} SQL/flow`;
  const steps = Object.entries(m.latency)
    .map(([step, { p50, p99 }]) => `${step} ${p50.toFixed(2)}/${p99.toFixed(2)}`)
    .join("  ");
  console.log(
    `${m.label.padEnd(34)} c=${String(m.concurrency).padEnd(2)} ${m.flowsPerSecond.toFixed(0).padStart(6)} flows/s${statements}${ratio}`,
  );
  console.log(`${"".padEnd(38)}p50/p99 ms: ${steps}`);
  rows.push({ group, measurement: m, ...(baseline ? { baseline } : {}) });
}

async function main(): Promise<void> {
  console.log(
    `Tender benchmark (node ${process.version}); PostgreSQL: ${url.replace(/:[^:@/]+@/, ":***@")}\n`,
  );

  group = "memory";
  console.log("Memory store vs plain Maps");
  for (const c of [1, 16] as const) {
    const minimal = minimalMemoryFlow();
    const base = await measure(
      "minimal Maps flow (no checks)",
      async () => {
        const start = performance.now();
        await minimal.run();
        return { all: performance.now() - start };
      },
      { concurrency: c, flows: FLOWS[c] * 5 },
    );
    print(base);
    print(
      await measure("tender, memory store", tenderFlow(memoryStore()), {
        concurrency: c,
        flows: FLOWS[c] * 5,
      }),
      base,
    );
  }

  group = "memory, crowded";
  console.log("\nMemory store, 10 flows per collection: without and with 1,000 sessions on each");
  for (const c of [1, 16] as const) {
    // A call's cost must not grow with its collection's sessions (the memory store indexes them).
    const options = { concurrency: c, flows: FLOWS[c], warmup: WARMUP };
    const seeded = { flows: FLOWS[c] + WARMUP };
    const without = await measure(
      "tender, memory, no other sessions",
      await crowdedCollectionFlow(memoryStore(), { ...seeded, idle: 0 }),
      options,
    );
    print(without);
    const crowded = await measure(
      "tender, memory, 1,000 sessions each",
      await crowdedCollectionFlow(memoryStore(), { ...seeded, idle: 1000 }),
      options,
    );
    print(crowded, without);
    console.log(
      `${"".padEnd(38)}with 1,000 sessions / without: ${(crowded.flowsPerSecond / without.flowsPerSecond).toFixed(2)}`,
    );
  }

  group = "PGlite";
  console.log("\nPGlite (embedded)");
  const lite = pgliteStore({ schema: `bench_${run}` });
  for (const c of [1, 16] as const) {
    print(
      await measure("tender, PGlite", tenderFlow(lite), {
        concurrency: c,
        flows: FLOWS[c],
        statements: () => lite.stats().statements,
      }),
    );
  }
  await lite.close();

  group = "PostgreSQL";
  console.log("\nPostgreSQL, empty tables: tender vs minimal plain SQL (pg)");
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  const baselineSchema = `bench_baseline_${run}`;
  const oursSchema = `bench_tender_${run}`;
  const baseline = baselineSqlFlow(pool, baselineSchema);
  await baseline.setup();
  const store = postgresStore({ pool, schema: oursSchema, migrate: true });
  await store.migrate();
  const empty: Record<number, Measurement> = {};
  try {
    for (const c of [1, 16] as const) {
      const base = await measure("baseline: plain SQL", () => baseline.run(), {
        concurrency: c,
        flows: FLOWS[c],
        statements: baseline.statements,
      });
      print(base);
      const ours = await measure("tender, PostgreSQL", tenderFlow(store), {
        concurrency: c,
        flows: FLOWS[c],
        statements: () => store.stats().statements,
      });
      print(ours, base);
      empty[c] = ours;
      print(
        await measure("tender, PostgreSQL, every event heard", tenderFlow(store, { listen: "*" }), {
          concurrency: c,
          flows: FLOWS[c],
          statements: () => store.stats().statements,
        }),
        base,
      );
      print(
        await measure("tender, PostgreSQL, remote-style", tenderFlow(store, { remote: true }), {
          concurrency: c,
          flows: FLOWS[c],
          statements: () => store.stats().statements,
        }),
        base,
      );
    }

    group = "PostgreSQL, 1M rows";
    console.log(
      `\nPostgreSQL with ${SEED.toLocaleString("en-US")} collections already in the tables`,
    );
    const seedStart = performance.now();
    await pool.query(
      `INSERT INTO "${oursSchema}".payment_collections (id, created_at, updated_at, currency_code, amount, status, authorized_amount, captured_amount, refunded_amount)
       SELECT 'paycol_seed_' || lpad(g::text, 8, '0'), now(), now(), 'usd', 5000, 'not_paid', 0, 0, 0 FROM generate_series(1, $1) g`,
      [SEED],
    );
    await baseline.seed(SEED);
    // Settle the bulk load (vacuum, statistics, a checkpoint) so the background work it
    // triggers does not land inside the measurement: the question is table size, not a fresh load.
    await pool.query(`VACUUM ANALYZE "${oursSchema}".payment_collections`);
    await pool.query(`VACUUM ANALYZE "${baselineSchema}".collections`);
    await pool.query("CHECKPOINT");
    console.log(`(seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);
    for (const c of [1, 16] as const) {
      const base = await measure("baseline: plain SQL, 1M rows", () => baseline.run(), {
        concurrency: c,
        flows: FLOWS[c],
        statements: baseline.statements,
      });
      print(base);
      const ours = await measure("tender, PostgreSQL, 1M rows", tenderFlow(store), {
        concurrency: c,
        flows: FLOWS[c],
        statements: () => store.stats().statements,
      });
      print(ours, base);
      const before = empty[c];
      if (before)
        console.log(
          `${"".padEnd(38)}with 1M rows / empty: ${(ours.flowsPerSecond / before.flowsPerSecond).toFixed(2)}`,
        );
    }
    const version = await pool.query<{ server_version: string }>("SHOW server_version");
    const table = resultsTable(rows, {
      date: new Date(),
      postgres: `PostgreSQL ${version.rows[0]?.server_version ?? "unknown"}`,
    });
    console.log(`\n${table}`);
    writeFileSync(OUT, table);
    console.log(`(written to ${OUT})`);
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS "${oursSchema}" CASCADE`);
    await baseline.drop();
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
