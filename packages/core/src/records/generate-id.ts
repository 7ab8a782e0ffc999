import { randomFillSync } from "node:crypto";

export const ID_PREFIXES = {
  payment_collections: "paycol",
  payment_sessions: "payses",
  payments: "pay",
  captures: "capt",
  refunds: "ref",
  disputes: "disp",
  refund_reasons: "refr",
  account_holders: "acchld",
} as const;

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

let lastTime = 0;
let sequence = 0;

/**
 * A prefixed, time-ordered id (`pay_01J...`): 10 characters of milliseconds,
 * 4 of a sequence that orders ids made in the same millisecond (so lists come
 * back in creation order), and 12 random ones, in Crockford base32.
 */
export function generateId(prefix: string): string {
  const now = Date.now();
  if (now > lastTime) {
    lastTime = now;
    sequence = 0;
  } else {
    sequence++;
  }
  let tail = "";
  for (let i = 0; i < 12; i++) tail += ALPHABET.charAt(randomByte() % 32);
  return `${prefix}_${base32(lastTime, 10)}${base32(sequence, 4)}${tail}`;
}

function base32(value: number, length: number): string {
  let rest = value;
  let out = "";
  for (let i = 0; i < length; i++) {
    out = ALPHABET.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

// Random bytes are drawn from a pool refilled 4 KiB at a time: one system call per ~340 ids.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomByte(): number {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++] ?? 0;
}
