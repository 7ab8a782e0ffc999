import type { FakeStripeContext } from "./fake-stripe-state";
import type { FormObject } from "./form-body";

/** What a route sees of a request. */
export interface RouteRequest {
  /** Decoded body (POST) or query (GET, DELETE). */
  params: FormObject;
  /** Path parameters such as `id`. */
  pathParams: Readonly<Record<string, string>>;
  requestId: string;
  idempotencyKey: string | null;
}

/** A route's answer; errors are thrown as `FakeStripeError`. */
export interface RouteResponse {
  status?: number;
  body: object;
}

/** One endpoint of the fake. */
export interface FakeRoute {
  method: "GET" | "POST" | "DELETE";
  /** Path under `https://api.stripe.com`, with `:id` parameters. */
  path: string;
  /** Top-level parameters the endpoint accepts (besides `expand`); others are refused as Stripe refuses them. */
  params: ReadonlySet<string>;
  handle(context: FakeStripeContext, request: RouteRequest): RouteResponse;
}

/** A path parameter that msw matched. */
export function pathParam(request: RouteRequest, name: string): string {
  return request.pathParams[name] ?? "";
}
