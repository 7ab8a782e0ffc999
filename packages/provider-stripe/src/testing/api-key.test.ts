import { describe, expect, it } from "vitest";
import { checkApiKey, maskApiKey } from "./api-key";
import { FakeStripeError } from "./stripe-errors";

describe("checkApiKey", () => {
  it("accepts a secret test key", () => {
    expect(() => checkApiKey("Bearer sk_test_123")).not.toThrow();
  });

  it.each([
    null,
    "",
    "Basic c2tfdGVzdF8xMjM6",
    "Bearer sk_live_123",
    "Bearer pk_test_123",
    "Bearer rk_test_123",
  ])("refuses %s with a 401", (header) => {
    expect(() => checkApiKey(header)).toThrow(FakeStripeError);
    try {
      checkApiKey(header);
    } catch (error) {
      expect(error).toMatchObject({ status: 401, body: { type: "invalid_request_error" } });
    }
  });
});

describe("maskApiKey", () => {
  it("keeps the kind and the last four characters of a long key", () => {
    expect(maskApiKey("sk_live_abcdefghijklmnop1234")).toMatch(/^sk_live_\*+1234$/);
  });

  it("never shows a short key's characters", () => {
    expect(maskApiKey("sk_test_abc")).toBe("sk_test_****");
    expect(maskApiKey("secret")).toBe("******");
  });
});
