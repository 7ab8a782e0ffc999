import { describe, expect, it } from "vitest";
import type { RiskSignal } from "../records/records";
import { seededRandom } from "../testing/index";
import { foldRiskSignal } from "./risk-signals";

const SEEDS = 200;

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function fold(reports: readonly RiskSignal[]): RiskSignal[] {
  return reports.reduce<RiskSignal[]>((held, report) => foldRiskSignal(held, report).signals, []);
}

/** What a provider reports over a signal's life, in the order it happens. */
const LIVES: RiskSignal[][] = [
  [
    { id: "issfr_1", kind: "fraud_warning", status: "open", reason: "misc", actionable: true },
    { id: "issfr_1", kind: "fraud_warning", status: "open", reason: "misc", actionable: false },
  ],
  [
    { id: "prv_1", kind: "review", status: "open", reason: "rule", actionable: true },
    { id: "prv_1", kind: "review", status: "closed", reason: "approved", actionable: false },
  ],
  [{ id: "prv_2", kind: "review", status: "open", reason: "manual", actionable: true }],
];

describe("foldRiskSignal", () => {
  it("ends where the provider's last report is, in any order and with repeats (200 seeds)", () => {
    const expected = LIVES.map((life) => life.at(-1));
    for (let seed = 1; seed <= SEEDS; seed++) {
      const random = seededRandom(seed);
      const reports = LIVES.flat().flatMap((report) =>
        random() < 0.4 ? [report, report] : [report],
      );
      const result = fold(shuffled(reports, random));
      const byId = [...result].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId, `seed ${seed}`).toEqual(
        [...expected].sort((a, b) => String(a?.id).localeCompare(String(b?.id))),
      );
    }
  });

  it("says what changed, and nothing for a report it holds already", () => {
    const [opened, closed] = LIVES[1] as [RiskSignal, RiskSignal];
    expect(foldRiskSignal([], opened)).toEqual({ signals: [opened], changed: opened });
    expect(foldRiskSignal([opened], opened)).toEqual({ signals: [opened], changed: null });
    expect(foldRiskSignal([opened], closed)).toEqual({ signals: [closed], changed: closed });
    expect(foldRiskSignal([closed], opened)).toEqual({ signals: [closed], changed: null });
  });
});
