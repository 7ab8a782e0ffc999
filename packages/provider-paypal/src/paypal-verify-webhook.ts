import { ProviderError } from "@tender/core";
import { parseJson, readErrorBody } from "./paypal-error";
import { classify } from "./paypal-issues";

/** What {@link verifyWebhookSignature} sends, and how. */
export interface VerifyWebhookRequest {
  providerId: string;
  apiBase: string;
  fetch: typeof fetch;
  /** A bearer token of the REST app (shared with the SDK). */
  token: () => Promise<string>;
  /** `auth_algo`, `cert_url`, `transmission_id`, `transmission_sig`, `transmission_time`, `webhook_id`. */
  fields: Record<string, string>;
  /** The event exactly as PayPal sent it. */
  rawEvent: string;
}

/**
 * POST /v1/notifications/verify-webhook-signature, which the SDK does not
 * wrap. PayPal checks the signature over the event's bytes, so the event
 * goes into the request as the raw text it arrived as, never parsed and
 * serialized again: the body is written as a string, `webhook_event` last.
 * Answers PayPal's parsed JSON; a failure to answer is a retryable error
 * (the webhook is then delivered again).
 */
export async function verifyWebhookSignature(request: VerifyWebhookRequest): Promise<unknown> {
  const { providerId, fields, rawEvent } = request;
  const body = `${JSON.stringify(fields).slice(0, -1)},"webhook_event":${rawEvent}}`;
  let response: Response;
  try {
    response = await request.fetch(`${request.apiBase}/v1/notifications/verify-webhook-signature`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${await request.token()}`,
        "content-type": "application/json",
      },
      body,
    });
  } catch (error) {
    if (ProviderError.isProviderError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProviderError({
      providerId,
      code: "connection",
      retryable: true,
      message: `PayPal's webhook verification did not answer (${reason}); the event was not applied and may be delivered again.`,
    });
  }
  const text = await response.text();
  if (response.ok) return parseJson(text);
  const error = readErrorBody(text);
  const { code } = classify(response.status, error);
  const debugId = error.debug_id ?? response.headers.get("paypal-debug-id");
  throw new ProviderError({
    providerId,
    code: code === "invalid_request" ? "webhook_payload_invalid" : code,
    // Whatever PayPal said, the event was not applied: it is delivered again.
    retryable: true,
    statusCode: response.status,
    message: `PayPal's webhook verification answered ${response.status}${error.issue ? ` ${error.issue}` : ""}${debugId ? ` (debug_id ${debugId})` : ""}; the event was not applied.`,
    ...(error.issue ? { providerCode: error.issue } : {}),
    ...(debugId ? { requestId: debugId } : {}),
  });
}
