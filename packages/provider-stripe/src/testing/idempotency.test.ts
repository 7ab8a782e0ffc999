import { describe, expect, it } from "vitest";
import {
  findReplay,
  fingerprintParams,
  IDEMPOTENCY_KEY_TTL_SECONDS,
  type StoredResponse,
} from "./idempotency";

const stored: StoredResponse = {
  method: "POST",
  path: "/v1/refunds",
  fingerprint: fingerprintParams({ payment_intent: "pi_1", metadata: { a: "1", b: "2" } }),
  status: 200,
  body: "{}",
  headers: {},
  requestId: "req_1",
  storedAt: 1_000,
};
const NOW = 1_000 + 60;
const store = new Map([["key-1", stored]]);

describe("fingerprintParams", () => {
  it("ignores the order of hash keys at every depth", () => {
    expect(fingerprintParams({ a: "1", b: { c: "2", d: "3" } })).toBe(
      fingerprintParams({ b: { d: "3", c: "2" }, a: "1" }),
    );
  });

  it("keeps the order of lists", () => {
    expect(fingerprintParams({ expand: ["a", "b"] })).not.toBe(
      fingerprintParams({ expand: ["b", "a"] }),
    );
  });
});

describe("findReplay", () => {
  it("forgets a key 24 hours after its answer was stored, so the request runs anew", () => {
    const keys = new Map([["key-1", stored]]);
    const request = { method: "POST", path: "/v1/refunds", fingerprint: stored.fingerprint };
    expect(findReplay(keys, "key-1", request, 1_000 + IDEMPOTENCY_KEY_TTL_SECONDS - 1)).toBe(
      stored,
    );
    expect(findReplay(keys, "key-1", request, 1_000 + IDEMPOTENCY_KEY_TTL_SECONDS)).toBeUndefined();
    expect(keys.has("key-1")).toBe(false);
  });

  it("finds nothing for a new key", () => {
    expect(
      findReplay(store, "key-2", { method: "POST", path: "/v1/refunds", fingerprint: "{}" }, NOW),
    ).toBeUndefined();
  });

  it("replays for the same endpoint and parameters", () => {
    expect(
      findReplay(
        store,
        "key-1",
        {
          method: "POST",
          path: "/v1/refunds",
          fingerprint: stored.fingerprint,
        },
        NOW,
      ),
    ).toBe(stored);
  });

  it("refuses other parameters with an idempotency_error", () => {
    expect(() =>
      findReplay(store, "key-1", { method: "POST", path: "/v1/refunds", fingerprint: "{}" }, NOW),
    ).toThrow(/same parameters/);
  });

  it("refuses another endpoint with an idempotency_error", () => {
    expect(() =>
      findReplay(
        store,
        "key-1",
        {
          method: "POST",
          path: "/v1/payment_intents",
          fingerprint: stored.fingerprint,
        },
        NOW,
      ),
    ).toThrow(/same endpoint/);
  });
});
