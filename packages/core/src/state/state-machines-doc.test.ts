import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderStateMachinesDoc } from "../../scripts/generate-state-diagrams";

describe("docs/state-machines.md", () => {
  it("matches the transition tables it is generated from", () => {
    const committed = readFileSync(
      new URL("../../../../docs/state-machines.md", import.meta.url),
      "utf8",
    );
    expect(
      committed,
      "docs/state-machines.md is out of date with the transition tables: run `pnpm docs:diagrams`",
    ).toBe(renderStateMachinesDoc());
  });
});
