import { seededRandom } from "@tender/core/testing";
import { describe, expect, it } from "vitest";
import { isoTime } from "./iso-time";

const YEAR_1000 = Date.UTC(1000, 0, 1);
const YEAR_10000 = Date.UTC(10000, 0, 1);

describe("isoTime", () => {
  it("writes what toISOString writes, for times across the four-digit years", () => {
    const next = seededRandom(20261207);
    for (let i = 0; i < 100_000; i++) {
      const date = new Date(Math.floor(YEAR_1000 + next() * (YEAR_10000 - YEAR_1000)));
      expect(isoTime(date)).toBe(date.toISOString());
    }
  });

  it("writes the edges of each field: the first and last millisecond of years, months, days", () => {
    const edges = [
      YEAR_1000,
      YEAR_10000 - 1,
      0,
      -1,
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(2025, 11, 31, 23, 59, 59, 999),
      Date.UTC(2026, 0, 1, 0, 0, 0, 0),
      Date.UTC(2026, 8, 9, 9, 9, 9, 9),
      Date.UTC(2026, 9, 10, 10, 10, 10, 10),
      Date.UTC(2026, 9, 10, 10, 10, 10, 99),
      Date.UTC(2026, 9, 10, 10, 10, 10, 100),
    ];
    for (const time of edges) expect(isoTime(new Date(time))).toBe(new Date(time).toISOString());
  });

  it("leaves other years to toISOString, and refuses an invalid Date as it does", () => {
    for (const time of [YEAR_1000 - 1, YEAR_10000, Date.UTC(-1, 0, 1), 8.64e15, -8.64e15]) {
      expect(isoTime(new Date(time))).toBe(new Date(time).toISOString());
    }
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
