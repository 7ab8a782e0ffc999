import { CheckoutPaymentIntent } from "@paypal/paypal-server-sdk";
import type { PaymentModuleService } from "@tender/core";
import { describe, expect, it } from "vitest";
import { PAYPAL_WEBHOOK_EVENTS, viewOrder } from "../src/index";
import type { WebhookDelivery } from "../src/testing/index";
import {
  authorizedPayment,
  expectBooksEqualPayPal,
  openSession,
  orderIdOf,
  paypalService,
  takeDeliveries,
  useFakePayPal,
} from "./setup-paypal";

const fake = useFakePayPal();

const eventType = (delivery: WebhookDelivery): string => JSON.parse(delivery.rawBody).event_type;

/** Everything the books say of a payment, in an order that does not depend on when rows were made. */
async function books(service: PaymentModuleService, paymentId: string) {
  const payment = await service.retrievePayment(paymentId);
  const session = await service.retrievePaymentSession(payment.payment_session_id);
  const rows = <T extends { amount: number; status: string }>(list: T[]) =>
    list.map((row) => `${row.amount}:${row.status}`).sort();
  return {
    session: session.status,
    payment: {
      status: payment.status,
      captured: payment.captured_amount,
      refunded: payment.refunded_amount,
      disputed: payment.disputed_amount,
      released: payment.released_amount,
    },
    captures: rows(await service.listCaptures({ payment_id: paymentId })),
    refunds: rows(await service.listRefunds({ payment_id: paymentId })),
    disputes: (await service.listDisputes({ payment_id: paymentId }))
      .map((dispute) => `${dispute.amount}:${dispute.status}`)
      .sort(),
  };
}

/**
 * A payment that lived through every event PayPal sends about money: the
 * buyer approved, the order was authorized and captured in two parts,
 * Tender refunded across both captures, someone refunded in the dashboard,
 * the bank reversed what was left, and a dispute opened and was decided.
 * Returns the service, the payment and the events PayPal sent, in order.
 */
async function everyEvent(order: "in order" | "duplicated, newest first") {
  const { service } = paypalService();
  const { payment, orderId } = await authorizedPayment(fake, service);
  await service.capturePayment({ payment_id: payment.id, amount: 2000 });
  await service.capturePayment({ payment_id: payment.id });
  await service.refundPayment({ payment_id: payment.id, amount: 4000 });
  const [first] = fake.order(orderId)?.purchase_units[0]?.payments?.captures ?? [];
  if (first === undefined) throw new Error("PayPal made no capture");
  fake.refundFromDashboard(first.id, 500);
  fake.reverseCapture(first.id);
  const disputeId = fake.openDispute(first.id, { amount: 300, reason: "UNAUTHORISED" });
  fake.resolveDispute(disputeId, "seller");
  const sent = await takeDeliveries(fake);
  const deliveries = order === "in order" ? sent : [...sent].reverse().flatMap((d) => [d, d]);
  const results = [];
  for (const delivery of deliveries) {
    results.push({
      type: eventType(delivery),
      ...(await service.handleWebhook("paypal", delivery)),
    });
  }
  return { service, payment, orderId, sent, results };
}

