import {
  ApiError,
  CheckoutPaymentIntent,
  Client,
  Environment,
  OrdersController,
  PaymentsController,
} from "@paypal/paypal-server-sdk";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakePayPal } from "../src/testing/index.ts";

const fake = createFakePayPal();
const server = setupServer(...fake.handlers);

function sdk(clientSecret = "fake-client-secret") {
  const client = new Client({
    clientCredentialsAuthCredentials: {
      oAuthClientId: "fake-client-id",
      oAuthClientSecret: clientSecret,
    },
    environment: Environment.Sandbox,
  });
  return { orders: new OrdersController(client), payments: new PaymentsController(client) };
}

let orders: OrdersController;
let payments: PaymentsController;
beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  ({ orders, payments } = sdk());
});
afterAll(() => server.close());
beforeEach(() => fake.reset());

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the SDK call to fail");
}

async function authorizedOrder(value = "50.00") {
  const { result } = await orders.createOrder({
    body: {
      intent: CheckoutPaymentIntent.Authorize,
      purchaseUnits: [{ amount: { currencyCode: "USD", value } }],
    },
  });
  const orderId = result.id ?? "";
  fake.approve(orderId);
  const authorized = await orders.authorizeOrder({
    id: orderId,
    paypalRequestId: `auth-${orderId}`,
  });
  return {
    orderId,
    authorizationId: authorized.result.purchaseUnits?.[0]?.payments?.authorizations?.[0]?.id ?? "",
  };
}

/** The SDK loads `result` only for some statuses (not for 500 or 429): read `body` then. */
function errorBody(error: unknown): Record<string, unknown> {
  const apiError = error as ApiError;
  return (
    (apiError.result as Record<string, unknown> | undefined) ?? JSON.parse(String(apiError.body))
  );
}

const captureBody = {
  amount: { currencyCode: "USD", value: "20.00" },
  finalCapture: false,
  invoiceId: "tc_1",
};
const capturePath = /^\/v2\/payments\/authorizations\/\w+\/capture$/;

