import { TenderError } from "@tender/core";

/** Everything in the shop is priced in one currency, which every provider here takes. */
export const SHOP_CURRENCY = "eur";

export interface CatalogItem {
  sku: string;
  name: string;
  /** Minor units of {@link SHOP_CURRENCY}. */
  unitAmount: number;
}

export const CATALOG: readonly CatalogItem[] = [
  { sku: "tee", name: "Tender T-shirt", unitAmount: 2500 },
  { sku: "mug", name: "Ledger mug", unitAmount: 1200 },
  { sku: "stickers", name: "Sticker pack", unitAmount: 500 },
];

export interface CartLine {
  sku: string;
  quantity: number;
}

/** The cart the checkout page offers: fixed, so the demo is the same every time. */
export const DEFAULT_CART: readonly CartLine[] = [
  { sku: "tee", quantity: 2 },
  { sku: "mug", quantity: 1 },
  { sku: "stickers", quantity: 1 },
];

export interface PricedLine extends CartLine {
  name: string;
  unitAmount: number;
  amount: number;
}

export interface PricedCart {
  currency: string;
  lines: PricedLine[];
  amount: number;
}

const MAX_LINES = CATALOG.length;
const MAX_QUANTITY = 20;

/**
 * Prices a cart sent by a browser. Everything is checked before anything is
 * written: an unknown item, a quantity that is not a whole number from 1 to
 * 20, or an item listed twice is an `invalid_argument` TenderError.
 */
export function priceCart(items: unknown): PricedCart {
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_LINES) {
    throw invalid(
      `items must be a list of 1 to ${MAX_LINES} cart lines like [{ "sku": "tee", "quantity": 2 }].`,
    );
  }
  const seen = new Set<string>();
  const lines = items.map((item: unknown, index): PricedLine => {
    const where = `items[${index}]`;
    if (!isCartLine(item)) {
      throw invalid(`${where} must be { "sku": string, "quantity": number } and nothing else.`);
    }
    const product = CATALOG.find((candidate) => candidate.sku === item.sku);
    if (product === undefined) {
      throw invalid(
        `${where}.sku ${JSON.stringify(item.sku)} is not sold here; the shop sells ${CATALOG.map((p) => p.sku).join(", ")}.`,
      );
    }
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_QUANTITY) {
      throw invalid(`${where}.quantity must be a whole number from 1 to ${MAX_QUANTITY}.`);
    }
    if (seen.has(item.sku)) throw invalid(`${where}.sku "${item.sku}" is listed twice.`);
    seen.add(item.sku);
    return {
      ...item,
      name: product.name,
      unitAmount: product.unitAmount,
      amount: product.unitAmount * item.quantity,
    };
  });
  return {
    currency: SHOP_CURRENCY,
    lines,
    amount: lines.reduce((sum, line) => sum + line.amount, 0),
  };
}

function isCartLine(value: unknown): value is CartLine {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return (
    keys.length === 2 &&
    typeof Reflect.get(value, "sku") === "string" &&
    typeof Reflect.get(value, "quantity") === "number"
  );
}

function invalid(message: string): TenderError {
  return new TenderError({ code: "invalid_argument", message });
}
