import { describe, expect, it } from "vitest";
import { formatAmount } from "./format-amount";

// en-US puts a no-break space between a currency code and the number.
const NBSP = "\u00a0";

describe("formatAmount", () => {
  it("formats 5000 usd as $50.00", () => {
    expect(formatAmount(5000, "usd")).toBe("$50.00");
  });

  it("formats 5000 jpy as ¥5,000, with no decimal places", () => {
    expect(formatAmount(5000, "jpy")).toBe("¥5,000");
  });

  it("formats 5000 eur as €50.00", () => {
    expect(formatAmount(5000, "eur")).toBe("€50.00");
  });

  it("formats 1234 kwd with three decimal places", () => {
    expect(formatAmount(1234, "kwd")).toBe(`KWD${NBSP}1.234`);
  });

  it("formats zero-decimal MGA without decimals and four-decimal CLF with four", () => {
    expect(formatAmount(5000, "mga")).toBe(`MGA${NBSP}5,000`);
    expect(formatAmount(12345, "clf")).toBe(`CLF${NBSP}1.2345`);
  });

  it("always shows the currency's decimal places, even for whole amounts", () => {
    expect(formatAmount(0, "usd")).toBe("$0.00");
    expect(formatAmount(100, "usd")).toBe("$1.00");
    expect(formatAmount(5, "usd")).toBe("$0.05");
  });

  it("accepts the currency code in any case", () => {
    expect(formatAmount(5000, "USD")).toBe("$50.00");
  });

  it("keeps the last cent of the largest safe amount", () => {
    expect(formatAmount(Number.MAX_SAFE_INTEGER, "usd")).toBe("$90,071,992,547,409.91");
    expect(formatAmount(Number.MAX_SAFE_INTEGER, "kwd")).toBe(`KWD${NBSP}9,007,199,254,740.991`);
  });

  it("formats negative amounts for display", () => {
    expect(formatAmount(-5, "usd")).toBe("-$0.05");
    expect(formatAmount(-5000, "jpy")).toBe("-¥5,000");
    expect(formatAmount(Number.MIN_SAFE_INTEGER, "usd")).toBe("-$90,071,992,547,409.91");
  });

  it("formats for the locale it is given", () => {
    expect(formatAmount(123450, "eur", "de-DE")).toBe(`1.234,50${NBSP}€`);
    expect(formatAmount(123456, "inr", "en-IN")).toBe("₹1,234.56");
  });

  it("rejects amounts that are not safe integers", () => {
    for (const amount of [50.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 53)]) {
      expect(() => formatAmount(amount, "usd"), String(amount)).toThrow(
        expect.objectContaining({ code: "invalid_amount" }),
      );
    }
  });

  it("rejects unknown currencies", () => {
    expect(() => formatAmount(5000, "xyz")).toThrow(
      expect.objectContaining({ code: "invalid_currency" }),
    );
  });

  it("rejects a malformed locale with a TenderError that shows a valid one", () => {
    expect(() => formatAmount(5000, "usd", "not a locale")).toThrow(
      expect.objectContaining({
        code: "invalid_argument",
        message: 'locale must be a BCP 47 language tag like "en-US"; got "not a locale"',
      }),
    );
  });
});
