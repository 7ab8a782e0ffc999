import Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { createFakeStripe } from "./fake-stripe";
import { serveOverHttp } from "./serve-over-http";

const fake = createFakeStripe();
const arrivals: string[] = [];
const served = await serveOverHttp(fake, {
  onArrival: (request) => void arrivals.push(`${request.method} ${request.path}`),
});
afterAll(() => served.close());
const client = new Stripe("sk_test_http", {
  host: served.host,
  port: served.port,
  protocol: "http",
  maxNetworkRetries: 0,
});

describe("the fake Stripe over HTTP", () => {
  it("serves the official SDK from another process's point of view: create, confirm, capture", async () => {
    const intent = await client.paymentIntents.create(
      {
        amount: 2000,
        currency: "eur",
        capture_method: "manual",
        payment_method: "pm_card_visa",
        confirm: true,
      },
      { idempotencyKey: "http-create" },
    );
    expect(intent.status).toBe("requires_capture");
    const captured = await client.paymentIntents.capture(intent.id, { amount_to_capture: 1500 });
    expect(captured).toMatchObject({ status: "succeeded", amount_received: 1500 });
    expect(fake.paymentIntents.get(intent.id)?.amount_received).toBe(1500);
    expect(arrivals).toEqual([
      "POST /v1/payment_intents",
      `POST /v1/payment_intents/${intent.id}/capture`,
    ]);
  });

  it("replays an idempotency key over HTTP, and drops the connection for a lost answer, applied once", async () => {
    const first = await client.customers.create(
      { email: "a@example.com" },
      { idempotencyKey: "c1" },
    );
    const again = await client.customers.create(
      { email: "a@example.com" },
      { idempotencyKey: "c1" },
    );
    expect(again.id).toBe(first.id);
    fake.failNext({ method: "POST", path: "/v1/customers" }, { type: "lost_response" });
    // The connection drops without an answer; whatever the client does next (give up, or send
    // the same request again under the same key), the customer is created once.
    await client.customers.create({ email: "b@example.com" }).catch(() => undefined);
    const sent = fake.requests.filter((r) => r.path === "/v1/customers").slice(2);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(new Set(sent.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(fake.customers.size).toBe(2);
  });
});
