import { type HttpHandler, HttpResponse, http } from "msw";
import type { FakePayPalContext } from "./fake-paypal-context";
import type { FakeRoute, RouteRequest } from "./fake-route";
import { takeFault } from "./faults";
import { idempotencyKey, isStored } from "./idempotency";
import { checkBasicAuth, checkBearer } from "./oauth";
import { FakePayPalError, internalServerError, rateLimited } from "./paypal-errors";

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorAnswer(context: FakePayPalContext, error: FakePayPalError): Answer {
  const debugId = context.debugId();
  return { status: error.status, body: JSON.stringify(error.body(debugId)), headers: {} };
}

function run(context: FakePayPalContext, route: FakeRoute, request: RouteRequest): Answer {
  try {
    const response = route.handle(context, request);
    const status = response.status ?? (response.body === undefined ? 204 : 200);
    return {
      status,
      body: response.body === undefined ? "" : JSON.stringify(response.body),
      headers: {},
    };
  } catch (error) {
    if (error instanceof FakePayPalError) return errorAnswer(context, error);
    throw error;
  }
}

/**
 * What PayPal does around every endpoint: the credentials, the clock's
 * effects, injected faults, the PayPal-Request-Id layer and the endpoint.
 */
async function handleRequest(
  context: FakePayPalContext,
  route: FakeRoute,
  request: Request,
  params: Record<string, string>,
  beforeEach: (context: FakePayPalContext) => void,
): Promise<Response> {
  const { state } = context;
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const rawBody = await request.text();
  const requestId = request.headers.get("paypal-request-id") ?? undefined;
  const body =
    route.auth === "basic" ? Object.fromEntries(new URLSearchParams(rawBody)) : parseJson(rawBody);
  state.requests.push({ method, path: url.pathname, ...(requestId ? { requestId } : {}), body });
  const prefer = request.headers.get("prefer") ?? "";
  const routeRequest: RouteRequest = {
    body,
    rawBody,
    params,
    headers: request.headers,
    ...(requestId ? { requestId } : {}),
    minimal: /return=minimal/i.test(prefer),
    representation: /return=representation/i.test(prefer),
  };
  let lostResponse = false;
  const answer = ((): Answer => {
    try {
      if (route.auth === "basic") checkBasicAuth(context, request.headers.get("authorization"));
      else checkBearer(context, request.headers.get("authorization"));
      beforeEach(context);
      const fault = takeFault(state.faults, method, url.pathname);
      if (fault?.type === "rate_limited") {
        return {
          ...errorAnswer(context, rateLimited()),
          headers: { "Retry-After": String(fault.retryAfterSeconds ?? 1) },
        };
      }
      if (fault?.type === "server_error" && fault.applied !== true)
        return errorAnswer(context, internalServerError());
      lostResponse = fault?.type === "lost_response";
      const key =
        requestId === undefined ? undefined : idempotencyKey(method, url.pathname, requestId);
      const replay = key === undefined ? undefined : state.idempotency.get(key);
      const executed = replay ? { ...replay, headers: {} } : run(context, route, routeRequest);
      if (key !== undefined && replay === undefined && isStored(executed.status))
        state.idempotency.set(key, { status: executed.status, body: executed.body });
      if (fault?.type === "server_error") return errorAnswer(context, internalServerError());
      return executed;
    } catch (error) {
      if (error instanceof FakePayPalError) return errorAnswer(context, error);
      throw error;
    }
  })();
  // The request took effect; only its answer is lost on the way back.
  if (lostResponse) return HttpResponse.error();
  const headers: Record<string, string> = {
    "paypal-debug-id": context.debugId(),
    ...answer.headers,
  };
  if (answer.body !== "") headers["content-type"] = "application/json";
  return new HttpResponse(answer.body === "" ? null : answer.body, {
    status: answer.status,
    headers,
  });
}

/** One msw handler per route, all sharing the fake's state. */
export function createPayPalHandlers(
  context: FakePayPalContext,
  routes: readonly FakeRoute[],
  beforeEach: (context: FakePayPalContext) => void,
): HttpHandler[] {
  return routes.map((route) => {
    const register =
      route.method === "GET" ? http.get : route.method === "PATCH" ? http.patch : http.post;
    return register(`${context.apiBase}${route.path}`, ({ request, params }) => {
      const stringParams: Record<string, string> = {};
      for (const [name, value] of Object.entries(params))
        if (typeof value === "string") stringParams[name] = value;
      return handleRequest(context, route, request, stringParams, beforeEach);
    });
  });
}
