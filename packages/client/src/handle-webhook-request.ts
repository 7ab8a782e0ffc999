import { type PaymentModuleService, TenderError } from "@tender/core";

/**
 * Answers a provider's webhook request, for any web-standard server (Fetch
 * API `Request` in, `Response` out): 200 when processed or a duplicate, 400
 * for a bad signature or payload, 503 with Retry-After when the event names a
 * session not known yet (the provider delivers it again), 500 otherwise.
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
