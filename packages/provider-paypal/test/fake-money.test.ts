import { describe, expect, it } from "vitest";
import { crc32, PAYPAL_CURRENCIES } from "../src/testing/index.ts";
import { currencyDecimals, toMinor, toValue } from "../src/testing/money.ts";

describe("the fake PayPal's amounts", () => {
  it("converts decimal strings exactly, per currency", () => {
    expect(toMinor("50.00", "USD")).toBe(5000);
    expect(toMinor("0.1", "EUR")).toBe(10);
    expect(toMinor("19.99", "GBP")).toBe(1999);
    expect(toMinor("1.005", "USD")).toBeUndefined();
    expect(toMinor("5000", "JPY")).toBe(5000);
    expect(toMinor("5000.0", "JPY")).toBeUndefined();
    expect(toMinor("-1.00", "USD")).toBeUndefined();
    expect(toValue(5000, "USD")).toBe("50.00");
    expect(toValue(5, "USD")).toBe("0.05");
    expect(toValue(5000, "JPY")).toBe("5000");
    expect(toValue(123, "HUF")).toBe("123");
    expect(toValue(123, "TWD")).toBe("123");
    expect(currencyDecimals("CHF")).toBe(2);
    expect(PAYPAL_CURRENCIES).toHaveLength(24);
  });

  it("computes CRC-32 as PayPal signs it", () => {
    expect(crc32("123456789")).toBe(3421780262);
    expect(crc32("")).toBe(0);
  });
});
