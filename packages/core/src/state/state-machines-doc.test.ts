import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderStateMachinesDoc, withDisputeDiagram } from "../../scripts/generate-state-diagrams";

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

  it("docs/disputes.md carries the dispute diagram generated from DISPUTE_TRANSITIONS", () => {
    const committed = readFileSync(
      new URL("../../../../docs/disputes.md", import.meta.url),
      "utf8",
    );
    expect(
      committed,
      "docs/disputes.md is out of date with DISPUTE_TRANSITIONS: run `pnpm docs:diagrams`",
    ).toBe(withDisputeDiagram(committed));
  });
});
