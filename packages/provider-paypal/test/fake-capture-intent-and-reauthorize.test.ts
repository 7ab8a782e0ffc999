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

const DAY = 24 * 60 * 60 * 1000;
let clock = Date.UTC(2030, 0, 1);
const fake = createFakePayPal({ now: () => clock });
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
beforeEach(() => {
  fake.reset();
  clock = Date.UTC(2030, 0, 1);
});

async function issueOf(promise: Promise<unknown>): Promise<{ status: number; issue?: string }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const body = error.result as { details?: Array<{ issue: string }> };
    return { status: error.statusCode, issue: body?.details?.[0]?.issue };
  }
  throw new Error("expected the SDK call to fail");
}

function create(intent: CheckoutPaymentIntent, currencyCode: string, value: string) {
  return orders.createOrder({
    body: { intent, purchaseUnits: [{ amount: { currencyCode, value } }] },
    prefer: "return=representation",
  });
}

async function authorized(value = "40.00"): Promise<{ orderId: string; authorizationId: string }> {
  const orderId = (await create(CheckoutPaymentIntent.Authorize, "USD", value)).result.id ?? "";
  fake.approve(orderId);
  const { result } = await orders.authorizeOrder({ id: orderId });
  return {
    orderId,
    authorizationId: result.purchaseUnits?.[0]?.payments?.authorizations?.[0]?.id ?? "",
  };
}

