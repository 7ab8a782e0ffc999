import { ProviderError } from "../errors/provider-error";
import { redact } from "../errors/redact";
import { TenderError } from "../errors/tender-error";
import type { SessionError } from "../records/records";

/**
 * What a provider failure leaves on a session, capture or refund: its code,
 * message and decline code. The message is redacted (no card number, no
 * key), whatever threw it: a plain Error, or a TenderError of another copy.
 */
export function errorSummary(error: unknown): SessionError {
  if (ProviderError.isProviderError(error)) {
    return {
      code: error.code,
      message: redact(error.message),
      ...(error.declineCode ? { decline_code: error.declineCode } : {}),
    };
  }
  if (TenderError.isInstance(error)) {
    return { code: error.code, message: redact(error.message, { digitRuns: "luhn" }) };
  }
  return {
    code: "provider_error",
    message: redact(error instanceof Error ? error.message : String(error)),
  };
}
