import { FakeStripeError } from "./stripe-errors";

const KEY_PREFIX = /^(sk|rk|pk)_(test|live)_/;

/**
 * Masks a key for an error message: its kind prefix, asterisks, and the last
 * four characters only when enough of the key stays hidden.
 */
export function maskApiKey(key: string): string {
  const prefix = KEY_PREFIX.exec(key)?.[0] ?? "";
  const secret = key.slice(prefix.length);
  const tail = secret.length >= 12 ? secret.slice(-4) : "";
  return `${prefix}${"*".repeat(Math.max(4, Math.min(secret.length - tail.length, 24)))}${tail}`;
}

/**
 * Checks the `Authorization` header: only a secret test key (`Bearer sk_test_...`)
 * passes, as in test mode. Throws the 401 Stripe answers otherwise, never
 * echoing the key.
 */
export function checkApiKey(authorization: string | null): void {
  if (authorization === null || authorization.trim() === "") {
    throw unauthorized(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  }
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  const key = match?.[1];
  if (key === undefined) {
    throw unauthorized(
      "Invalid API Key provided: the Authorization header must use Bearer auth with a secret key.",
    );
  }
  if (!/^sk_test_\w+$/.test(key))
    throw unauthorized(`Invalid API Key provided: ${maskApiKey(key)}`);
}

function unauthorized(message: string): FakeStripeError {
  return new FakeStripeError(401, { type: "invalid_request_error", message }, false);
}
