/**
 * A fault to inject into the next matching request.
 *
 * @example
 * ```ts
 * fake.failNext({ method: "POST", path: "/v1/refunds" }, { type: "rate_limited", retryAfterSeconds: 2 });
 * ```
 */
export type FakeFault =
  /**
   * 500 `api_error`; stored for the idempotency key, as Stripe stores its 5xx
   * answers, so the same key replays it. Nothing is applied unless `applied`:
   * then the request took effect and only its answer is the 500 (Stripe says
   * a 5xx may rarely mean that), so only the object itself tells.
   */
  | { type: "server_error"; applied?: boolean }
  /** 429 `rate_limit` before anything runs; nothing is applied or stored. */
  | { type: "rate_limited"; retryAfterSeconds?: number }
  /** The request is applied and its answer stored, but the client sees a network error. */
  | { type: "lost_response" }
  /**
   * The request is applied and its answer stored, then sent after `delayMs`:
   * a client whose timeout is shorter gives up first (a timeout, the outcome
   * unknown to it), and a retry with the same key gets the stored answer.
   */
  | { type: "slow_response"; delayMs: number };

/**
 * Which requests a fault applies to: an HTTP method (any when absent) and a path prefix or pattern.
 *
 * @example
 * ```ts
 * fake.failNext({ path: /^\/v1\/payment_intents\/pi_\w+\/capture$/ }, { type: "lost_response" });
 * ```
 */
export interface FaultMatch {
  method?: string;
  path: string | RegExp;
}

/** A queued fault, waiting for its request. */
export interface PendingFault {
  match: FaultMatch;
  fault: FakeFault;
}

function matches(match: FaultMatch, method: string, path: string): boolean {
  if (match.method !== undefined && match.method.toUpperCase() !== method) return false;
  return typeof match.path === "string" ? path.startsWith(match.path) : match.path.test(path);
}

/** Removes and returns the first queued fault for this request, if any. */
export function takeFault(
  faults: PendingFault[],
  method: string,
  path: string,
): FakeFault | undefined {
  const index = faults.findIndex((pending) => matches(pending.match, method, path));
  if (index < 0) return undefined;
  const [pending] = faults.splice(index, 1);
  return pending?.fault;
}
