import {
  OPERATION_STATUSES,
  PAYMENT_COLLECTION_STATUSES,
  PAYMENT_SESSION_STATUSES,
  PAYMENT_STATUSES,
} from "@tender/core";
import { describe, expect, it } from "vitest";
import { OPERATION_STATUSES_V1, SESSION_STATUSES_V1 } from "./0001-initial-schema";
import { COLLECTION_STATUSES_V2, PAYMENT_STATUSES_V2 } from "./0002-outbox-sweeps-expiry";

// A status added to core must reach the database through a new migration, or rows with it are refused.
describe("the status constraints of the migrations", () => {
  it("allow exactly the statuses core defines (the latest migration that sets each)", () => {
    expect([...COLLECTION_STATUSES_V2].sort()).toEqual([...PAYMENT_COLLECTION_STATUSES].sort());
    expect([...SESSION_STATUSES_V1].sort()).toEqual([...PAYMENT_SESSION_STATUSES].sort());
    expect([...PAYMENT_STATUSES_V2].sort()).toEqual([...PAYMENT_STATUSES].sort());
    expect([...OPERATION_STATUSES_V1].sort()).toEqual([...OPERATION_STATUSES].sort());
  });
});
