/** A stored answer for a PayPal-Request-Id on one route. */
export interface StoredAnswer {
  status: number;
  body: string;
}

/** The store key: the same request id on another route is another key. */
export function idempotencyKey(method: string, path: string, requestId: string): string {
  return `${method} ${path} ${requestId}`;
}

/**
 * Whether an answer is kept for its request id. PayPal asks clients to retry
 * 5xx and network failures with the same id, so only answers that completed
 * the request (2xx) are kept; a refusal (4xx) is given again by running anew.
 */
export function isStored(status: number): boolean {
  return status >= 200 && status < 300;
}
