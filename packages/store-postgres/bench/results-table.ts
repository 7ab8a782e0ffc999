import { cpus, totalmem } from "node:os";
import type { Measurement } from "./measure";

/** One row of the benchmark's table: a measurement and what it is compared with. */
export interface ResultRow {
  group: string;
  measurement: Measurement;
  /** The measurement this row's ratio is taken against (the same run, the same concurrency). */
  baseline?: Measurement;
}

/** Where the run happened, for the table's heading. */
export interface RunContext {
  date: Date;
  postgres: string;
}

/**
 * Every row of a run as one Markdown table: flows/s, the ratio to the row's
 * baseline (throughput and p99), SQL statements per flow, p50/p99 of the
 * whole flow. What `pnpm bench` prints at the end and writes to a file.
 */
export function resultsTable(rows: readonly ResultRow[], context: RunContext): string {
  const [cpu] = cpus();
  const heading = [
    `Tender benchmark, ${context.date.toISOString().slice(0, 16).replace("T", " ")} UTC`,
    `node ${process.version}, ${cpus().length} × ${cpu?.model.trim() ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${context.postgres}`,
    "",
  ];
  const lines = [
    "| group | flow | c | flows/s | × baseline | SQL/flow | p50 ms | p99 ms | p99 × baseline |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const { group, measurement: m, baseline } of rows) {
    const flow = m.latency.flow ?? { p50: 0, p99: 0 };
    const base = baseline?.latency.flow;
    lines.push(
      `| ${[
        group,
        m.label,
        String(m.concurrency),
        m.flowsPerSecond.toFixed(0),
        baseline ? (m.flowsPerSecond / baseline.flowsPerSecond).toFixed(3) : "",
        m.statementsPerFlow === null ? "–" : m.statementsPerFlow.toFixed(1),
        flow.p50.toFixed(2),
        flow.p99.toFixed(2),
        base && base.p99 > 0 ? (flow.p99 / base.p99).toFixed(2) : "",
      ].join(" | ")} |`,
    );
  }
  const note = [
    "",
    "× baseline: against a row measured in the same run at the same concurrency: the plain-SQL flow with `pg` for the PostgreSQL rows, the plain-Maps flow for the memory store, the same steps without the other sessions for the crowded rows. p50/p99: the whole flow.",
  ];
  return `${[...heading, ...lines, ...note].join("\n")}\n`;
}
