import { ProviderError } from "../errors/provider-error";
import { TenderError } from "../errors/tender-error";
import type { SessionError } from "../records/records";

/** What a provider failure leaves on a session, capture or refund: its code, message and decline code. */
export function errorSummary(error: unknown): SessionError {
  if (ProviderError.isProviderError(error)) {
    return {
      code: error.code,
      message: error.message,
      ...(error.declineCode ? { decline_code: error.declineCode } : {}),
    };
  }
  if (TenderError.isInstance(error)) return { code: error.code, message: error.message };
  return {
    code: "provider_error",
    message: error instanceof Error ? error.message : String(error),
  };
}
