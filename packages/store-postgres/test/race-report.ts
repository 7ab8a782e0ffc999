import { isMatching, P } from "ts-pattern";

export interface RaceOutcome {
  id: string;
  payment_id: string;
  amount: number;
}

/** What one race worker reports: its successful calls (by capture/refund id), refusals, rejections, surprises. */
export interface RaceReport {
  worker: number;
  captured: RaceOutcome[];
  refunded: RaceOutcome[];
  refusedCaptures: string[];
  refusedRefunds: string[];
  rejected: number;
  unexpected: string[];
  retries: number;
}

const outcome = { id: P.string, payment_id: P.string, amount: P.number };
const reportShape = {
  worker: P.number,
  captured: P.array(outcome),
  refunded: P.array(outcome),
  refusedCaptures: P.array(P.string),
  refusedRefunds: P.array(P.string),
  rejected: P.number,
  unexpected: P.array(P.string),
  retries: P.number,
};

/** A worker's last line of output, checked: it crossed a process boundary. */
export function parseRaceReport(output: string): RaceReport {
  const line = output.trim().split("\n").at(-1) ?? "";
  const parsed: unknown = JSON.parse(line);
  if (!isMatching(reportShape, parsed))
    throw new Error(`A race worker printed no report: ${output}`);
  return parsed;
}
