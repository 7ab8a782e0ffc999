import { type HttpHandler, HttpResponse, http } from "msw";
import { checkApiKey } from "./api-key";
import type { FakeRoute, RouteRequest } from "./fake-route";
import { type FakeStripeContext, recordParams } from "./fake-stripe-state";
import { takeFault } from "./faults";
import { parseFormBody, parseSearchParams } from "./form-body";
import { expireLapsedHolds } from "./hold-expiry";
import {
  findReplay,
  fingerprintParams,
  keyInUseError,
  MAX_IDEMPOTENCY_KEY_LENGTH,
} from "./idempotency";
import { rejectUnknownParams } from "./request-params";
import { apiErrorBody, FakeStripeError, invalidParam } from "./stripe-errors";

/** Where the official SDK sends requests. */
export const STRIPE_API_BASE = "https://api.stripe.com";

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

function errorAnswer(error: FakeStripeError): Answer {
  return { status: error.status, body: JSON.stringify({ error: error.body }), headers: {} };
}

/**
 * Runs one request through what Stripe does around every endpoint: the API
 * key, holds lapsing on the clock, injected faults, the idempotency layer,
 * the endpoint, and storing its answer for the key once the endpoint has
 * begun executing.
 */
async function handleRequest(
  context: FakeStripeContext,
  route: FakeRoute,
  request: Request,
  pathParams: Record<string, string>,
) {
  const { state } = context;
  const requestId = context.newId("req");
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const idempotencyKey = method === "POST" ? request.headers.get("idempotency-key") : null;
  const params =
    method === "POST" ? parseFormBody(await request.text()) : parseSearchParams(url.searchParams);
  state.requests.push({ method, path: url.pathname, idempotencyKey, params: recordParams(params) });
  const stripeVersion = request.headers.get("stripe-version");
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "Request-Id": requestId,
    ...(stripeVersion !== null ? { "Stripe-Version": stripeVersion } : {}),
    ...(idempotencyKey !== null ? { "Idempotency-Key": idempotencyKey } : {}),
  };
  const respond = (answer: Answer) =>
    new HttpResponse(answer.body, {
      status: answer.status,
      headers: { ...headers, ...answer.headers },
    });

  let lostResponse = false;
  let delayMs = 0;
  const answer = ((): Answer => {
    try {
      checkApiKey(request.headers.get("authorization"));
      // Holds whose capture_before the clock has reached lapse before the request is answered.
      expireLapsedHolds(context);
      const fault = takeFault(state.faults, method, url.pathname);
      if (fault?.type === "rate_limited") {
        const retryAfter = String(fault.retryAfterSeconds ?? 1);
        return {
          status: 429,
          body: JSON.stringify({
            error: {
              type: "invalid_request_error",
              code: "rate_limit",
              message:
                "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.",
            },
          }),
          // The official SDK retries a 429 only when Stripe says it should.
          headers: { "Retry-After": retryAfter, "Stripe-Should-Retry": "true" },
        };
      }
      lostResponse = fault?.type === "lost_response";
      if (fault?.type === "slow_response") delayMs = fault.delayMs;
      if (idempotencyKey !== null && idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
        throw invalidParam(
          `Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`,
        );
      }
      // Another request with this key has not answered yet (a slow one): Stripe answers 409.
      if (idempotencyKey !== null && state.keysInFlight.has(idempotencyKey)) {
        throw keyInUseError(idempotencyKey);
      }
      const fingerprint = fingerprintParams(params);
      const replay =
        idempotencyKey === null
          ? undefined
          : findReplay(
              state.idempotency,
              idempotencyKey,
              { method, path: url.pathname, fingerprint },
              context.nowSeconds(),
            );
      if (replay !== undefined) {
        return {
          status: replay.status,
          body: replay.body,
          headers: {
            ...replay.headers,
            "Idempotent-Replayed": "true",
            "Original-Request": replay.requestId,
          },
        };
      }
      const executed = execute(
        context,
        route,
        { params, pathParams, requestId, idempotencyKey },
        fault?.type === "server_error" ? { applied: fault.applied === true } : undefined,
      );
      if (idempotencyKey !== null && executed.stored) {
        state.idempotency.set(idempotencyKey, {
          method,
          path: url.pathname,
          fingerprint,
          status: executed.status,
          body: executed.body,
          headers: executed.headers,
          requestId,
          storedAt: context.nowSeconds(),
        });
      }
      return executed;
    } catch (error) {
      if (error instanceof FakeStripeError) return errorAnswer(error);
      throw error;
    }
  })();
  // The request took effect; only its answer is lost on the way back.
  if (lostResponse) return HttpResponse.error();
  if (delayMs > 0) {
    // Until a slow request answers, its key is in use.
    const inFlight = idempotencyKey !== null && answer.status !== 409 ? idempotencyKey : null;
    if (inFlight !== null) state.keysInFlight.add(inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    } finally {
      if (inFlight !== null) state.keysInFlight.delete(inFlight);
    }
  }
  return respond(answer);
}

function execute(
  context: FakeStripeContext,
  route: FakeRoute,
  request: RouteRequest,
  serverError: { applied: boolean } | undefined,
): Answer & { stored: boolean } {
  try {
    rejectUnknownParams(request.params, route.params);
    if (serverError) {
      if (serverError.applied) route.handle(context, request);
      // Stripe says not to retry a stored 500: the same key would replay it.
      return {
        status: 500,
        body: JSON.stringify(apiErrorBody(request.requestId)),
        headers: { "Stripe-Should-Retry": "false" },
        stored: true,
      };
    }
    const response = route.handle(context, request);
    return {
      status: response.status ?? 200,
      body: JSON.stringify(response.body),
      headers: {},
      stored: true,
    };
  } catch (error) {
    if (error instanceof FakeStripeError) return { ...errorAnswer(error), stored: error.stored };
    throw error;
  }
}

function stringParams(
  params: Readonly<Record<string, string | readonly string[] | undefined>>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(params))
    if (typeof value === "string") result[key] = value;
  return result;
}

/** One msw handler per route, all sharing the fake's state. */
export function createStripeHandlers(
  context: FakeStripeContext,
  routes: readonly FakeRoute[],
): HttpHandler[] {
  return routes.map((route) => {
    const register =
      route.method === "GET" ? http.get : route.method === "POST" ? http.post : http.delete;
    return register(`${STRIPE_API_BASE}${route.path}`, ({ request, params }) =>
      handleRequest(context, route, request, stringParams(params)),
    );
  });
}
