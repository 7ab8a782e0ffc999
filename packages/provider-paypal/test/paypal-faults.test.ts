import { inspect } from "node:util";
import { ProviderError, TenderError } from "@tender/core";
import { describe, expect, it } from "vitest";
import type { FakeFault } from "../src/testing/index";
import {
  authorizedPayment,
  expectBooksEqualPayPal,
  FAKE_SETTINGS,
  openSession,
  orderIdOf,
  paypalService,
  useFakePayPal,
} from "./setup-paypal";

const fake = useFakePayPal();

/**
 * Each fault, and what the first call answers: an unknown outcome when
 * nothing happened at PayPal (reconcile then sends the same request again),
 * or the movement itself when it happened and PayPal's records show it.
 */
const FAULTS: Array<[string, FakeFault, "unknown" | "found in PayPal's records"]> = [
  ["a 500 that changed nothing", { type: "server_error" }, "unknown"],
  [
    "a 500 after the change was applied",
    { type: "server_error", applied: true },
    "found in PayPal's records",
  ],
  ["a 429", { type: "rate_limited", retryAfterSeconds: 1 }, "unknown"],
  ["a lost response", { type: "lost_response" }, "found in PayPal's records"],
];

const posts = (pattern: RegExp) =>
  fake.requests.filter((request) => request.method === "POST" && pattern.test(request.path));

/** Runs a call that may fail with an unknown outcome: the error, or nothing. */
async function outcomeOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** An unknown outcome is never definite, and names no secret; a movement PayPal shows is answered at once. */
function expectFirstCall(error: unknown, expected: (typeof FAULTS)[number][2]) {
  if (expected !== "unknown") {
    expect(error, "answered from PayPal's records").toBeUndefined();
    return;
  }
  expect(error).toMatchObject({ code: "outcome_unknown", retryable: true });
  const cause = TenderError.isInstance(error) ? error.cause : undefined;
  expect(ProviderError.isDefiniteFailure(cause)).toBe(false);
  const text = `${String(error)} ${String(cause)} ${JSON.stringify(cause)}`;
  expect(text).not.toContain(FAKE_SETTINGS.clientSecret);
  expect(text).not.toMatch(/Bearer A21/);
}

