import type { PaymentStore } from "@tender/core";
import type { Pool } from "pg";
import { describe, expectTypeOf, it } from "vitest";
import { pgliteStore, postgresStore } from "./index";

declare const pool: Pool;

describe("postgresStore options", () => {
  it("takes a pool or a connection string, not both and not neither", () => {
    expectTypeOf(postgresStore({ pool })).toExtend<PaymentStore>();
    expectTypeOf(
      postgresStore({ connectionString: "postgres://db", poolSize: 5 }),
    ).toExtend<PaymentStore>();
    // @ts-expect-error a store needs a pool or a connection string
    postgresStore({ schema: "payments" });
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
