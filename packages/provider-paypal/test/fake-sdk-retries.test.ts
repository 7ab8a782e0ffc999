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
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());
beforeEach(() => fake.reset());

const credentials = { oAuthClientId: "fake-client-id", oAuthClientSecret: "fake-client-secret" };

/** A client that opts in to the SDK's retries (off by default: maxNumberOfRetries 0). */
function retryingClient(): Client {
  return new Client({
    clientCredentialsAuthCredentials: credentials,
    environment: Environment.Sandbox,
    httpClientOptions: {
      retryConfig: {
        maxNumberOfRetries: 2,
        maximumRetryWaitTime: 5,
        retryInterval: 0.01,
        backoffFactor: 1,
      },
    },
  });
}

async function order(client: Client): Promise<string> {
  const { result } = await new OrdersController(client).createOrder({
    body: {
      intent: CheckoutPaymentIntent.Authorize,
      purchaseUnits: [{ amount: { currencyCode: "USD", value: "5.00" } }],
    },
  });
  return result.id ?? "";
}

const count = (path: RegExp) => fake.requests.filter((request) => path.test(request.path)).length;

describe("what the official SDK does on 5xx and 429", () => {
  it("does not retry with its default configuration", async () => {
    const client = new Client({
      clientCredentialsAuthCredentials: credentials,
      environment: Environment.Sandbox,
    });
    const id = await order(client);
    fake.failNext({ method: "GET", path: "/v2/checkout/orders/" }, { type: "server_error" });
    await expect(new OrdersController(client).getOrder({ id })).rejects.toBeInstanceOf(ApiError);
    fake.failNext(
      { method: "GET", path: "/v2/checkout/orders/" },
      { type: "rate_limited", retryAfterSeconds: 1 },
    );
    await expect(new OrdersController(client).getOrder({ id })).rejects.toBeInstanceOf(ApiError);
    expect(count(/^\/v2\/checkout\/orders\/\w+$/)).toBe(2);
  });

  it("retries GET (and PUT) only, when a retryConfig with maximumRetryWaitTime opts in", async () => {
    const client = retryingClient();
    const id = await order(client);
    fake.failNext({ method: "GET", path: "/v2/checkout/orders/" }, { type: "server_error" });
    fake.failNext({ method: "GET", path: "/v2/checkout/orders/" }, { type: "server_error" });
    const got = await new OrdersController(client).getOrder({ id });
    expect(got.result.id).toBe(id);
    expect(count(/^\/v2\/checkout\/orders\/\w+$/)).toBe(3);
    fake.approve(id);
    fake.failNext({ method: "POST", path: /\/authorize$/ }, { type: "server_error" });
    await expect(
      new PaymentsController(client).getAuthorizedPayment({ authorizationId: "NONE" }),
    ).rejects.toMatchObject({ statusCode: 404 });
    await expect(
      new OrdersController(client).authorizeOrder({ id, paypalRequestId: "a" }),
    ).rejects.toMatchObject({
      statusCode: 500,
    });
    expect(count(/\/authorize$/)).toBe(1);
  });
});
