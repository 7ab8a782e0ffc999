import { ApiError } from "@paypal/paypal-server-sdk";
import { ProviderError, TenderError, type TenderErrorCode } from "@tender/core";
import { isMatching, match, P } from "ts-pattern";
import { classify } from "./paypal-issues";

/** What Tender reads of a PayPal error answer (REST `{ name, message, debug_id, details }`, or OAuth's `{ error }`). */
export interface PayPalErrorBody {
  name: string | null;
  message: string | null;
  debug_id: string | null;
  /** The first detail's `issue` (`INSTRUMENT_DECLINED`, `MAX_CAPTURE_AMOUNT_EXCEEDED`, ...). */
  issue: string | null;
  description: string | null;
  field: string | null;
  /** OAuth's `error` (`invalid_client`), for the token endpoint. */
  oauth_error: string | null;
}

const restShape = {
  name: P.string,
  message: P.optional(P.string),
  debug_id: P.optional(P.string),
  details: P.optional(
    P.array({ issue: P.string, description: P.optional(P.string), field: P.optional(P.string) }),
  ),
} as const;

const oauthShape = { error: P.string, error_description: P.optional(P.string) } as const;

/** Reads a PayPal error body (a string or parsed JSON); fields it does not carry are null. */
export function readErrorBody(body: unknown): PayPalErrorBody {
  const value = typeof body === "string" ? parseJson(body) : body;
  const empty: PayPalErrorBody = {
    name: null,
    message: null,
    debug_id: null,
    issue: null,
    description: null,
    field: null,
    oauth_error: null,
  };
  if (isMatching(restShape, value)) {
    const detail = value.details?.[0];
    return {
      ...empty,
      name: value.name,
      message: value.message ?? null,
      debug_id: value.debug_id ?? null,
      issue: detail?.issue ?? null,
      description: detail?.description ?? null,
      field: detail?.field ?? null,
    };
  }
  if (isMatching(oauthShape, value)) {
    return { ...empty, oauth_error: value.error, message: value.error_description ?? null };
  }
  return empty;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Anything a PayPal call throws as a {@link ProviderError}: a code from
 * Tender's list, whether it is definite (PayPal refused: nothing moved) or
 * an unknown outcome (5xx, 429, a network error, a lost answer), PayPal's
 * `debug_id` as `requestId`, and never a credential.
 */
export function toProviderError(
  error: unknown,
  providerId: string,
  idempotencyKey?: string,
): ProviderError {
  if (ProviderError.isProviderError(error)) return error;
  const keyed = idempotencyKey ? { idempotencyKey } : {};
  if (!(error instanceof ApiError)) {
    if (TenderError.isInstance(error)) return refusedBeforeSending(error, providerId);
    const reason = error instanceof Error ? error.message : String(error);
    return new ProviderError({
      providerId,
      code: "connection",
      retryable: true,
      message: `PayPal did not answer (${reason}); the request may have been applied. Reconcile sends it again with the same PayPal-Request-Id.`,
      ...keyed,
      // No `cause`: a transport error carries the request's Authorization header (a bearer token, or the client secret).
    });
  }
  const body = readErrorBody(error.body);
  const { code, retryable, definite } = classify(error.statusCode, body);
  const debugId = body.debug_id ?? headerOf(error.headers, "paypal-debug-id");
  const issue = body.issue ?? body.oauth_error ?? body.name;
  const declineCode = code === "card_declined" && body.issue ? body.issue.toLowerCase() : undefined;
  return new ProviderError({
    providerId,
    code,
    retryable,
    definite,
    message: `PayPal answered ${error.statusCode}${describe(body)}${debugId ? ` (debug_id ${debugId})` : ""}.${advice(code, body)}`,
    statusCode: error.statusCode,
    ...(issue ? { providerCode: issue } : {}),
    ...(declineCode ? { declineCode } : {}),
    ...(debugId ? { requestId: debugId } : {}),
    ...keyed,
    raw: { ...body, debug_id: debugId },
  });
}

/**
 * A `TenderError` our own checks threw before anything was sent (a currency
 * PayPal does not take, a missing credential): nothing moved, so it is a
 * definite `ProviderError` with the same code and message.
 */
export function refusedBeforeSending(error: TenderError, providerId: string): ProviderError {
  return new ProviderError({
    providerId,
    code: error.code,
    message: error.message,
    definite: true,
    cause: error,
  });
}

/** A definite refusal of our own, before any request (bad session data, say). */
export function refused(providerId: string, code: TenderErrorCode, message: string): ProviderError {
  return new ProviderError({ providerId, code, message, definite: true });
}

/**
 * PayPal answered 2xx with something that is not what was asked for: the
 * request may have been applied, so this is never definite.
 */
export function unreadable(providerId: string, what: string, key?: string): ProviderError {
  return new ProviderError({
    providerId,
    code: "api_error",
    retryable: true,
    message: `PayPal answered with something that is not ${what}; the request may have been applied. Reconcile reads PayPal's records again.`,
    ...(key ? { idempotencyKey: key } : {}),
  });
}

function describe(body: PayPalErrorBody): string {
  const parts = [
    body.name,
    body.oauth_error,
    body.issue && body.issue !== body.name ? body.issue : null,
  ].filter((part): part is string => part !== null);
  const text = body.description ?? body.message;
  return `${parts.length > 0 ? ` ${parts.join(" ")}` : ""}${text ? `: ${text}` : ""}`;
}

function advice(code: TenderErrorCode, body: PayPalErrorBody): string {
  if (body.oauth_error === "invalid_client") {
    return " Check the PayPal client id and secret (paypal({ clientId, clientSecret }), PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET) and the environment (PAYPAL_ENVIRONMENT).";
  }
  return match(code)
    .with(
      "card_declined",
      () => " Ask the buyer to approve the payment again with another funding source.",
    )
    .with(
      "configuration",
      () => " Check the PayPal credentials and the environment (PAYPAL_ENVIRONMENT).",
    )
    .with(
      "rate_limited",
      () => " Slow down; reconcile sends it again with the same PayPal-Request-Id.",
    )
    .with("api_error", () => " Reconcile sends it again with the same PayPal-Request-Id.")
    .otherwise(() => "");
}

function headerOf(headers: Record<string, string> | undefined, name: string): string | null {
  if (headers === undefined) return null;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === "string") return value;
  }
  return null;
}
