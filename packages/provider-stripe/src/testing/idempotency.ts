import type { FormObject, FormValue } from "./form-body";
import { FakeStripeError } from "./stripe-errors";

/** The first answer given for an idempotency key, replayed byte for byte. */
export interface StoredResponse {
  method: string;
  path: string;
  /** The parameters in canonical form, to tell a replay from a misuse of the key. */
  fingerprint: string;
  status: number;
  body: string;
  /** Answer headers that belong to the answer (`Stripe-Should-Retry`). */
  headers: Record<string, string>;
  requestId: string;
  /** Unix seconds when the answer was stored: Stripe forgets a key after 24 hours. */
  storedAt: number;
}

/** How long Stripe keeps an idempotency key's answer. */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 60 * 60;

/** Stripe's limit on an `Idempotency-Key`. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * A canonical text of decoded parameters: hash keys sorted, lists kept in
 * order, so that the same parameters sent in another order compare equal.
 */
export function fingerprintParams(params: FormObject): string {
  return JSON.stringify(canonical(params));
}

function canonical(value: FormValue): FormValue {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(canonical);
  const sorted: FormObject = {};
  for (const key of Object.keys(value).sort()) {
    const item = value[key];
    if (item !== undefined) sorted[key] = canonical(item);
  }
  return sorted;
}

/**
 * Finds the stored answer for a key, refusing (400 `idempotency_error`) a key
 * reused for another endpoint or with other parameters. A key stored more
 * than 24 hours before `nowSeconds` is forgotten: the request runs anew.
 */
export function findReplay(
  store: Map<string, StoredResponse>,
  key: string,
  request: { method: string; path: string; fingerprint: string },
  nowSeconds: number,
): StoredResponse | undefined {
  const stored = store.get(key);
  if (stored === undefined) return undefined;
  if (nowSeconds - stored.storedAt >= IDEMPOTENCY_KEY_TTL_SECONDS) {
    store.delete(key);
    return undefined;
  }
  if (stored.method !== request.method || stored.path !== request.path) {
    throw idempotencyError(
      `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${stored.method} ${stored.path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
    );
  }
  if (stored.fingerprint !== request.fingerprint) {
    throw idempotencyError(
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    );
  }
  return stored;
}

/**
 * Stripe's answer to a request whose key another request is still using:
 * 409 `idempotency_key_in_use`, safe to retry later with the same key.
 */
export function keyInUseError(key: string): FakeStripeError {
  return new FakeStripeError(
    409,
    {
      type: "idempotency_error",
      code: "idempotency_key_in_use",
      message: `There is currently another in-progress request using this idempotent key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
    },
    false,
  );
}

function idempotencyError(message: string): FakeStripeError {
  return new FakeStripeError(400, { type: "idempotency_error", message }, false);
}
