import type { PaymentStore } from "@tender/core";
import type { Pool } from "pg";
import { describe, expectTypeOf, it } from "vitest";
import { postgresStore } from "./index";
import { pgliteStore } from "./pglite/index";

declare const pool: Pool;

describe("postgresStore options", () => {
  it("takes a pool or a connection string (DATABASE_URL when neither), not both", () => {
    expectTypeOf(postgresStore({ pool })).toExtend<PaymentStore>();
    expectTypeOf(
      postgresStore({ connectionString: "postgres://db", poolSize: 5 }),
    ).toExtend<PaymentStore>();
    expectTypeOf(
      postgresStore({ connectionString: process.env.DATABASE_URL }),
    ).toExtend<PaymentStore>();
    expectTypeOf(postgresStore({ schema: "payments" })).toExtend<PaymentStore>();
    // @ts-expect-error a pool and a connection string contradict each other
    postgresStore({ pool, connectionString: "postgres://db" });
    // @ts-expect-error poolSize sizes a pool the store makes, not one passed in
    postgresStore({ pool, poolSize: 5 });
  });

  it("makes every option of pgliteStore optional", () => {
    expectTypeOf(pgliteStore()).toExtend<PaymentStore>();
    expectTypeOf(pgliteStore().stats()).toEqualTypeOf<{ statements: number; retries: number }>();
  });
});
