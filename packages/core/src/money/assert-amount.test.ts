import { describe, expect, it } from "vitest";
import { TenderError } from "../errors/tender-error";
import { assertAmount, isMinorUnitAmount } from "./assert-amount";

const invalidAmount = expect.objectContaining({ code: "invalid_amount" });

describe("assertAmount", () => {
  it("accepts zero, ordinary amounts and the largest safe integer", () => {
    for (const value of [0, 1, 50, 5000, 123_456_789, Number.MAX_SAFE_INTEGER]) {
      expect(() => assertAmount(value), String(value)).not.toThrow();
    }
  });

  it("narrows an unknown value to a number", () => {
    const value: unknown = 5000;
    assertAmount(value);
    const amount: number = value;
    expect(amount).toBe(5000);
  });

  it("rejects 50.5 with a message that says amounts are integers in the minor unit", () => {
    const error = catchError(() => assertAmount(50.5));
    expect(TenderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: "invalid_amount",
      message:
        "amount must be an integer in the currency's minor unit (5000 usd = $50.00); got 50.5",
      details: { field: "amount" },
    });
  });

  it("rejects NaN and infinities", () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => assertAmount(value), String(value)).toThrow(invalidAmount);
      expect(() => assertAmount(value)).toThrow(`got ${value}`);
    }
  });

  it("rejects numbers in strings, bigints and other non-numbers instead of converting them", () => {
    for (const value of ["5000", 5000n, null, undefined, true, {}, [5000], new Number(5000)]) {
      expect(() => assertAmount(value), String(value)).toThrow(invalidAmount);
    }
    expect(() => assertAmount("5000")).toThrow('got "5000" (a string)');
  });

  it("rejects integers too large to stay exact", () => {
    for (const value of [Number.MAX_SAFE_INTEGER + 1, 2 ** 60, 1e21]) {
      expect(() => assertAmount(value), String(value)).toThrow(invalidAmount);
    }
    expect(() => assertAmount(2 ** 53)).toThrow(
      "amount must be a safe integer, between -9007199254740991 and 9007199254740991, so it stays exact; got 9007199254740992",
    );
  });

  it("rejects negative amounts by default", () => {
    expect(() => assertAmount(-1)).toThrow(invalidAmount);
    expect(() => assertAmount(-1)).toThrow(
      "amount must be 0 or more (amounts are never negative); got -1",
    );
  });

  it("names the field in the message and details", () => {
    expect(() => assertAmount(1.5, { field: "capture.amount" })).toThrow(
      expect.objectContaining({
        code: "invalid_amount",
        message: expect.stringMatching(/^capture\.amount must be an integer/),
        details: expect.objectContaining({ field: "capture.amount" }),
      }),
    );
  });

  it("enforces a custom minimum", () => {
    expect(() => assertAmount(49, { min: 50 })).toThrow("amount must be at least 50; got 49");
    expect(() => assertAmount(50, { min: 50 })).not.toThrow();
  });

  it("accepts negative safe integers when the minimum allows them", () => {
    const min = Number.MIN_SAFE_INTEGER;
    expect(() => assertAmount(-5000, { min })).not.toThrow();
    expect(() => assertAmount(Number.MIN_SAFE_INTEGER, { min })).not.toThrow();
    expect(() => assertAmount(Number.MIN_SAFE_INTEGER - 1, { min })).toThrow(invalidAmount);
    expect(() => assertAmount(-0.5, { min })).toThrow(invalidAmount);
  });
});

describe("isMinorUnitAmount", () => {
  it("is true for safe non-negative integers", () => {
    for (const value of [0, 1, 5000, Number.MAX_SAFE_INTEGER]) {
      expect(isMinorUnitAmount(value), String(value)).toBe(true);
    }
  });

  it("is false for what assertAmount rejects by default", () => {
    const rejected = [-1, 50.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, "5000", 5000n, null];
    for (const value of rejected) {
      expect(isMinorUnitAmount(value), String(value)).toBe(false);
    }
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
