/** Latencies of one flow's steps, in milliseconds. */
export type StepTimes = Record<string, number>;

export interface Measurement {
  label: string;
  concurrency: number;
  flows: number;
  flowsPerSecond: number;
  /** p50 and p99 per step and for the whole flow, in ms. */
  latency: Record<string, { p50: number; p99: number }>;
  statementsPerFlow: number | null;
}

/**
 * Runs `flow` `flows` times with `concurrency` flows in flight and reports
 * throughput and latency percentiles. A warm-up run comes first and is not
 * counted.
 */
export async function measure(
  label: string,
  flow: () => Promise<StepTimes>,
  options: { concurrency: number; flows: number; warmup?: number; statements?: () => number },
): Promise<Measurement> {
  const warmup = options.warmup ?? Math.min(50, options.flows);
  await runPool(flow, options.concurrency, warmup, () => undefined);
  const samples: StepTimes[] = [];
  const statementsBefore = options.statements?.() ?? 0;
  const started = performance.now();
  await runPool(flow, options.concurrency, options.flows, (times) => samples.push(times));
  const elapsed = (performance.now() - started) / 1000;
  const statements = options.statements
    ? (options.statements() - statementsBefore) / options.flows
    : null;
  const steps = Object.keys(samples[0] ?? {});
  const latency: Measurement["latency"] = {};
  for (const step of [...steps, "flow"]) {
    const values = samples.map((s) =>
      step === "flow" ? Object.values(s).reduce((a, b) => a + b, 0) : (s[step] ?? 0),
    );
    latency[step] = { p50: percentile(values, 0.5), p99: percentile(values, 0.99) };
  }
  return {
    label,
    concurrency: options.concurrency,
    flows: options.flows,
    flowsPerSecond: options.flows / elapsed,
    latency,
    statementsPerFlow: statements,
  };
}

async function runPool(
  flow: () => Promise<StepTimes>,
  concurrency: number,
  total: number,
  record: (times: StepTimes) => void,
): Promise<void> {
  let started = 0;
  const worker = async () => {
    while (started < total) {
      started++;
      record(await flow());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Times each step of a flow. */
/** Times each named step of one flow. */
export type StepTimer = ReturnType<typeof stepTimer>;

export function stepTimer() {
  const times: StepTimes = {};
  return {
    times,
    async step<T>(name: string, work: () => Promise<T>): Promise<T> {
      const start = performance.now();
      const result = await work();
      times[name] = performance.now() - start;
      return result;
    },
  };
}
