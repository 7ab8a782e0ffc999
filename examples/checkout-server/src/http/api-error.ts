import { TenderError } from "@tender/core";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { httpStatusOf } from "./http-status-of";

/** The body of every error the JSON API answers: Tender's code and its message. */
export interface ApiErrorBody {
  error: { code: string; message: string; decline_code?: string };
}

/**
 * An error as the JSON API answers it. A TenderError keeps its code and
 * message, with the status its code maps to; anything else is a fault of the
 * server (a bug, never the caller's input) and says nothing more than that.
 */
export function apiError(error: unknown): { status: ContentfulStatusCode; body: ApiErrorBody } {
  if (!TenderError.isInstance(error)) {
    return {
      status: 500,
      body: { error: { code: "internal_error", message: "The server failed; see its log." } },
    };
  }
  const declineCode = error.details.decline_code;
  return {
    status: httpStatusOf(error.code),
    body: {
      error: {
        code: error.code,
        message: error.message,
        ...(typeof declineCode === "string" ? { decline_code: declineCode } : {}),
      },
    },
  };
}

/** Bad input the server itself refused (before calling Tender). */
export function invalidArgument(message: string): TenderError {
  return new TenderError({ code: "invalid_argument", message });
}
