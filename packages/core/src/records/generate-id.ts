import { randomBytes } from "node:crypto";

export const ID_PREFIXES = {
  payment_collections: "paycol",
  payment_sessions: "payses",
  payments: "pay",
  captures: "capt",
  refunds: "ref",
  refund_reasons: "refr",
  account_holders: "acchld",
} as const;

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A prefixed, time-ordered id (`pay_01J...`): 10 characters of milliseconds and
 * 16 random ones, in Crockford base32, so ids sort by creation time.
 */
export function generateId(prefix: string): string {
  let time = Date.now();
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = ALPHABET.charAt(time % 32) + head;
    time = Math.floor(time / 32);
  }
  const bytes = randomBytes(16);
  let tail = "";
  for (const byte of bytes) tail += ALPHABET.charAt(byte % 32);
  return `${prefix}_${head}${tail}`;
}
