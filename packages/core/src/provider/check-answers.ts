import { ProviderError } from "../errors/provider-error";
import { redact } from "../errors/redact";
import { type PaymentProviderV1, PROVIDER_PAYMENT_STATUSES } from "./payment-provider";

/** Whether an answer keeps the contract; a sentence saying what it should have been when not. */
type Check = (answer: unknown) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const hasData: Check = (answer) =>
  isObject(answer) && isObject(answer.data) ? undefined : "an object with an object `data`";

const paymentResult: Check = (answer) => {
  if (!isObject(answer) || !isObject(answer.data))
    return "an object with `status` and an object `data`";
  const statuses: readonly unknown[] = PROVIDER_PAYMENT_STATUSES;
  if (!statuses.includes(answer.status)) {
    return `a \`status\` of ${PROVIDER_PAYMENT_STATUSES.join(", ")}`;
  }
  if (answer.raw_status !== undefined && typeof answer.raw_status !== "string") {
    return "a string `raw_status`, or none";
  }
  const action = answer.next_action;
  if (action !== undefined && !(isObject(action) && typeof action.type === "string")) {
    return "a `next_action` with a string `type`, or none";
  }
  const error = answer.error;
  if (
    error !== undefined &&
    !(isObject(error) && typeof error.code === "string" && typeof error.message === "string")
  ) {
    return "an `error` with a string `code` and `message`, or none";
  }
  const before = answer.capture_before;
  if (before !== undefined && !(before instanceof Date && !Number.isNaN(before.getTime()))) {
    return "a valid Date `capture_before`, or none";
  }
  const authorized = answer.authorized_amount;
  if (authorized !== undefined && !(Number.isSafeInteger(authorized) && Number(authorized) > 0)) {
    return "a whole, positive `authorized_amount`, or none";
  }
  const captured = answer.captured_amount;
  if (captured !== undefined && !(Number.isSafeInteger(captured) && Number(captured) >= 0)) {
    return "a whole, non-negative `captured_amount`, or none";
  }
  return undefined;
};

const refundResult: Check = (answer) => {
  const missing = hasData(answer);
  if (missing) return missing;
  const status = isObject(answer) ? answer.status : undefined;
  return status === "pending" || status === "succeeded" || status === "failed"
    ? undefined
    : "a `status` of pending, succeeded or failed";
};

const incrementResult: Check = (answer) => {
  const missing = hasData(answer);
  if (missing) return missing;
  const amount = isObject(answer) ? answer.amount : undefined;
  return Number.isSafeInteger(amount) && Number(amount) > 0
    ? undefined
    : "a whole, positive `amount` (the total held now)";
};

const list: Check = (answer) => (Array.isArray(answer) ? undefined : "an array");

/** What each method of a provider must answer. */
const CHECKS = new Map<PropertyKey, Check>(
  Object.entries({
    initiatePayment: paymentResult,
    updatePayment: paymentResult,
    authorizePayment: paymentResult,
    getPaymentStatus: paymentResult,
    capturePayment: hasData,
    cancelPayment: hasData,
    deletePayment: hasData,
    retrievePayment: hasData,
    refundPayment: refundResult,
    incrementAuthorization: incrementResult,
    listRefunds: list,
    listDisputes: list,
  } satisfies Partial<Record<keyof PaymentProviderV1, Check>>),
);

/**
 * The provider as the core calls it: every answer is checked against the
 * provider contract before the core books it. An answer that breaks it (no
 * answer, an unknown status, data that is not an object) throws a
 * `ProviderError` naming the provider, the method and what it returned; it is
 * not definite, so the outcome is unknown: the row stays pending for
 * reconcile, never marked failed on a guess, and the customer is never told
 * to use another payment method because of a provider's bug.
 */
export function checkAnswers<TProvider extends PaymentProviderV1>(provider: TProvider): TProvider {
  return new Proxy(provider, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      const check = CHECKS.get(key);
      if (check === undefined || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const answer: unknown = await value.apply(target, args);
        const expected = check(answer);
        if (expected !== undefined)
          throw contractViolation(target.id, String(key), answer, expected);
        return answer;
      };
    },
  });
}

const violations = new WeakSet<object>();

/** Whether `error` is the core's report of a provider answer that broke the contract. */
export function isContractViolation(error: unknown): error is ProviderError {
  return typeof error === "object" && error !== null && violations.has(error);
}

function contractViolation(
  providerId: string,
  method: string,
  answer: unknown,
  expected: string,
): ProviderError {
  const error = new ProviderError({
    providerId,
    code: "provider_error",
    message: `Provider ${providerId}'s ${method} answered ${describe(answer)}, not ${expected}: the provider breaks its contract. The outcome is treated as unknown (nothing is booked on a guess); fix the provider, then reconcile.`,
  });
  violations.add(error);
  return error;
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value !== "object") return redact(JSON.stringify(value) ?? String(value)).slice(0, 80);
  try {
    return redact(JSON.stringify(value)).slice(0, 120);
  } catch {
    return "an object that is not JSON";
  }
}
