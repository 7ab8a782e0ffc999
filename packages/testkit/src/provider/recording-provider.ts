import { checkAnswers, isContractViolation } from "@tender/core/internal";
import type { PaymentProviderV1 } from "@tender/provider";

/** One call the service (or the suite) made to the provider, and how it ended. */
export interface RecordedCall {
  method: string;
  input: unknown;
  outcome: { answer: unknown } | { error: unknown };
}

/** The provider under test as the suite hands it to the service: every call recorded and checked. */
export interface RecordingProvider<TProvider extends PaymentProviderV1> {
  provider: TProvider;
  readonly calls: readonly RecordedCall[];
  /** Answers that broke the provider contract (the core's own check, applied to the raw answers). */
  readonly violations: readonly Error[];
  callsTo(method: string): RecordedCall[];
  /**
   * The next call to `method` reaches the provider, but its answer is lost on
   * the way back (a plain error, as a timeout after the request was sent).
   */
  loseNextAnswer(method: string): void;
  /**
   * The next call to `method` reaches the provider, but the service gets
   * `replace(answer)` instead of its answer, unchecked: a hostile answer the
   * core itself must refuse.
   */
  answerNextWith(method: string, replace: (answer: unknown) => unknown): void;
}

const LOST = "conformance: the provider's answer was lost on the way back (a simulated timeout)";

/** Wraps a provider so the suite sees every call, checks every answer, and can lose one. */
export function recordingProvider<TProvider extends PaymentProviderV1>(
  raw: TProvider,
): RecordingProvider<TProvider> {
  const checked = checkAnswers(raw);
  const calls: RecordedCall[] = [];
  const violations: Error[] = [];
  const lose = new Set<string>();
  const replacements = new Map<string, (answer: unknown) => unknown>();
  const provider = new Proxy(checked, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function" || typeof key !== "string") return value;
      return async (...args: unknown[]) => {
        const input = args[0];
        try {
          const answer: unknown = await value.apply(target, args);
          calls.push({ method: key, input, outcome: { answer } });
          if (lose.delete(key)) throw new Error(LOST);
          const replace = replacements.get(key);
          if (replace) {
            replacements.delete(key);
            return replace(answer);
          }
          return answer;
        } catch (error) {
          if (!(error instanceof Error && error.message === LOST)) {
            calls.push({ method: key, input, outcome: { error } });
          }
          if (isContractViolation(error)) violations.push(error);
          throw error;
        }
      };
    },
  });
  return {
    provider,
    calls,
    violations,
    callsTo: (method) => calls.filter((call) => call.method === method),
    loseNextAnswer: (method) => {
      lose.add(method);
    },
    answerNextWith: (method, replace) => {
      replacements.set(method, replace);
    },
  };
}
