import { TenderError } from "../errors/tender-error";
import { isContractViolation } from "../provider/check-answers";

/**
 * What the caller gets when a provider call ended without a definite answer
 * (a plain error, a timeout, a retryable refusal): the money may have moved,
 * so the row stays pending, holding its amount, until reconcile asks the
 * provider with the same idempotency key. Retrying the same call is safe.
 */
export function outcomeUnknown(options: {
  providerId: string;
  what: string;
  reconcile: string;
  details: Record<string, unknown>;
  cause: unknown;
}): TenderError {
  return new TenderError({
    code: "outcome_unknown",
    message: `Provider ${options.providerId} did not say whether ${options.what} went through; it stays pending and holds its amount until the provider's own record settles it: ${options.reconcile}, or let the reconcile sweep do it. Do not start it again under a new key.${isContractViolation(options.cause) ? ` ${options.cause.message}` : ""}`,
    details: { ...options.details, provider_id: options.providerId },
    retryable: true,
    cause: options.cause,
  });
}