describe("PayPal faults, then reconcile: every row settles from PayPal's records, money moves once", () => {
  it.each(FAULTS)(
    "authorizes once after %s on the order's authorize",
    async (_name, fault, expected) => {
      const { service } = paypalService();
      const session = await openSession(service);
      fake.approve(orderIdOf(session));
      fake.failNext({ method: "POST", path: /\/authorize$/ }, fault);
      expectFirstCall(await outcomeOf(service.authorizePaymentSession(session.id)), expected);
      await service.reconcile({ olderThan: 0 });
      const [payment] = await service.listPayments({ payment_session_id: session.id });
      expect(payment?.status).toBe("authorized");
      const authorizations = fake.events.filter(
        (event) => event.event_type === "PAYMENT.AUTHORIZATION.CREATED",
      );
      expect(authorizations).toHaveLength(1);
      expect(new Set(posts(/\/authorize$/).map((r) => r.requestId)).size).toBe(1);
      if (payment === undefined) return;
      await service.capturePayment({ payment_id: payment.id });
      await expectBooksEqualPayPal(fake, service, payment.id);
    },
  );

  it.each(FAULTS)("captures once after %s on a capture", async (_name, fault, expected) => {
    const { service } = paypalService();
    const { payment, orderId } = await authorizedPayment(fake, service);
    await service.capturePayment({ payment_id: payment.id, amount: 1000 });
    fake.failNext({ method: "POST", path: /\/capture$/ }, fault);
    expectFirstCall(
      await outcomeOf(service.capturePayment({ payment_id: payment.id, amount: 2500 })),
      expected,
    );
    await service.reconcilePayment(payment.id);
    await service.reconcile({ olderThan: 0 });
    expect(await service.retrievePayment(payment.id)).toMatchObject({ captured_amount: 3500 });
    const captures = fake.order(orderId)?.purchase_units[0]?.payments?.captures ?? [];
    expect(captures.map((capture) => capture.amount.value)).toEqual(["10.00", "25.00"]);
    await expectBooksEqualPayPal(fake, service, payment.id);
  });

  it.each(FAULTS)(
    "refunds once after %s on a sub-refund of a refund split over captures",
    async (_name, fault, expected) => {
      const { service } = paypalService();
      const { payment, orderId } = await authorizedPayment(fake, service);
      await service.capturePayment({ payment_id: payment.id, amount: 2000 });
      await service.capturePayment({ payment_id: payment.id });
      // 4000 is 3000 of the newest capture, then 1000 of the first: the fault hits that second part.
      const first = fake.order(orderId)?.purchase_units[0]?.payments?.captures?.[0]?.id ?? "";
      fake.failNext({ method: "POST", path: `/v2/payments/captures/${first}/refund` }, fault);
      expectFirstCall(
        await outcomeOf(service.refundPayment({ payment_id: payment.id, amount: 4000 })),
        expected,
      );
      await service.reconcilePayment(payment.id);
      expect(await service.retrievePayment(payment.id)).toMatchObject({ refunded_amount: 4000 });
      expect(fake.moved(orderId)).toEqual({ captured: 5000, refunded: 4000 });
      await expectBooksEqualPayPal(fake, service, payment.id);
    },
  );

  it.each(FAULTS)("voids once after %s on the void", async (_name, fault, expected) => {
    const { service } = paypalService();
    const { payment } = await authorizedPayment(fake, service);
    fake.failNext({ method: "POST", path: /\/void$/ }, fault);
    expectFirstCall(await outcomeOf(service.cancelPayment(payment.id)), expected);
    await service.reconcilePayment(payment.id);
    expect(await service.retrievePayment(payment.id)).toMatchObject({ status: "canceled" });
    expect(fake.authorization(String(payment.data.authorization_id))?.status).toBe("VOIDED");
    await expectBooksEqualPayPal(fake, service, payment.id);
  });

  it("reports a connection lost on the way back as an unknown outcome that carries no credential", async () => {
    const { provider } = paypalService();
    fake.failNext({ method: "POST", path: "/v2/checkout/orders" }, { type: "lost_response" });
    const error = await provider
      .initiatePayment({
        session_id: "payses_01LOST",
        amount: 5000,
        currency_code: "usd",
        data: {},
        context: {},
        idempotency_key: "payses_01LOST:initiate",
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "connection",
      retryable: true,
      idempotencyKey: "payses_01LOST:initiate",
    });
    expect(ProviderError.isDefiniteFailure(error)).toBe(false);
    const everything = inspect(error, { depth: 20, showHidden: true });
    expect(everything).not.toContain(FAKE_SETTINGS.clientSecret);
    expect(everything).not.toContain(
      Buffer.from(`${FAKE_SETTINGS.clientId}:${FAKE_SETTINGS.clientSecret}`).toString("base64"),
    );
    expect(everything).not.toMatch(/Bearer\s+A21/);
  });

  it("keeps a refused capture failed (definite: nothing moved) and says why, with PayPal's debug_id", async () => {
    const { service, provider } = paypalService();
    const { payment } = await authorizedPayment(fake, service);
    const error = await provider
      .capturePayment({
        payment_id: payment.id,
        session_id: payment.payment_session_id,
        capture_id: "capt_too_much",
        amount: 6000,
        currency_code: "usd",
        final: true,
        data: payment.data,
        idempotency_key: "capt_too_much",
      })
      .catch((e: unknown) => e);
    expect(ProviderError.isDefiniteFailure(error)).toBe(true);
    expect(error).toMatchObject({
      code: "invalid_request",
      statusCode: 422,
      providerCode: "MAX_CAPTURE_AMOUNT_EXCEEDED",
      requestId: expect.stringMatching(/^f/),
      raw: { debug_id: expect.stringMatching(/^f/) },
    });
    await expectBooksEqualPayPal(fake, service, payment.id);
  });
});
