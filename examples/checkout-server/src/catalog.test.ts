import { TenderError } from "@tender/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_CART, priceCart } from "./catalog";

function refusal(items: unknown): string {
  try {
    priceCart(items);
  } catch (error) {
    if (TenderError.isInstance(error) && error.code === "invalid_argument") return error.message;
    throw error;
  }
  throw new Error("the cart was priced");
}

describe("priceCart", () => {
  it("prices the checkout's cart from the catalog, in minor units of euros", () => {
    const cart = priceCart(DEFAULT_CART);
    expect(cart.currency).toBe("eur");
    expect(cart.amount).toBe(6700);
    expect(cart.lines.map((line) => [line.sku, line.quantity, line.amount])).toEqual([
      ["tee", 2, 5000],
      ["mug", 1, 1200],
      ["stickers", 1, 500],
    ]);
  });

  it("refuses what a browser could send wrong, saying what is wrong", () => {
    expect(refusal(undefined)).toMatch(/items must be a list/);
    expect(refusal([])).toMatch(/items must be a list/);
    expect(refusal([{ sku: "car", quantity: 1 }])).toMatch(/"car" is not sold here/);
    expect(refusal([{ sku: "tee", quantity: 21 }])).toMatch(/whole number from 1 to 20/);
    expect(refusal([{ sku: "tee", quantity: Number.NaN }])).toMatch(/whole number/);
    expect(refusal([{ sku: "tee" }])).toMatch(/must be \{ "sku"/);
    expect(refusal([{ sku: "tee", quantity: 1, amount: 1 }])).toMatch(/and nothing else/);
    expect(
      refusal([
        { sku: "tee", quantity: 1 },
        { sku: "tee", quantity: 2 },
      ]),
    ).toMatch(/twice/);
  });
});
