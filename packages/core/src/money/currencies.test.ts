import { describe, expect, it } from "vitest";
import { TenderError } from "../errors/tender-error";
import { CURRENCIES, getCurrency, isCurrencyCode, normalizeCurrencyCode } from "./currencies";

// As listed in our Stripe reference notes (shared/reference/stripe.md, "Currencies").
const STRIPE_ZERO_DECIMAL = [
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "JPY",
  "KMF",
  "KRW",
  "MGA",
  "PYG",
  "RWF",
  "UGX",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
];
const STRIPE_THREE_DECIMAL = ["BHD", "JOD", "KWD", "OMR", "TND"];

const invalidCurrency = expect.objectContaining({ code: "invalid_currency" });

describe("CURRENCIES", () => {
  it("keys every currency by its own lowercase three-letter code", () => {
    for (const [key, info] of Object.entries(CURRENCIES)) {
      expect(info.code).toBe(key);
      expect(key).toMatch(/^[a-z]{3}$/);
    }
  });

  it("gives every currency an exponent of 0, 2, 3 or 4", () => {
    for (const info of Object.values(CURRENCIES)) {
      expect([0, 2, 3, 4]).toContain(info.exponent);
    }
  });

  it("treats every currency Stripe calls zero-decimal as zero-decimal", () => {
    for (const code of STRIPE_ZERO_DECIMAL) {
      expect(getCurrency(code).exponent, code).toBe(0);
    }
  });

  it("gives every currency Stripe calls three-decimal three decimal places", () => {
    for (const code of STRIPE_THREE_DECIMAL) {
      expect(getCurrency(code).exponent, code).toBe(3);
    }
  });

  it("follows ISO 4217 for the zero-, three- and four-decimal currencies Stripe does not list", () => {
    expect(getCurrency("isk").exponent).toBe(0);
    expect(getCurrency("uyi").exponent).toBe(0);
    expect(getCurrency("iqd").exponent).toBe(3);
    expect(getCurrency("lyd").exponent).toBe(3);
    expect(getCurrency("clf").exponent).toBe(4);
    expect(getCurrency("uyw").exponent).toBe(4);
  });

  it("keeps MRU at two decimals while MGA is zero-decimal", () => {
    expect(getCurrency("mru").exponent).toBe(2);
    expect(getCurrency("mga").exponent).toBe(0);
  });

  it("gives the common two-decimal currencies two decimals", () => {
    for (const code of ["usd", "eur", "gbp", "cad", "aud", "chf", "sek", "inr", "brl", "mxn"]) {
      expect(getCurrency(code).exponent, code).toBe(2);
    }
  });

  it("leaves out codes without a minor unit and withdrawn currencies", () => {
    for (const code of ["xau", "xag", "xdr", "xts", "xxx", "hrk", "ltl", "vef", "mro"]) {
      expect(isCurrencyCode(code), code).toBe(false);
    }
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(CURRENCIES)).toBe(true);
    expect(Object.isFrozen(CURRENCIES.usd)).toBe(true);
  });
});

describe("getCurrency", () => {
  it("accepts a code in any case and returns it lowercase", () => {
    expect(getCurrency("USD")).toEqual({ code: "usd", exponent: 2 });
    expect(getCurrency("usd")).toEqual({ code: "usd", exponent: 2 });
    expect(getCurrency("Jpy")).toEqual({ code: "jpy", exponent: 0 });
    expect(getCurrency("kwd")).toEqual({ code: "kwd", exponent: 3 });
  });

  it("rejects a code with spaces instead of trimming it", () => {
    for (const code of [" usd", "usd ", "u sd", "usd\n"]) {
      expect(() => getCurrency(code), JSON.stringify(code)).toThrow(invalidCurrency);
    }
  });

  it("rejects unknown and malformed codes", () => {
    for (const code of ["", "us", "usdd", "xyz", "US$", "840", "u-d"]) {
      expect(() => getCurrency(code), code).toThrow(invalidCurrency);
    }
  });

  it("rejects names inherited from Object.prototype", () => {
    for (const code of ["constructor", "__proto__", "toString", "valueOf"]) {
      expect(() => getCurrency(code), code).toThrow(invalidCurrency);
    }
  });

  it("rejects non-ASCII letters that lowercase to a known code", () => {
    // U+212A KELVIN SIGN lowercases to "k".
    expect("\u212AWD".toLowerCase()).toBe("kwd");
    expect(() => getCurrency("\u212AWD")).toThrow(invalidCurrency);
  });

  it("rejects values that are not strings", () => {
    for (const value of [840, null, undefined, {}, ["usd"], true, Symbol("usd"), 1n]) {
      expect(() => getCurrency(value), String(typeof value)).toThrow(invalidCurrency);
    }
  });

  it("throws a TenderError whose message names the bad value and shows a valid code", () => {
    const error = catchError(() => getCurrency("dollars"));
    expect(TenderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: "invalid_currency",
      message:
        'currency must be an active ISO 4217 code like "usd" (any case, no spaces); got "dollars"',
    });
  });

  it("says which type it got when the value is not a string", () => {
    expect(() => getCurrency(840)).toThrow("got 840 (a number)");
    expect(() => getCurrency(undefined)).toThrow("got undefined");
    expect(() => getCurrency({ code: "usd" })).toThrow("got an object");
  });
});

describe("isCurrencyCode", () => {
  it("is true for known codes in any case", () => {
    expect(isCurrencyCode("usd")).toBe(true);
    expect(isCurrencyCode("EUR")).toBe(true);
    expect(isCurrencyCode("xcg")).toBe(true);
  });

  it("is false for unknown codes, codes with spaces and non-strings", () => {
    for (const value of ["xyz", " usd", "", "constructor", 840, null, undefined, {}]) {
      expect(isCurrencyCode(value), String(value)).toBe(false);
    }
  });
});

describe("normalizeCurrencyCode", () => {
  it("returns the lowercase code", () => {
    expect(normalizeCurrencyCode("EUR")).toBe("eur");
    expect(normalizeCurrencyCode("gbp")).toBe("gbp");
  });

  it("rejects what getCurrency rejects", () => {
    expect(() => normalizeCurrencyCode("euro")).toThrow(invalidCurrency);
    expect(() => normalizeCurrencyCode(" eur")).toThrow(invalidCurrency);
    expect(() => normalizeCurrencyCode(978)).toThrow(invalidCurrency);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}
