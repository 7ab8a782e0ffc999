import { describe } from "vitest";
import { describeConcurrencyCases } from "./concurrency-cases";
import { describeOutboxCases } from "./outbox-cases";
import { describeQueryCases } from "./query-cases";
import { describeServiceFlowCases } from "./service-flow-cases";
import { describeServiceRaceCases } from "./service-race-cases";
import type { MakeStore } from "./store-fixture";
import { describeStoredValueCases } from "./stored-value-cases";
import { describeTransactionCases } from "./transaction-cases";

export type { ConformanceStore, MakeStore } from "./store-fixture";

/**
 * The behaviour every `PaymentStore` owes Tender, as a vitest suite (call it
 * at the top level of a test file):
 * atomic transactions that see their own writes, serializable changes to an
 * aggregate under concurrency, `duplicate` and `not_found`, filters and
 * pagination, deletes that cascade the same way, the same JSON values refused or kept exactly, the outbox (numbered in
 * commit order, claimed, acknowledged, parked, replayed), copies out, exact round trips, and the service's own flows and
 * races run over the store. `makeStore` is called before every test and gives a
 * fresh, empty store: the store alone, or `{ store, cleanup }` when it must be
 * thrown away after the test (drop its schema, close its database).
 *
 * @example
 * ```ts
 * import { memoryStore } from "@tender/core";
 * import { describeStoreConformance } from "@tender/testkit";
 *
 * describeStoreConformance("memory", () => memoryStore());
 * describeStoreConformance("PGlite", async () => {
 *   const store = pgliteStore({ pglite, schema: uniqueSchema() });
 *   await store.migrate();
 *   return { store, cleanup: () => store.close() };
 * });
 * ```
 */
export function describeStoreConformance(name: string, makeStore: MakeStore): void {
  describe(`${name} store conformance`, () => {
    describeTransactionCases(makeStore);
    describeQueryCases(makeStore);
    describeStoredValueCases(makeStore);
    describeOutboxCases(makeStore);
    describeConcurrencyCases(makeStore);
    describeServiceFlowCases(makeStore);
    describeServiceRaceCases(makeStore);
  });
}
