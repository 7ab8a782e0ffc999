import type { Capture, PaymentCollection, PaymentSession } from "@tender/core";
import { describe, expect, it } from "vitest";
import { AggregateCache } from "./aggregate-cache";
import type { AggregateSnapshot } from "./load-aggregate";

/** A snapshot with only what the cache reads of it: the collection's id and its rows' ids. */
function snapshot(
  id: string,
  version: number,
  rows: { sessions?: string[]; captures?: string[] } = {},
): AggregateSnapshot {
  return {
    collection: { id } as PaymentCollection,
    version,
    sessions: (rows.sessions ?? []).map((session) => ({ id: session }) as PaymentSession),
    payments: [],
    captures: (rows.captures ?? []).map((capture) => ({ id: capture }) as Capture),
    refunds: [],
  };
}

describe("AggregateCache", () => {
  it("finds a row's collection while a cached snapshot holds the row, and not once a newer one has dropped it", () => {
    const cache = new AggregateCache(10);
    cache.put(snapshot("paycol_a", 1, { sessions: ["payses_1", "payses_2"] }));
    expect(cache.collectionOf("payment_sessions", "payses_2")).toBe("paycol_a");

    // The session was deleted and another made in one commit: same count, other ids.
    cache.put(snapshot("paycol_a", 2, { sessions: ["payses_1", "payses_3"] }));
    expect(cache.collectionOf("payment_sessions", "payses_1")).toBe("paycol_a");
    expect(cache.collectionOf("payment_sessions", "payses_2")).toBeUndefined();
    expect(cache.collectionOf("payment_sessions", "payses_3")).toBe("paycol_a");
    expect(cache.get("paycol_a")?.version).toBe(2);

    // Rows added after the ones it held.
    cache.put(
      snapshot("paycol_a", 3, { sessions: ["payses_1", "payses_3"], captures: ["capt_1"] }),
    );
    expect(cache.collectionOf("captures", "capt_1")).toBe("paycol_a");
    expect(cache.collectionOf("payment_collections", "paycol_a")).toBe("paycol_a");
    // A row of another table with the same id is not this one.
    expect(cache.collectionOf("payments", "capt_1")).toBeUndefined();
  });

  it("forgets every row of an evicted aggregate, and the least recently used one when full", () => {
    const cache = new AggregateCache(2);
    cache.put(snapshot("paycol_a", 1, { sessions: ["payses_a"] }));
    cache.put(snapshot("paycol_b", 1, { sessions: ["payses_b"] }));
    cache.evict("paycol_a");
    expect(cache.collectionOf("payment_sessions", "payses_a")).toBeUndefined();
    expect(cache.collectionOf("payment_collections", "paycol_a")).toBeUndefined();

    cache.put(snapshot("paycol_c", 1, { sessions: ["payses_c"] }));
    cache.get("paycol_b");
    cache.put(snapshot("paycol_d", 1, { sessions: ["payses_d"] }));
    // c was used least recently (b was read after it): c goes, b and d stay.
    expect(cache.collectionOf("payment_sessions", "payses_c")).toBeUndefined();
    expect(cache.collectionOf("payment_sessions", "payses_b")).toBe("paycol_b");
    expect(cache.collectionOf("payment_sessions", "payses_d")).toBe("paycol_d");
  });
});
