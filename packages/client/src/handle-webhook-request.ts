import { type PaymentModuleService, TenderError } from "@tender/core";
import { describeValue } from "./describe-value";
import { invalidArgument, requireId } from "./validate-arguments";

/**
 * Answers a provider's webhook request, for any web-standard server (Fetch
 * API `Request` in, `Response` out): 200 when processed or a duplicate, 400
 * for a bad signature or payload, 503 with Retry-After when the event names a
 * session not known yet (the provider delivers it again), 500 otherwise.
 * A wrong argument (no `Request`, an empty provider id) is thrown as an
 * `invalid_argument` TenderError, not answered.
 *
 * @example
 * ```ts
 * // Next.js route handler, Hono, Bun.serve, Deno.serve...
 * export const POST = (request: Request) => handleWebhookRequest(service, "stripe", request);
 * ```
 */
export async function handleWebhookRequest(
  service: PaymentModuleService,
  providerId: string,
  request: Request,
): Promise<Response> {
  const where = "handleWebhookRequest(service, providerId, request)";
  if (
    typeof service !== "object" ||
    service === null ||
    typeof Reflect.get(service, "handleWebhook") !== "function"
  ) {
    throw invalidArgument(
      `${where}: service must be a PaymentModuleService (createPaymentModuleService(...) or tender.service); got ${describeValue(service)}.`,
    );
  }
  requireWebhookArguments(providerId, request, where);
  return answerWebhook(service, providerId, request);
}

/**
 * A misuse of the endpoint is thrown, not answered: it is a bug in the
 * server's wiring, which no provider's retry can fix.
 */
export function requireWebhookArguments(
  providerId: unknown,
  request: unknown,
  where: string,
): asserts request is Request {
  requireId(providerId, `${where}: providerId`, "stripe");
  if (!isRequest(request)) {
    throw invalidArgument(
      `${where}: request must be a Fetch API Request, as web-standard servers hand it to you (on Node's http or Express, convert the request first); got ${describeValue(request)}.`,
    );
  }
  if (request.bodyUsed) {
    // The signature covers the exact bytes received, so the body must be read here, once.
    throw invalidArgument(
      `${where}: the request's body was already read; pass the request as received, or request.clone() taken before reading it.`,
    );
  }
}

/** Answers a webhook whose arguments were checked. */
export async function answerWebhook(
  service: PaymentModuleService,
  providerId: string,
  request: Request,
): Promise<Response> {
  const rawBody = new Uint8Array(await request.arrayBuffer());
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key] = value;
  });
  try {
    const result = await service.handleWebhook(providerId, { headers, rawBody });
    return Response.json(result, { status: 200 });
  } catch (error) {
    if (!TenderError.isInstance(error))
      return Response.json({ error: "internal_error" }, { status: 500 });
    const body = { error: error.code, message: error.message };
    if (error.code === "webhook_signature_invalid" || error.code === "webhook_payload_invalid") {
      return Response.json(body, { status: 400 });
    }
    if (error.retryable)
      return Response.json(body, { status: 503, headers: { "retry-after": "10" } });
    if (error.code === "not_found") return Response.json(body, { status: 404 });
    return Response.json(body, { status: 500 });
  }
}

/** A Fetch API Request, of this realm or another (a polyfill's, a framework's). */
function isRequest(value: unknown): value is Request {
  if (typeof Request !== "undefined" && value instanceof Request) return true;
  if (typeof value !== "object" || value === null) return false;
  const headers: unknown = Reflect.get(value, "headers");
  // method and url tell a Request from a Response, which has a body and headers too.
  return (
    typeof Reflect.get(value, "method") === "string" &&
    typeof Reflect.get(value, "url") === "string" &&
    typeof Reflect.get(value, "arrayBuffer") === "function" &&
    typeof headers === "object" &&
    headers !== null &&
    typeof Reflect.get(headers, "forEach") === "function"
  );
}
