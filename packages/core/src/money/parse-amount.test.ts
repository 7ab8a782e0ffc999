import { describe, expect, it } from "vitest";
import { CURRENCIES } from "./currencies";
import { money } from "./money";
import { parseAmount, toDecimalString } from "./parse-amount";

const invalidAmount = expect.objectContaining({ code: "invalid_amount" });

describe("parseAmount", () => {
  it.each([
    ["50.00", "usd", 5000],
    ["50", "usd", 5000],
    ["50.5", "usd", 5050],
    ["0.01", "usd", 1],
    ["0", "usd", 0],
    ["0.00", "usd", 0],
    ["1234567.89", "usd", 123456789],
    ["5000", "jpy", 5000],
    ["1.234", "kwd", 1234],
    ["1.2", "kwd", 1200],
    ["1.2345", "clf", 12345],
    ["5000", "mga", 5000],
    ["50.00", "USD", 5000],
  ])("parses %s %s as %i minor units", (decimal, currency, expected) => {
    expect(parseAmount(decimal, currency)).toBe(expected);
  });

  it("parses values floats get wrong exactly", () => {
    // 0.29 * 100 === 28.999999999999996 and 1.005 * 1000 === 1004.9999999999999 in floats.
    expect(parseAmount("0.29", "usd")).toBe(29);
    expect(parseAmount("1.005", "kwd")).toBe(1005);
    expect(parseAmount("90071992547409.91", "usd")).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("rejects 50.001 usd instead of rounding it", () => {
    expect(() => parseAmount("50.001", "usd")).toThrow(invalidAmount);
    expect(() => parseAmount("50.001", "usd")).toThrow(
      'amount in usd must have at most 2 decimal places, like "50.00"; got "50.001" with 3. Round it yourself if you mean to',
    );
  });

  it("rejects 1.5 jpy instead of rounding it, since jpy has no minor unit", () => {
    expect(() => parseAmount("1.5", "jpy")).toThrow(invalidAmount);
    expect(() => parseAmount("1.5", "jpy")).toThrow('must be a whole number like "5000"');
  });

  it("rejects trailing zeros beyond the currency's decimal places", () => {
    expect(() => parseAmount("50.000", "usd")).toThrow(invalidAmount);
    expect(() => parseAmount("5000.0", "jpy")).toThrow(invalidAmount);
  });

  it.each([
    ["-50.00", "without a sign"],
    ["+50.00", "without a sign"],
    ["-0", "without a sign"],
    ["1e3", "without an exponent"],
    ["1E3", "without an exponent"],
    ["", "empty"],
    [" 50.00", "remove the spaces"],
    ["50.00 ", "remove the spaces"],
    ["50 00", "remove the spaces"],
    ["1,000.00", "thousands separators"],
    ["50,5", "thousands separators"],
    ["50.", "both sides of the point"],
    [".5", "both sides of the point"],
    ["0x10", "like"],
    ["Infinity", "like"],
    ["NaN", "like"],
    ["5.0.0", "like"],
    ["$50", "like"],
    ["٥٠", "like"],
  ])("rejects %j with a message that says what to fix", (decimal, hint) => {
    expect(() => parseAmount(decimal, "usd")).toThrow(invalidAmount);
    expect(() => parseAmount(decimal, "usd")).toThrow(hint);
  });

  it("rejects values that are not strings and points to passing minor units directly", () => {
    // @ts-expect-error: callers without types can pass a number
    expect(() => parseAmount(50, "usd")).toThrow(invalidAmount);
    // @ts-expect-error: callers without types can pass a number
    expect(() => parseAmount(50, "usd")).toThrow("got 50 (a number)");
    // @ts-expect-error: callers without types can pass null
    expect(() => parseAmount(null, "usd")).toThrow(invalidAmount);
  });

  it("rejects amounts above Number.MAX_SAFE_INTEGER minor units", () => {
    expect(() => parseAmount("90071992547409.92", "usd")).toThrow(invalidAmount);
    expect(() => parseAmount("90071992547409.92", "usd")).toThrow(
      'amount in usd must be at most "90071992547409.91"',
    );
    expect(() => parseAmount("9007199254740992", "jpy")).toThrow(invalidAmount);
    expect(() => parseAmount("9".repeat(400), "usd")).toThrow(invalidAmount);
  });

  it("rejects unknown currencies with invalid_currency", () => {
    expect(() => parseAmount("50.00", "dollars")).toThrow(
      expect.objectContaining({ code: "invalid_currency" }),
    );
  });
});

describe("toDecimalString", () => {
  it.each([
    [5000, "usd", "50.00"],
    [5, "usd", "0.05"],
    [0, "usd", "0.00"],
    [5, "jpy", "5"],
    [5000, "jpy", "5000"],
    [1234, "kwd", "1.234"],
    [1, "kwd", "0.001"],
    [1, "clf", "0.0001"],
    [Number.MAX_SAFE_INTEGER, "usd", "90071992547409.91"],
    [-5, "usd", "-0.05"],
    [-0, "usd", "0.00"],
  ])("writes %i %s as %s", (amount, currency, expected) => {
    expect(toDecimalString(amount, currency)).toBe(expected);
  });

  it("rejects amounts that are not safe integers", () => {
    expect(() => toDecimalString(50.5, "usd")).toThrow(invalidAmount);
    expect(() => toDecimalString(2 ** 53, "usd")).toThrow(invalidAmount);
  });

  it("rejects unknown currencies with invalid_currency", () => {
    expect(() => toDecimalString(5000, "xyz")).toThrow(
      expect.objectContaining({ code: "invalid_currency" }),
    );
  });
});

describe("parseAmount(toDecimalString(x))", () => {
  const amounts = [
    0,
    1,
    9,
    10,
    99,
    100,
    101,
    999,
    1000,
    1001,
    5000,
    123_456_789,
    2 ** 31,
    2 ** 32 + 1,
    10 ** 15,
    Number.MAX_SAFE_INTEGER - 1,
    Number.MAX_SAFE_INTEGER,
  ];

  it("gives back every amount in usd, up to Number.MAX_SAFE_INTEGER", () => {
    for (const amount of amounts) {
      expect(parseAmount(toDecimalString(amount, "usd"), "usd"), String(amount)).toBe(amount);
    }
  });

  it("gives back the amount in every currency", () => {
    for (const { code } of Object.values(CURRENCIES)) {
      for (const amount of amounts) {
        expect(parseAmount(toDecimalString(amount, code), code), `${amount} ${code}`).toBe(amount);
      }
    }
  });

  it("gives back a spread of amounts across the whole safe range", () => {
    // A fixed-seed linear congruential generator, so a failure always reproduces.
    let seed = 20_240_601n;
    for (let index = 0; index < 2000; index += 1) {
      seed = (seed * 6_364_136_223_846_793_005n + 1_442_695_040_888_963_407n) % 2n ** 64n;
      const amount = Number(seed % BigInt(Number.MAX_SAFE_INTEGER + 1)) / 10 ** (index % 16);
      const whole = Math.floor(amount);
      for (const code of ["usd", "jpy", "kwd", "clf"]) {
        expect(parseAmount(toDecimalString(whole, code), code), `${whole} ${code}`).toBe(whole);
      }
    }
  });
});

describe("money", () => {
  it("parses the decimal and stores the currency lowercase", () => {
    expect(money("50.00", "USD")).toEqual({ amount: 5000, currency_code: "usd" });
    expect(money("5000", "jpy")).toEqual({ amount: 5000, currency_code: "jpy" });
  });

  it("rejects what parseAmount rejects", () => {
    expect(() => money("50.001", "usd")).toThrow(invalidAmount);
    expect(() => money("50.00", "usd ")).toThrow(
      expect.objectContaining({ code: "invalid_currency" }),
    );
  });
});