describe("the fake PayPal: PayPal-Request-Id, faults and credentials", () => {
  it("answers the same PayPal-Request-Id on the same route with the first answer, moving money once", async () => {
    const { orderId, authorizationId } = await authorizedOrder();
    const first = await payments.captureAuthorizedPayment({
      authorizationId,
      paypalRequestId: "tc_1",
      body: captureBody,
    });
    const again = await payments.captureAuthorizedPayment({
      authorizationId,
      paypalRequestId: "tc_1",
      body: captureBody,
    });
    expect(again.statusCode).toBe(first.statusCode);
    expect(again.body).toBe(first.body);
    expect(fake.moved(orderId)).toEqual({ captured: 2000, refunded: 0 });
    const other = await payments.captureAuthorizedPayment({
      authorizationId,
      paypalRequestId: "tc_2",
      body: captureBody,
    });
    expect(other.result.id).not.toBe(first.result.id);
    expect(fake.moved(orderId)).toEqual({ captured: 4000, refunded: 0 });
    const replayedOrder = await orders.authorizeOrder({
      id: orderId,
      paypalRequestId: `auth-${orderId}`,
    });
    expect(replayedOrder.statusCode).toBe(201);
    expect(
      fake.events.filter((event) => event.event_type === "PAYMENT.AUTHORIZATION.CREATED"),
    ).toHaveLength(1);
  });

  it("injects a 500 that changed nothing: the same request id then runs anew, once", async () => {
    const { orderId, authorizationId } = await authorizedOrder();
    fake.failNext({ method: "POST", path: capturePath }, { type: "server_error" });
    const error = await failure(
      payments.captureAuthorizedPayment({
        authorizationId,
        paypalRequestId: "tc_1",
        body: captureBody,
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).statusCode).toBe(500);
    expect((error as ApiError).result).toBeUndefined();
    expect(errorBody(error)).toMatchObject({ name: "INTERNAL_SERVER_ERROR" });
    expect((error as ApiError).headers?.["paypal-debug-id"]).toMatch(/^f/);
    expect(fake.moved(orderId).captured).toBe(0);
    // The SDK's default retry configuration (maxNumberOfRetries 0) does not retry: one request reached the fake.
    expect(fake.requests.filter((request) => capturePath.test(request.path))).toHaveLength(1);
    await payments.captureAuthorizedPayment({
      authorizationId,
      paypalRequestId: "tc_1",
      body: captureBody,
    });
    expect(fake.moved(orderId).captured).toBe(2000);
  });

  it("injects a 500 after the change (applied): a retry with the same id gets the stored capture", async () => {
    const { orderId, authorizationId } = await authorizedOrder();
    fake.failNext({ path: capturePath }, { type: "server_error", applied: true });
    const error = await failure(
      payments.captureAuthorizedPayment({
        authorizationId,
        paypalRequestId: "tc_1",
        body: captureBody,
      }),
    );
    expect((error as ApiError).statusCode).toBe(500);
    expect(fake.moved(orderId).captured).toBe(2000);
    const retried = await payments.captureAuthorizedPayment({
      authorizationId,
      paypalRequestId: "tc_1",
      body: captureBody,
    });
    expect(retried.result).toMatchObject({ status: "COMPLETED", invoiceId: "tc_1" });
    expect(fake.moved(orderId).captured).toBe(2000);
  });

  it("loses the response of an applied capture: the order shows it by invoice_id, the same id replays it", async () => {
    const { orderId, authorizationId } = await authorizedOrder();
    fake.failNext({ path: capturePath }, { type: "lost_response" });
    const error = await failure(
      payments.captureAuthorizedPayment({
        authorizationId,
        paypalRequestId: "tc_1",
        body: captureBody,
      }),
    );
    expect(error).not.toBeInstanceOf(ApiError);
    const { result } = await orders.getOrder({ id: orderId });
    const found = result.purchaseUnits?.[0]?.payments?.captures?.find(
      (capture) => capture.invoiceId === "tc_1",
    );
    expect(found?.status).toBe("COMPLETED");
    const retried = await payments.captureAuthorizedPayment({
      authorizationId,
      paypalRequestId: "tc_1",
      body: captureBody,
    });
    expect(retried.result.id).toBe(found?.id);
    expect(fake.moved(orderId).captured).toBe(2000);
  });

  it("rate-limits with 429 RATE_LIMIT_REACHED and Retry-After, applying nothing", async () => {
    const { orderId, authorizationId } = await authorizedOrder();
    fake.failNext(
      { method: "POST", path: "/v2/payments/authorizations/" },
      { type: "rate_limited", retryAfterSeconds: 7 },
    );
    const error = (await failure(
      payments.captureAuthorizedPayment({
        authorizationId,
        paypalRequestId: "tc_1",
        body: captureBody,
      }),
    )) as ApiError;
    expect(error.statusCode).toBe(429);
    expect(errorBody(error)).toMatchObject({
      name: "RATE_LIMIT_REACHED",
      details: [{ issue: "RATE_LIMIT_REACHED" }],
    });
    expect(error.headers?.["retry-after"]).toBe("7");
    expect(fake.moved(orderId).captured).toBe(0);
    expect(fake.requests.filter((request) => capturePath.test(request.path))).toHaveLength(1);
  });

  it("refuses a wrong client secret (401 invalid_client) and a request without a token (401 AUTHENTICATION_FAILURE)", async () => {
    const bad = sdk("wrong-secret");
    const error = await failure(bad.orders.getOrder({ id: "X" }));
    // The SDK's index exports an enum named OAuthProviderError over the error class: check ApiError.
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).statusCode).toBe(401);
    expect(errorBody(error)).toMatchObject({ error: "invalid_client" });
    const response = await fetch(`${fake.baseUrl}/v2/checkout/orders/X`, {
      headers: { authorization: "Bearer nope" },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ name: "AUTHENTICATION_FAILURE" });
    expect(response.headers.get("paypal-debug-id")).not.toBeNull();
  });
});
