import type { FakePayPalContext } from "./fake-paypal-context";

/** What a route sees of a request. */
export interface RouteRequest {
  /** The parsed JSON body (`undefined` when empty or not JSON). */
  body: unknown;
  rawBody: string;
  params: Readonly<Record<string, string>>;
  headers: Headers;
  requestId?: string;
  /** `Prefer: return=minimal` asks for `{ id, status, links }` only. */
  minimal: boolean;
  representation: boolean;
}

/** A route's answer; errors are thrown as `FakePayPalError`. */
export interface RouteResponse {
  status?: number;
  /** `undefined` answers with no body (204). */
  body?: unknown;
}

/** One endpoint of the fake, under the API base URL. */
export interface FakeRoute {
  method: "GET" | "POST" | "PATCH";
  /** msw path with `:id` parameters, such as `/v2/checkout/orders/:id`. */
  path: string;
  /** `basic` for the token endpoint (client credentials), `bearer` for all others. */
  auth?: "basic" | "bearer";
  handle(context: FakePayPalContext, request: RouteRequest): RouteResponse;
}

/** A path parameter that msw matched. */
export function pathParam(request: RouteRequest, name: string): string {
  return request.params[name] ?? "";
}

/** A JSON body as an object, or `{}`. */
export function bodyObject(request: RouteRequest): Record<string, unknown> {
  const { body } = request;
  return typeof body === "object" && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/** `{ id, status, links }` for `Prefer: return=minimal`, else the whole object. */
export function represent(
  request: RouteRequest,
  object: { id: string; status: string; links: unknown[] },
): object {
  return request.minimal ? { id: object.id, status: object.status, links: object.links } : object;
}
