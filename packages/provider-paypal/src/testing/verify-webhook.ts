import type { FakeRoute } from "./fake-route";
import { invalidRequest } from "./paypal-errors";
import { AUTH_ALGO, verifyTransmission } from "./webhook-signature";

const EVENT_KEY = '"webhook_event":';
const FIELDS = [
  "auth_algo",
  "cert_url",
  "transmission_id",
  "transmission_sig",
  "transmission_time",
  "webhook_id",
] as const;

/** Splits the request text: the fields before `"webhook_event":`, and the raw event after it, byte for byte. */
function splitBody(text: string): { fields: Record<string, unknown>; rawEvent: string } {
  const at = text.indexOf(EVENT_KEY);
  const end = text.lastIndexOf("}");
  if (at < 0 || end < at)
    throw invalidRequest(
      "MISSING_REQUIRED_PARAMETER",
      "webhook_event is missing.",
      "/webhook_event",
    );
  try {
    JSON.parse(text);
    const head = text.slice(0, at).trimEnd();
    const fields = JSON.parse(head.endsWith(",") ? `${head.slice(0, -1)}}` : `${head}}`) as Record<
      string,
      unknown
    >;
    return { fields, rawEvent: text.slice(at + EVENT_KEY.length, end) };
  } catch {
    throw invalidRequest("MALFORMED_REQUEST_JSON", "The request JSON is not well formed.");
  }
}

/**
 * POST /v1/notifications/verify-webhook-signature. The raw event is the
 * text between `"webhook_event":` and the body's last `}`, not re-serialized,
 * so one changed byte fails; another `webhook_id` than the fake's fails.
 */
export const verifyWebhookSignatureRoute: FakeRoute = {
  method: "POST",
  path: "/v1/notifications/verify-webhook-signature",
  handle(context, request) {
    const { fields, rawEvent } = splitBody(request.rawBody);
    for (const name of FIELDS)
      if (typeof fields[name] !== "string" || fields[name] === "")
        throw invalidRequest("MISSING_REQUIRED_PARAMETER", `${name} is required.`, `/${name}`);
    const text = (name: (typeof FIELDS)[number]) => String(fields[name]);
    const verified =
      text("webhook_id") === context.webhookId &&
      text("auth_algo") === AUTH_ALGO &&
      verifyTransmission(
        {
          transmissionId: text("transmission_id"),
          transmissionTime: text("transmission_time"),
          webhookId: text("webhook_id"),
          rawBody: rawEvent,
        },
        text("transmission_sig"),
      );
    return { body: { verification_status: verified ? "SUCCESS" : "FAILURE" } };
  },
};
