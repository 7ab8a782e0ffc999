import { describe, expect, it } from "vitest";
import { postgresTarget } from "./postgres-target";

// Nothing listens on port 1, so connecting fails at once.
const closed = "postgres://postgres@127.0.0.1:1/test";

describe("which PostgreSQL the suites run against", () => {
  it("skips the PostgreSQL suites, saying why, when nothing answers locally and none was asked for", async () => {
    const target = await postgresTarget({ env: {}, localUrl: closed });
    expect(target).toMatchObject({ available: false, skip: true });
    expect(target.message).toMatch(/Skipping the PostgreSQL suites/);
  });

  it("fails instead of skipping under CI=true", async () => {
    const target = await postgresTarget({ env: { CI: "true" }, localUrl: closed });
    expect(target).toMatchObject({ available: false, skip: false });
    expect(target.message).toMatch(/required here \(CI=true\)/);
  });

  it("fails instead of skipping when DATABASE_URL names a server that does not answer", async () => {
    const target = await postgresTarget({ env: { DATABASE_URL: closed } });
    expect(target).toMatchObject({ url: closed, available: false, skip: false });
  });
});