describe("PayPal webhooks", () => {
  it("maps every event PayPal sends about a payment to the action its type names", async () => {
    const { sent, results } = await everyEvent("in order");
    expect(sent.map(eventType)).toEqual([
      "CHECKOUT.ORDER.APPROVED",
      "PAYMENT.AUTHORIZATION.CREATED",
      "PAYMENT.CAPTURE.COMPLETED",
      "PAYMENT.CAPTURE.COMPLETED",
      "PAYMENT.CAPTURE.REFUNDED",
      "PAYMENT.CAPTURE.REFUNDED",
      "PAYMENT.CAPTURE.REFUNDED",
      "PAYMENT.CAPTURE.REVERSED",
      "CUSTOMER.DISPUTE.CREATED",
      "CUSTOMER.DISPUTE.RESOLVED",
    ]);
    const actions: Readonly<Record<string, string>> = PAYPAL_WEBHOOK_EVENTS;
    for (const result of results) {
      expect(result, result.type).toMatchObject({
        status: "processed",
        action: actions[result.type],
        session_id: expect.stringMatching(/^payses_/),
      });
    }
  });

  it("ends with the same books when every event arrives twice and newest first, equal to PayPal's ledger", async () => {
    const inOrder = await everyEvent("in order");
    const expected = await books(inOrder.service, inOrder.payment.id);
    expect(expected).toMatchObject({
      payment: { captured: 5000, refunded: 5000, disputed: 0 },
      refunds: ["4000:succeeded", "500:succeeded", "500:succeeded"],
      disputes: ["300:won"],
    });
    await expectBooksEqualPayPal(fake, inOrder.service, inOrder.payment.id);

    fake.reset();
    const shuffled = await everyEvent("duplicated, newest first");
    expect(await books(shuffled.service, shuffled.payment.id)).toEqual(expected);
    await expectBooksEqualPayPal(fake, shuffled.service, shuffled.payment.id);
    expect(shuffled.results.filter((result) => result.status === "duplicate")).toHaveLength(
      shuffled.sent.length,
    );

    // Delivered once more, in order: nothing changes.
    for (const delivery of shuffled.sent) await shuffled.service.handleWebhook("paypal", delivery);
    expect(await books(shuffled.service, shuffled.payment.id)).toEqual(expected);
  });

  it("books a dashboard refund from its webhook once, and lets Tender refund only what is left", async () => {
    const { service } = paypalService();
    const { payment, orderId } = await authorizedPayment(fake, service);
    await service.capturePayment({ payment_id: payment.id });
    await takeDeliveries(fake);
    const [capture] = fake.order(orderId)?.purchase_units[0]?.payments?.captures ?? [];
    fake.refundFromDashboard(capture?.id ?? "", 1200);
    const [refunded] = await takeDeliveries(fake);
    if (refunded === undefined) throw new Error("PayPal sent no refund event");
    for (const _ of [1, 2]) await service.handleWebhook("paypal", refunded);
    expect(await service.listRefunds({ payment_id: payment.id })).toMatchObject([
      { amount: 1200, status: "succeeded", data: { made_at_provider: true } },
    ]);
    await expect(
      service.refundPayment({ payment_id: payment.id, amount: 3801 }),
    ).rejects.toMatchObject({ code: "refund_exceeds_captured" });
    await service.refundPayment({ payment_id: payment.id });
    await expectBooksEqualPayPal(fake, service, payment.id);
    expect(fake.moved(orderId)).toEqual({ captured: 5000, refunded: 5000 });
  });

  it("cancels the payment when its authorization is voided at PayPal", async () => {
    const { service, provider } = paypalService();
    const { payment } = await authorizedPayment(fake, service);
    await takeDeliveries(fake);
    // Someone voids it outside Tender (PayPal's dashboard, another integration).
    await provider.api().voidAuthorization(String(payment.data.authorization_id), "elsewhere");
    const [voided] = await takeDeliveries(fake);
    if (voided === undefined) throw new Error("PayPal sent no event");
    expect(eventType(voided)).toBe("PAYMENT.AUTHORIZATION.VOIDED");
    await service.handleWebhook("paypal", voided);
    expect(await service.retrievePayment(payment.id)).toMatchObject({ status: "canceled" });
    await expectBooksEqualPayPal(fake, service, payment.id);
  });

  it("settles a capture PayPal held for review by its webhooks: PENDING, then COMPLETED or DENIED", async () => {
    const { service } = paypalService({ capture: "automatic" });
    const outcomes: Record<string, string> = {};
    for (const settled of ["COMPLETED", "DECLINED"] as const) {
      const session = await openSession(service);
      const orderId = orderIdOf(session);
      fake.approve(orderId);
      fake.pendingCaptures(orderId);
      await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
        code: "payment_processing",
      });
      const capture = fake.order(orderId)?.purchase_units[0]?.payments?.captures?.[0];
      fake.settleCapture(capture?.id ?? "", settled);
      const sent = await takeDeliveries(fake);
      for (const delivery of [...sent].reverse().flatMap((d) => [d, d])) {
        await service.handleWebhook("paypal", delivery);
      }
      const after = await service.retrievePaymentSession(session.id);
      outcomes[settled] = after.status;
      const [payment] = await service.listPayments({ payment_session_id: session.id });
      if (payment) await expectBooksEqualPayPal(fake, service, payment.id);
      else expect(fake.moved(orderId)).toEqual({ captured: 0, refunded: 0 });
      expect(sent.map(eventType)).toContain(
        settled === "COMPLETED" ? "PAYMENT.CAPTURE.COMPLETED" : "PAYMENT.CAPTURE.DENIED",
      );
    }
    expect(outcomes).toEqual({ COMPLETED: "captured", DECLINED: "error" });
  });

  it("refuses an event PayPal does not verify (a changed byte, another webhook id, no signature), changing nothing", async () => {
    const { service } = paypalService();
    const { payment } = await authorizedPayment(fake, service);
    await service.capturePayment({ payment_id: payment.id, amount: 2000 });
    const before = await books(service, payment.id);
    const sent = await takeDeliveries(fake);
    const captured = sent.find((delivery) => eventType(delivery) === "PAYMENT.CAPTURE.COMPLETED");
    if (captured === undefined) throw new Error("PayPal sent no capture event");
    const other = paypalService({ webhookId: "WH-OTHER" }).provider;
    const { headers: _all, ...unsigned } = captured;
    const refusals = [
      service.handleWebhook("paypal", {
        ...captured,
        rawBody: captured.rawBody.replace('"20.00"', '"50.00"'),
      }),
      service.handleWebhook("paypal", { ...captured, rawBody: `${captured.rawBody} ` }),
      other.getWebhookActionAndData(captured),
      service.handleWebhook("paypal", {
        ...unsigned,
        headers: { "content-type": "application/json" },
      }),
    ];
    for (const refusal of refusals) {
      await expect(refusal).rejects.toMatchObject({ code: "webhook_signature_invalid" });
    }
    expect(await books(service, payment.id)).toEqual(before);
    const verifications = fake.requests.filter((r) => r.path.endsWith("/verify-webhook-signature"));
    expect(verifications).toHaveLength(3);
    // The genuine event is still taken.
    await expect(service.handleWebhook("paypal", captured)).resolves.toMatchObject({
      status: "processed",
      action: "captured",
    });
  });

  it("ignores events about orders Tender did not make", async () => {
    const { service, provider } = paypalService();
    const order = await provider.api().createOrder(
      {
        intent: CheckoutPaymentIntent.Authorize,
        purchaseUnits: [{ amount: { currencyCode: "USD", value: "10.00" } }],
      },
      "someone-else",
    );
    fake.approve(viewOrder(order)?.id ?? "");
    const [approved] = await takeDeliveries(fake);
    if (approved === undefined) throw new Error("PayPal sent no event");
    await expect(service.handleWebhook("paypal", approved)).resolves.toMatchObject({
      status: "ignored",
      session_id: null,
    });
  });
});
