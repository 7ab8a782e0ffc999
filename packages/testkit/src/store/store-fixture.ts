import type { PaymentStore } from "@tender/core";
import { afterEach, beforeEach } from "vitest";

/** A store made for one test, and how to throw it away (drop its schema, close its database). */
export interface ConformanceStore {
  store: PaymentStore;
  cleanup(): Promise<void>;
}

/**
 * Makes a fresh, empty store for one test: a store alone (nothing to clean
 * up, as with the memory store), or a store with its `cleanup`.
 */
export type MakeStore = () =>
  | PaymentStore
  | ConformanceStore
  | Promise<PaymentStore | ConformanceStore>;

const isPaymentStore = (made: PaymentStore | ConformanceStore): made is PaymentStore =>
  "transaction" in made && typeof made.transaction === "function";

/** A fresh store for each test of the enclosing describe; the returned function gives the current one. */
export function useStore(makeStore: MakeStore): () => PaymentStore {
  let current: ConformanceStore | undefined;
  beforeEach(async () => {
    const made = await makeStore();
    current = isPaymentStore(made) ? { store: made, cleanup: async () => undefined } : made;
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error("The store is made in beforeEach; use it inside a test.");
    return current.store;
  };
}