describe("the fake PayPal: CAPTURE intent, amounts, reauthorization and expiry", () => {
  it("captures a CAPTURE order in one final capture, linked to its order", async () => {
    const created = await create(CheckoutPaymentIntent.Capture, "EUR", "19.99");
    expect(created.result.status).toBe("CREATED");
    expect(created.result.links?.map((link) => link.rel)).toEqual([
      "self",
      "approve",
      "update",
      "capture",
    ]);
    const orderId = created.result.id ?? "";
    expect(await issueOf(orders.captureOrder({ id: orderId }))).toMatchObject({
      issue: "ORDER_NOT_APPROVED",
    });
    fake.approve(orderId);
    expect(await issueOf(orders.authorizeOrder({ id: orderId }))).toMatchObject({
      status: 422,
      issue: "ACTION_DOES_NOT_MATCH_INTENT",
    });
    const { result } = await orders.captureOrder({
      id: orderId,
      paypalRequestId: "cap",
      prefer: "return=representation",
    });
    const capture = result.purchaseUnits?.[0]?.payments?.captures?.[0];
    expect(result.status).toBe("COMPLETED");
    expect(capture).toMatchObject({
      status: "COMPLETED",
      finalCapture: true,
      amount: { currencyCode: "EUR", value: "19.99" },
    });
    expect(capture?.sellerReceivableBreakdown?.paypalFee?.value).toBe("1.19");
    expect(capture?.sellerReceivableBreakdown?.netAmount?.value).toBe("18.80");
    expect(fake.capture(capture?.id ?? "")?.supplementary_data.related_ids).toEqual({
      order_id: orderId,
    });
    expect(await issueOf(orders.captureOrder({ id: orderId }))).toMatchObject({
      issue: "ORDER_ALREADY_CAPTURED",
    });
    expect(fake.moved(orderId)).toEqual({ captured: 1999, refunded: 0 });
  });

  it("writes JPY without decimals and refuses decimals it does not have, or a currency PayPal lacks", async () => {
    const yen = await create(CheckoutPaymentIntent.Capture, "JPY", "5000");
    expect(yen.result.purchaseUnits?.[0]?.amount?.value).toBe("5000");
    expect(await issueOf(create(CheckoutPaymentIntent.Capture, "JPY", "5000.00"))).toEqual({
      status: 422,
      issue: "DECIMAL_PRECISION",
    });
    expect(await issueOf(create(CheckoutPaymentIntent.Capture, "USD", "1.005"))).toMatchObject({
      issue: "DECIMAL_PRECISION",
    });
    expect(await issueOf(create(CheckoutPaymentIntent.Capture, "INR", "100.00"))).toEqual({
      status: 422,
      issue: "CURRENCY_NOT_SUPPORTED",
    });
    expect(await issueOf(create(CheckoutPaymentIntent.Capture, "USD", "0.00"))).toMatchObject({
      status: 422,
    });
    const usd = await create(CheckoutPaymentIntent.Capture, "USD", "7");
    expect(usd.result.purchaseUnits?.[0]?.amount?.value).toBe("7.00");
  });

  it("reauthorizes only after the 3-day honor period, to a new id that takes the captures", async () => {
    const { authorizationId } = await authorized("40.00");
    expect(
      await issueOf(payments.reauthorizePayment({ authorizationId, paypalRequestId: "re-0" })),
    ).toEqual({
      status: 422,
      issue: "REAUTHORIZE_BEFORE_HONOR_PERIOD",
    });
    fake.advanceClock(3 * DAY + 1);
    const renewed = await payments.reauthorizePayment({
      authorizationId,
      paypalRequestId: "re-1",
      prefer: "return=representation",
      body: { amount: { currencyCode: "USD", value: "35.00" } },
    });
    expect(renewed.statusCode).toBe(201);
    expect(renewed.result.id).not.toBe(authorizationId);
    expect(renewed.result).toMatchObject({ status: "CREATED", amount: { value: "35.00" } });
    expect(renewed.result.expirationTime).toBe(
      fake.authorization(authorizationId)?.expiration_time,
    );
    expect(
      await issueOf(
        payments.captureAuthorizedPayment({ authorizationId, body: { finalCapture: true } }),
      ),
    ).toMatchObject({ status: 422, issue: "AUTHORIZATION_ALREADY_REAUTHORIZED" });
    const capture = await payments.captureAuthorizedPayment({
      authorizationId: renewed.result.id ?? "",
      body: { finalCapture: true },
    });
    expect(capture.result.amount).toEqual({ currencyCode: "USD", value: "35.00" });
  });

  it("reauthorizes the original again later: the newest id takes captures, earlier ones refuse them", async () => {
    const { orderId, authorizationId } = await authorized("40.00");
    clock += 4 * DAY;
    const second = (await payments.reauthorizePayment({ authorizationId })).result.id ?? "";
    clock += 4 * DAY;
    const third = (await payments.reauthorizePayment({ authorizationId })).result.id ?? "";
    expect(third).not.toBe(second);
    for (const stale of [authorizationId, second])
      expect(
        await issueOf(
          payments.captureAuthorizedPayment({
            authorizationId: stale,
            body: { finalCapture: true },
          }),
        ),
      ).toMatchObject({ issue: "AUTHORIZATION_ALREADY_REAUTHORIZED" });
    await payments.captureAuthorizedPayment({
      authorizationId: third,
      body: { finalCapture: true },
    });
    expect(fake.moved(orderId).captured).toBe(4000);
    expect(fake.order(orderId)?.purchase_units[0]?.payments?.authorizations).toHaveLength(3);
  });

  it("expires an authorization after 29 days: capture and reauthorize answer AUTHORIZATION_EXPIRED", async () => {
    const { authorizationId } = await authorized();
    clock += 29 * DAY;
    const { result } = await payments.getAuthorizedPayment({ authorizationId });
    expect(result.status).toBe("EXPIRED");
    expect(
      await issueOf(
        payments.captureAuthorizedPayment({ authorizationId, body: { finalCapture: true } }),
      ),
    ).toEqual({ status: 422, issue: "AUTHORIZATION_EXPIRED" });
    expect(await issueOf(payments.reauthorizePayment({ authorizationId }))).toEqual({
      status: 422,
      issue: "AUTHORIZATION_EXPIRED",
    });
  });

  it("answers 404 RESOURCE_NOT_FOUND for unknown ids", async () => {
    expect(await issueOf(orders.getOrder({ id: "NOPE" }))).toEqual({
      status: 404,
      issue: "INVALID_RESOURCE_ID",
    });
    expect(await issueOf(payments.getCapturedPayment({ captureId: "NOPE" }))).toMatchObject({
      status: 404,
    });
    expect(await issueOf(payments.getRefund({ refundId: "NOPE" }))).toMatchObject({ status: 404 });
  });
});
