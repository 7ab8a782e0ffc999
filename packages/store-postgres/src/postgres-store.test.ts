import { TenderError } from "@tender/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { postgresStore } from "./postgres-store";

const configurationError = (message: RegExp) =>
  expect.objectContaining({ code: "configuration", message: expect.stringMatching(message) });

describe("postgresStore without a database", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("throws a configuration error naming connectionString, pool and DATABASE_URL when given none of them", () => {
    vi.stubEnv("DATABASE_URL", undefined);
    expect(() => postgresStore()).toThrow(
      configurationError(/connectionString.*pool.*DATABASE_URL/),
    );
    expect(() => postgresStore({ schema: "payments" })).toThrow(configurationError(/DATABASE_URL/));
    expect(TenderError.isInstance(catchError(() => postgresStore()))).toBe(true);
  });

  it("refuses an empty connection string, as from an environment variable set to nothing", () => {
    vi.stubEnv("DATABASE_URL", "postgres://fallback");
    expect(() => postgresStore({ connectionString: "" })).toThrow(
      configurationError(/connectionString/),
    );
  });

  it("falls back to DATABASE_URL and connects only on first use", async () => {
    vi.stubEnv("DATABASE_URL", "postgres://tender@127.0.0.1:1/none");
    const store = postgresStore();
    expect(store.schema).toBe("tender");
    await store.close();
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}
