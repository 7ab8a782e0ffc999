import { describe, expect, it } from "vitest";
import { sqlNames } from "./sql-names";

describe("sqlNames", () => {
  it("quotes a plain schema name and qualifies every table with it", () => {
    const names = sqlNames("payments_eu");
    expect(names.table("captures")).toBe('"payments_eu"."captures"');
    expect(names.migrations).toBe('"payments_eu"."tender_migrations"');
  });

  it("refuses a schema name that is not a plain identifier, since it is spliced into SQL", () => {
    for (const bad of ['x"; DROP TABLE y; --', "1abc", "", "a".repeat(64), "with space"]) {
      expect(() => sqlNames(bad)).toThrow(expect.objectContaining({ code: "invalid_argument" }));
    }
  });
});
