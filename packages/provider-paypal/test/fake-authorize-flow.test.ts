import {
  ApiError,
  CheckoutPaymentIntent,
  Client,
  Environment,
  OrdersController,
  PatchOp,
  PaymentsController,
  PaypalExperienceUserAction,
} from "@paypal/paypal-server-sdk";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakePayPal } from "../src/testing/index.ts";

const fake = createFakePayPal();
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

async function issueOf(
  promise: Promise<unknown>,
): Promise<{ status: number; issue?: string; name?: string }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const body = error.result as { name?: string; details?: Array<{ issue: string }> };
    return { status: error.statusCode, issue: body?.details?.[0]?.issue, name: body?.name };
  }
  throw new Error("expected the SDK call to fail");
}

async function createOrder(
  value = "50.00",
  currencyCode = "USD",
  intent = CheckoutPaymentIntent.Authorize,
) {
  const { result, statusCode } = await orders.createOrder({
    body: {
      intent,
      purchaseUnits: [
        { referenceId: "default", customId: "ts_session_1", amount: { currencyCode, value } },
      ],
      paymentSource: {
        paypal: {
          experienceContext: {
            returnUrl: "https://shop.example/return",
            cancelUrl: "https://shop.example/cancel",
            userAction: PaypalExperienceUserAction.PayNow,
          },
        },
      },
    },
    paypalRequestId: `create-${value}-${currencyCode}-${intent}`,
    prefer: "return=representation",
  });
  expect(statusCode).toBe(201);
  return result;
}

