import type { PaymentStore } from "@tender/core";
import { afterEach, beforeEach } from "vitest";

/** A store made for one test, and how to throw it away (drop its schema, close its database). */
export interface ConformanceStore {
  store: PaymentStore;
  cleanup(): Promise<void>;
}

export type MakeStore = () => Promise<ConformanceStore>;

/** A fresh store for each test of the enclosing describe; the returned function gives the current one. */
export function useStore(makeStore: MakeStore): () => PaymentStore {
  let current: ConformanceStore | undefined;
  beforeEach(async () => {
    current = await makeStore();
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
