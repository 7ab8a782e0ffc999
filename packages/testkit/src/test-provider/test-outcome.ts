import { ProviderError } from "@tender/provider";

/**
 * What a session of the test provider does when it is authorized, chosen per
 * session by its `data.outcome`:
 *
 * - `authorize`: authorizes at once (captures at once with `automaticCapture`).
 * - `decline`: declines (a `status: "error"` answer with a `card_declined` error): nothing moves.
 * - `requires_more`: asks the customer to act (a redirect); authorizes once
 *   `provider.completeAction(sessionId)` says they did.
 * - `processing`: stays processing until `provider.settle(sessionId)`, which
 *   sends the signed webhook that settles it.
 * - `unknown_failure`: the first authorization goes through at the provider
 *   but its answer is lost (a non-definite `ProviderError`, as a timeout); a
 *   retry or reconcile under the same key finds it authorized.
 */
export type TestOutcome =
  | "authorize"
  | "decline"
  | "requires_more"
  | "processing"
  | "unknown_failure";

/** Every {@link TestOutcome}. */
export const TEST_OUTCOMES = [
  "authorize",
  "decline",
  "requires_more",
  "processing",
  "unknown_failure",
] as const satisfies readonly TestOutcome[];

/** A named outcome of `testProvider({ outcomes })`: what it does, and how long each call waits. */
export interface TestOutcomeSpec {
  outcome: TestOutcome;
  /** Milliseconds every provider call of the session waits before answering. */
  delay_ms?: number;
  /** The decline code of a `decline` (default `generic_decline`). */
  decline_code?: string;
  /**
   * Authorizes at most this many minor units (a partial authorization, as a
   * gift card with a short balance): the answer's `authorized_amount`.
   */
  authorize_up_to?: number;
}

const isTestOutcome = (value: unknown): value is TestOutcome =>
  (TEST_OUTCOMES as readonly unknown[]).includes(value);

/**
 * The session's outcome: `data.outcome` names a built-in outcome or one of
 * `outcomes`; `data.delay_ms` adds a delay; `data.authorize_up_to` caps what
 * an authorization takes. Anything else is refused
 * definitely, as a payment service refuses invalid parameters.
 */
export function resolveOutcome(
  providerId: string,
  data: Record<string, unknown>,
  outcomes: Readonly<Record<string, TestOutcomeSpec>>,
  fallback: TestOutcome,
): TestOutcomeSpec {
  const named = data.outcome ?? fallback;
  const spec = typeof named === "string" ? (outcomes[named] ?? undefined) : undefined;
  const resolved: TestOutcomeSpec | undefined =
    spec ?? (isTestOutcome(named) ? { outcome: named } : undefined);
  if (resolved === undefined) {
    throw new ProviderError({
      providerId,
      code: "invalid_request",
      definite: true,
      message: `Test provider ${providerId} has no outcome ${JSON.stringify(named)}: use one of ${[...TEST_OUTCOMES, ...Object.keys(outcomes)].join(", ")} in the session's data.outcome.`,
    });
  }
  const delay = data.delay_ms ?? resolved.delay_ms;
  if (delay !== undefined && !(typeof delay === "number" && Number.isFinite(delay) && delay >= 0)) {
    throw new ProviderError({
      providerId,
      code: "invalid_request",
      definite: true,
      message: `Test provider ${providerId}: data.delay_ms is a number of milliseconds (0 or more); got ${JSON.stringify(delay)}.`,
    });
  }
  const upTo = data.authorize_up_to ?? resolved.authorize_up_to;
  if (upTo !== undefined && !(Number.isSafeInteger(upTo) && (upTo as number) > 0)) {
    throw new ProviderError({
      providerId,
      code: "invalid_request",
      definite: true,
      message: `Test provider ${providerId}: data.authorize_up_to is a whole number of minor units above 0; got ${JSON.stringify(upTo)}.`,
    });
  }
  return {
    ...resolved,
    ...(delay === undefined ? {} : { delay_ms: delay }),
    ...(upTo === undefined ? {} : { authorize_up_to: upTo as number }),
  };
}
