import { describe, expect, it } from "vitest";
import { fromPayPalMoney, PAYPAL_CURRENCIES, toPayPalMoney } from "./paypal-currency";

describe("PayPal amounts", () => {
  it.each([
    [5000, "usd", "50.00"],
    [1, "eur", "0.01"],
    [12345, "jpy", "12345"],
    [150000, "huf", "1500"],
    [9900, "twd", "99"],
    [Number.MAX_SAFE_INTEGER, "gbp", "90071992547409.91"],
  ])("writes %i %s as %s and reads it back exactly", (amount, currency, value) => {
    const money = toPayPalMoney(amount, currency);
    expect(money).toEqual({ currency_code: currency.toUpperCase(), value });
    expect(fromPayPalMoney(money)).toBe(amount);
  });

  it("refuses a fraction of a forint or a Taiwan dollar, which PayPal cannot write", () => {
    expect(() => toPayPalMoney(150_050, "huf")).toThrow(
      expect.objectContaining({ code: "invalid_amount" }),
    );
    expect(() => toPayPalMoney(1, "twd")).toThrow(
      expect.objectContaining({ code: "invalid_amount" }),
    );
  });

  it("refuses every currency outside PayPal's list, and takes every one on it", () => {
    for (const currency of ["inr", "kwd", "zar", "isk"]) {
      expect(() => toPayPalMoney(100, currency)).toThrow(
        expect.objectContaining({ code: "invalid_currency" }),
      );
    }
    for (const currency of PAYPAL_CURRENCIES) {
      expect(toPayPalMoney(100, currency.toLowerCase()).currency_code).toBe(currency);
    }
  });

  it("reads an amount that is not a decimal of its currency as nothing", () => {
    expect(fromPayPalMoney({ currency_code: "USD", value: "1.234" })).toBeUndefined();
    expect(fromPayPalMoney({ currency_code: "JPY", value: "-5" })).toBeUndefined();
    expect(fromPayPalMoney({ currency_code: "XXX", value: "5" })).toBeUndefined();
  });
});