describe("the fake PayPal through the official SDK: authorize, capture in parts, refund, void", () => {
  it("walks an AUTHORIZE order from creation to partial refunds and a void of the rest", async () => {
    const order = await createOrder("50.00");
    expect(order.status).toBe("PAYER_ACTION_REQUIRED");
    expect(order.purchaseUnits?.[0]?.customId).toBe("ts_session_1");
    expect(order.links?.find((link) => link.rel === "payer-action")?.href).toBe(
      fake.approveUrl(order.id ?? ""),
    );
    const orderId = order.id ?? "";

    expect(
      await issueOf(orders.authorizeOrder({ id: orderId, paypalRequestId: "auth-early" })),
    ).toEqual({
      status: 422,
      name: "UNPROCESSABLE_ENTITY",
      issue: "ORDER_NOT_APPROVED",
    });

    fake.approve(orderId);
    expect(fake.order(orderId)?.status).toBe("APPROVED");
    const authorized = await orders.authorizeOrder({
      id: orderId,
      paypalRequestId: "auth-1",
      prefer: "return=representation",
    });
    expect(authorized.statusCode).toBe(201);
    expect(authorized.result.status).toBe("COMPLETED");
    const authorization = authorized.result.purchaseUnits?.[0]?.payments?.authorizations?.[0];
    expect(authorization?.status).toBe("CREATED");
    expect(authorization?.amount).toEqual({ currencyCode: "USD", value: "50.00" });
    expect(authorization?.expirationTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const authorizationId = authorization?.id ?? "";

    const first = await payments.captureAuthorizedPayment({
      authorizationId,
      paypalRequestId: "cap-1",
      prefer: "return=representation",
      body: {
        amount: { currencyCode: "USD", value: "20.00" },
        finalCapture: false,
        invoiceId: "tc_1",
      },
    });
    expect(first.result).toMatchObject({
      status: "COMPLETED",
      finalCapture: false,
      invoiceId: "tc_1",
    });
    expect(first.result.sellerReceivableBreakdown?.grossAmount.value).toBe("20.00");
    expect(first.result.links?.find((link) => link.rel === "up")?.href).toContain(authorizationId);
    expect(fake.authorization(authorizationId)?.status).toBe("PARTIALLY_CAPTURED");

    expect(
      await issueOf(
        payments.captureAuthorizedPayment({
          authorizationId,
          paypalRequestId: "cap-too-much",
          body: { amount: { currencyCode: "USD", value: "30.01" }, finalCapture: true },
        }),
      ),
    ).toMatchObject({ status: 422, issue: "MAX_CAPTURE_AMOUNT_EXCEEDED" });

    const second = await payments.captureAuthorizedPayment({
      authorizationId,
      paypalRequestId: "cap-2",
      body: {
        amount: { currencyCode: "USD", value: "10.00" },
        finalCapture: true,
        invoiceId: "tc_2",
      },
    });
    expect(second.result).toMatchObject({ status: "COMPLETED", finalCapture: true });
    expect(fake.authorization(authorizationId)?.status).toBe("CAPTURED");
    expect(fake.moved(orderId)).toEqual({ captured: 3000, refunded: 0 });

    const refund1 = await payments.refundCapturedPayment({
      captureId: first.result.id ?? "",
      paypalRequestId: "ref-1",
      prefer: "return=representation",
      body: { amount: { currencyCode: "USD", value: "5.00" }, invoiceId: "tr_1" },
    });
    expect(refund1.result).toMatchObject({
      status: "COMPLETED",
      invoiceId: "tr_1",
      amount: { value: "5.00" },
    });
    await payments.refundCapturedPayment({
      captureId: second.result.id ?? "",
      paypalRequestId: "ref-2",
    });
    expect(fake.capture(first.result.id ?? "")?.status).toBe("PARTIALLY_REFUNDED");
    expect(fake.capture(second.result.id ?? "")?.status).toBe("REFUNDED");
    expect(
      await issueOf(
        payments.refundCapturedPayment({
          captureId: first.result.id ?? "",
          paypalRequestId: "ref-3",
          body: { amount: { currencyCode: "USD", value: "15.01" } },
        }),
      ),
    ).toMatchObject({ status: 422, issue: "REFUND_AMOUNT_EXCEEDED" });
    expect(fake.moved(orderId)).toEqual({ captured: 3000, refunded: 1500 });

    const fetched = await orders.getOrder({ id: orderId });
    const unit = fetched.result.purchaseUnits?.[0];
    expect(unit?.payments?.captures?.map((capture) => capture.invoiceId)).toEqual(["tc_1", "tc_2"]);
    expect(unit?.payments?.refunds?.map((refund) => refund.invoiceId)).toEqual(["tr_1", undefined]);
    const got = await payments.getRefund({ refundId: refund1.result.id ?? "" });
    expect(got.result.status).toBe("COMPLETED");
    expect(fake.events.map((event) => event.event_type)).toEqual([
      "CHECKOUT.ORDER.APPROVED",
      "PAYMENT.AUTHORIZATION.CREATED",
      "PAYMENT.CAPTURE.COMPLETED",
      "PAYMENT.CAPTURE.COMPLETED",
      "PAYMENT.CAPTURE.REFUNDED",
      "PAYMENT.CAPTURE.REFUNDED",
    ]);
  });

  it("voids what a partial capture left, and refuses captures after the void", async () => {
    const orderId = (await createOrder("80.00")).id ?? "";
    fake.approve(orderId);
    const authorized = await orders.authorizeOrder({ id: orderId, paypalRequestId: "auth" });
    const authorizationId =
      authorized.result.purchaseUnits?.[0]?.payments?.authorizations?.[0]?.id ?? "";
    await payments.captureAuthorizedPayment({
      authorizationId,
      paypalRequestId: "cap",
      body: { amount: { currencyCode: "USD", value: "30.00" }, finalCapture: false },
    });
    const voided = await payments.voidPayment({ authorizationId, paypalRequestId: "void" });
    expect(voided.statusCode).toBe(204);
    expect(fake.authorization(authorizationId)?.status).toBe("VOIDED");
    expect(fake.events.at(-1)?.event_type).toBe("PAYMENT.AUTHORIZATION.VOIDED");
    expect(fake.events.at(-1)?.resource).toMatchObject({
      id: authorizationId,
      supplementary_data: { related_ids: { order_id: orderId } },
    });
    expect(
      await issueOf(
        payments.captureAuthorizedPayment({
          authorizationId,
          paypalRequestId: "cap-after-void",
          body: { finalCapture: true },
        }),
      ),
    ).toMatchObject({ status: 422, issue: "AUTHORIZATION_VOIDED" });
    expect(fake.moved(orderId)).toEqual({ captured: 3000, refunded: 0 });
    const represented = await payments.getAuthorizedPayment({ authorizationId });
    expect(represented.result.status).toBe("VOIDED");
  });

  it("answers return=minimal with id, status and links, and a void with representation as 200", async () => {
    const orderId = (await createOrder("15.00")).id ?? "";
    fake.approve(orderId);
    const minimal = await orders.authorizeOrder({ id: orderId, prefer: "return=minimal" });
    expect(Object.keys(JSON.parse(String(minimal.body))).sort()).toEqual(["id", "links", "status"]);
    const authorizationId =
      fake.order(orderId)?.purchase_units[0]?.payments?.authorizations?.[0]?.id ?? "";
    const voided = await payments.voidPayment({ authorizationId, prefer: "return=representation" });
    expect(voided.statusCode).toBe(200);
    expect(voided.result?.status).toBe("VOIDED");
  });

  it("declines an authorization when the buyer's instrument is declined, until they approve again", async () => {
    const orderId = (await createOrder("12.00")).id ?? "";
    fake.approveWithDeclinedInstrument(orderId);
    expect(
      await issueOf(orders.authorizeOrder({ id: orderId, paypalRequestId: "a1" })),
    ).toMatchObject({
      status: 422,
      issue: "INSTRUMENT_DECLINED",
    });
    fake.approve(orderId);
    const authorized = await orders.authorizeOrder({ id: orderId, paypalRequestId: "a2" });
    expect(authorized.result.status).toBe("COMPLETED");
  });

  it("updates the amount of an unapproved order with PATCH (204)", async () => {
    const orderId = (await createOrder("10.00")).id ?? "";
    const patched = await orders.patchOrder({
      id: orderId,
      body: [
        {
          op: PatchOp.Replace,
          path: "/purchase_units/@reference_id=='default'/amount",
          value: { currency_code: "USD", value: "12.50" },
        },
      ],
    });
    expect(patched.statusCode).toBe(204);
    expect(fake.order(orderId)?.purchase_units[0]?.amount).toEqual({
      currency_code: "USD",
      value: "12.50",
    });
  });
});
