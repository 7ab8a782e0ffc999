import {
  CheckoutPaymentIntent,
  Client,
  Environment,
  OrdersController,
  PaymentsController,
} from "@paypal/paypal-server-sdk";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakePayPal, type WebhookDelivery } from "../src/testing/index.ts";

const fake = createFakePayPal({ webhookId: "WH-TEST" });
const server = setupServer(...fake.handlers);
let orders: OrdersController;
let payments: PaymentsController;

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  const client = new Client({
    clientCredentialsAuthCredentials: {
      oAuthClientId: "fake-client-id",
      oAuthClientSecret: "fake-client-secret",
    },
    environment: Environment.Sandbox,
  });
  orders = new OrdersController(client);
  payments = new PaymentsController(client);
});
afterAll(() => server.close());
beforeEach(() => fake.reset());

async function token(): Promise<string> {
  const response = await fetch(`${fake.baseUrl}/v1/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from("fake-client-id:fake-client-secret").toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  const body = (await response.json()) as { access_token: string; token_type: string };
  expect(body.token_type).toBe("Bearer");
  return body.access_token;
}

/** The verification request as the provider writes it: webhook_event last, the raw body verbatim. */
async function verify(delivery: WebhookDelivery, webhookId = "WH-TEST"): Promise<string> {
  const { headers } = delivery;
  const fields = {
    auth_algo: headers["paypal-auth-algo"],
    cert_url: headers["paypal-cert-url"],
    transmission_id: headers["paypal-transmission-id"],
    transmission_sig: headers["paypal-transmission-sig"],
    transmission_time: headers["paypal-transmission-time"],
    webhook_id: webhookId,
  };
  const text = `${JSON.stringify(fields).slice(0, -1)},"webhook_event":${delivery.rawBody}}`;
  const response = await fetch(`${fake.baseUrl}/v1/notifications/verify-webhook-signature`, {
    method: "POST",
    headers: { authorization: `Bearer ${await token()}`, "content-type": "application/json" },
    body: text,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { verification_status: string }).verification_status;
}

async function capturedOrder(value = "30.00"): Promise<{ orderId: string; captureId: string }> {
  const { result } = await orders.createOrder({
    body: {
      intent: CheckoutPaymentIntent.Capture,
      purchaseUnits: [{ amount: { currencyCode: "USD", value } }],
    },
  });
  const orderId = result.id ?? "";
  fake.approve(orderId);
  const captured = await orders.captureOrder({ id: orderId, prefer: "return=representation" });
  return {
    orderId,
    captureId: captured.result.purchaseUnits?.[0]?.payments?.captures?.[0]?.id ?? "",
  };
}

describe("the fake PayPal's webhooks", () => {
  it("delivers signed events that verify SUCCESS, and FAILURE with one more byte or another webhook_id", async () => {
    await capturedOrder();
    const received: WebhookDelivery[] = [];
    expect(await fake.deliver((delivery) => received.push(delivery))).toBe(2);
    expect(await fake.deliver((delivery) => received.push(delivery))).toBe(0);
    const [approved, completed] = received;
    if (approved === undefined || completed === undefined)
      throw new Error("two deliveries expected");
    expect(JSON.parse(approved.rawBody)).toMatchObject({
      event_type: "CHECKOUT.ORDER.APPROVED",
      event_version: "1.0",
      resource_version: "2.0",
      resource_type: "checkout-order",
    });
    expect(completed.headers).toMatchObject({
      "paypal-auth-algo": "SHA256withRSA",
      "content-type": "application/json",
    });
    expect(completed.headers["paypal-transmission-time"]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await verify(approved)).toBe("SUCCESS");
    expect(await verify(completed)).toBe("SUCCESS");
    expect(await verify({ ...completed, rawBody: `${completed.rawBody} ` })).toBe("FAILURE");
    expect(
      await verify({ ...completed, rawBody: completed.rawBody.replace("30.00", "31.00") }),
    ).toBe("FAILURE");
    expect(await verify(completed, "WH-OTHER")).toBe("FAILURE");
    expect(await verify({ ...approved, headers: completed.headers })).toBe("FAILURE");
  });

  it("selects, duplicates and reverses deliveries; a failed one stays pending", async () => {
    await capturedOrder();
    await expect(fake.deliver(() => new Response(null, { status: 500 }))).rejects.toThrow(
      /stays pending/,
    );
    const types: string[] = [];
    const sent = await fake.deliver(
      (delivery) => types.push(JSON.parse(delivery.rawBody).event_type),
      {
        types: ["PAYMENT.CAPTURE.COMPLETED"],
        duplicate: true,
      },
    );
    expect(sent).toBe(2);
    expect(types).toEqual(["PAYMENT.CAPTURE.COMPLETED", "PAYMENT.CAPTURE.COMPLETED"]);
    // The approval the endpoint refused is still pending; the rest were delivered.
    const late: string[] = [];
    expect(
      await fake.deliver((delivery) => late.push(JSON.parse(delivery.rawBody).event_type), {
        reverse: true,
      }),
    ).toBe(1);
    expect(late).toEqual(["CHECKOUT.ORDER.APPROVED"]);
    expect(await fake.deliver(() => undefined)).toBe(0);
  });

  it("emits REFUNDED for a dashboard refund, REVERSED for a reversal, with the related ids", async () => {
    const { orderId, captureId } = await capturedOrder("30.00");
    fake.refundFromDashboard(captureId, 1000);
    expect(fake.events.at(-1)).toMatchObject({
      event_type: "PAYMENT.CAPTURE.REFUNDED",
      resource: {
        status: "COMPLETED",
        amount: { currency_code: "USD", value: "10.00" },
        supplementary_data: { related_ids: { order_id: orderId, capture_id: captureId } },
      },
    });
    expect(fake.capture(captureId)?.status).toBe("PARTIALLY_REFUNDED");
    fake.reverseCapture(captureId);
    expect(fake.events.at(-1)).toMatchObject({
      event_type: "PAYMENT.CAPTURE.REVERSED",
      resource_type: "refund",
      resource: {
        amount: { value: "20.00" },
        supplementary_data: { related_ids: { capture_id: captureId } },
      },
    });
    expect(fake.capture(captureId)?.status).toBe("REFUNDED");
    expect(fake.moved(orderId)).toEqual({ captured: 3000, refunded: 3000 });
  });

  it("opens and resolves disputes with CUSTOMER.DISPUTE.CREATED / RESOLVED", async () => {
    const { captureId } = await capturedOrder("30.00");
    const disputeId = fake.openDispute(captureId, { amount: 2500, reason: "UNAUTHORISED" });
    expect(fake.events.at(-1)).toMatchObject({
      event_type: "CUSTOMER.DISPUTE.CREATED",
      resource: {
        dispute_id: disputeId,
        disputed_transactions: [{ seller_transaction_id: captureId }],
        dispute_amount: { currency_code: "USD", value: "25.00" },
        reason: "UNAUTHORISED",
        status: "OPEN",
      },
    });
    fake.resolveDispute(disputeId, "buyer");
    expect(fake.events.at(-1)).toMatchObject({
      event_type: "CUSTOMER.DISPUTE.RESOLVED",
      resource: { status: "RESOLVED", dispute_outcome: { outcome_code: "RESOLVED_BUYER_FAVOUR" } },
    });
    const other = fake.openDispute(captureId);
    fake.resolveDispute(other, "seller");
    expect(fake.events.at(-1)?.resource).toMatchObject({
      dispute_amount: { value: "30.00" },
      dispute_outcome: { outcome_code: "RESOLVED_SELLER_FAVOUR" },
    });
  });

  it("answers PENDING captures that settle later as COMPLETED or DENIED", async () => {
    const { result } = await orders.createOrder({
      body: {
        intent: CheckoutPaymentIntent.Authorize,
        purchaseUnits: [{ amount: { currencyCode: "USD", value: "40.00" } }],
      },
    });
    const orderId = result.id ?? "";
    fake.approve(orderId);
    const authorized = await orders.authorizeOrder({ id: orderId });
    const authorizationId =
      authorized.result.purchaseUnits?.[0]?.payments?.authorizations?.[0]?.id ?? "";
    fake.pendingCaptures(authorizationId, "PENDING_REVIEW");
    const first = await payments.captureAuthorizedPayment({
      authorizationId,
      body: { amount: { currencyCode: "USD", value: "10.00" }, finalCapture: false },
    });
    expect(first.result).toMatchObject({
      status: "PENDING",
      statusDetails: { reason: "PENDING_REVIEW" },
    });
    expect(fake.events.at(-1)?.event_type).toBe("PAYMENT.CAPTURE.PENDING");
    expect(fake.moved(orderId).captured).toBe(0);
    fake.settleCapture(first.result.id ?? "", "COMPLETED");
    expect(fake.events.at(-1)?.event_type).toBe("PAYMENT.CAPTURE.COMPLETED");
    expect(fake.moved(orderId).captured).toBe(1000);
    const second = await payments.captureAuthorizedPayment({
      authorizationId,
      body: { finalCapture: true },
    });
    expect(second.result.amount?.value).toBe("30.00");
    fake.settleCapture(second.result.id ?? "", "DECLINED");
    expect(fake.events.at(-1)).toMatchObject({
      event_type: "PAYMENT.CAPTURE.DENIED",
      resource: { status: "DECLINED" },
    });
    expect(fake.moved(orderId).captured).toBe(1000);
    const got = await payments.getCapturedPayment({ captureId: second.result.id ?? "" });
    expect(got.result.status).toBe("DECLINED");
  });
});
