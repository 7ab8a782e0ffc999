import { redact } from "../errors/redact";
import type { SessionError } from "../records/records";
import type { PaymentProviderV1 } from "./payment-provider";

/** The methods whose answers carry a provider's error text (a session result, a webhook's data). */
const ANSWERS_WITH_ERRORS = new Set<PropertyKey>([
  "initiatePayment",
  "updatePayment",
  "authorizePayment",
  "getPaymentStatus",
  "getWebhookActionAndData",
]);

/**
 * The provider as the core calls it: the error in each answer (a session
 * result's `error`, a webhook's `data.error`) is redacted before the core
 * stores it, shows it in a message or puts it in an event, since a provider
 * may echo a card number or a key it was sent. Everything else passes
 * through unchanged; what a provider throws is redacted where it is
 * summarized (a ProviderError redacts itself).
 */
export function redactAnswers<TProvider extends PaymentProviderV1>(provider: TProvider): TProvider {
  return new Proxy(provider, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (!ANSWERS_WITH_ERRORS.has(key) || typeof value !== "function") return value;
      return async (...args: unknown[]) => redactAnswer(await value.apply(target, args));
    },
  });
}

function redactAnswer(answer: unknown): unknown {
  if (typeof answer !== "object" || answer === null) return answer;
  const error: unknown = Reflect.get(answer, "error");
  const data: unknown = Reflect.get(answer, "data");
  if (isSessionError(error)) return { ...answer, error: redactError(error) };
  if (typeof data === "object" && data !== null) {
    const dataError: unknown = Reflect.get(data, "error");
    if (isSessionError(dataError))
      return { ...answer, data: { ...data, error: redactError(dataError) } };
  }
  return answer;
}

function isSessionError(value: unknown): value is SessionError {
  return (
    typeof value === "object" && value !== null && typeof Reflect.get(value, "message") === "string"
  );
}

function redactError(error: SessionError): SessionError {
  return { ...error, message: redact(error.message) };
}
