/**
 * A fault to inject into the next matching request.
 *
 * @example
 * ```ts
 * fake.failNext({ method: "POST", path: /\/capture$/ }, { type: "lost_response" });
 * ```
 */
export type FakeFault =
  /**
   * 500 INTERNAL_SERVER_ERROR. Without `applied` nothing changes and nothing is
   * stored for the PayPal-Request-Id (a retry with the same id runs anew, as
   * PayPal invites for 5xx). With `applied: true` the change happened and its
   * real answer is stored for the request id: a retry with the same id gets it.
   */
  | { type: "server_error"; applied?: boolean }
  /** 429 RATE_LIMIT_REACHED (with `Retry-After`), before anything runs: nothing applied or stored. */
  | { type: "rate_limited"; retryAfterSeconds?: number }
  /** Applied and its answer stored for the request id, then the client sees a network error. */
  | { type: "lost_response" };

/**
 * Which requests a fault applies to: a method (any when absent) and a path prefix or pattern.
 *
 * @example
 * ```ts
 * const match: FaultMatch = { method: "POST", path: "/v2/payments/captures/" };
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
