import { TenderError } from "@tender/core";
import { describe, expect, it } from "vitest";
import {
  authorizedPayment,
  expectBooksEqualPayPal,
  openSession,
  orderIdOf,
  paypalService,
  useFakePayPal,
} from "./setup-paypal";

const fake = useFakePayPal();

/** The buyer's browser: the approval page PayPal serves, and the button they press on it. */
async function pressOnApprovalPage(url: string, label: "Approve" | "Cancel"): Promise<URL> {
  const html = await (await fetch(url)).text();
  const form = new RegExp(
    `<form method="post" action="([^"]+)"[^>]*>\\s*<button type="submit"[^>]*>${label}</button>`,
  ).exec(html);
  if (form?.[1] === undefined) throw new Error(`The approval page has no ${label} button.`);
  const response = await fetch(form[1].replaceAll("&#38;", "&"), {
    method: "POST",
    redirect: "manual",
  });
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location") ?? "");
}

const requestsTo = (pattern: RegExp) =>
  fake.requests.filter((request) => request.method === "POST" && pattern.test(request.path));

describe("the PayPal provider through PaymentModuleService", () => {
  it("creates an AUTHORIZE order under the key <session>:initiate, naming the session", async () => {
    const { service } = paypalService();
    const session = await openSession(service);
    const order = fake.order(orderIdOf(session));
    expect(order).toMatchObject({
      intent: "AUTHORIZE",
      status: "PAYER_ACTION_REQUIRED",
      purchase_units: [{ custom_id: session.id, amount: { currency_code: "USD", value: "50.00" } }],
    });
    expect(requestsTo(/^\/v2\/checkout\/orders$/)[0]?.requestId).toBe(`${session.id}:initiate`);
    expect(session.next_action).toMatchObject({
      type: "redirect_to_url",
      redirect_url: fake.approveUrl(orderIdOf(session)),
    });
  });

  it("asks for the buyer's approval, and authorizes once they approved on PayPal's page and came back", async () => {
    const { service } = paypalService();
    const session = await openSession(service, {
      data: { return_url: "https://shop.example/paypal/return?cart=42" },
    });
    const error = await service.authorizePaymentSession(session.id).catch((e: unknown) => e);
    expect(TenderError.isInstance(error) && error.code).toBe("payment_requires_more");
    const waiting = await service.retrievePaymentSession(session.id);
    expect(waiting).toMatchObject({ status: "requires_more", raw_status: "PAYER_ACTION_REQUIRED" });
    const orderId = orderIdOf(session);
    expect(waiting.next_action).toEqual({
      type: "redirect_to_url",
      redirect_url: fake.approveUrl(orderId),
      paypal_order_id: orderId,
      return_url: "https://shop.example/paypal/return?cart=42",
      cancel_url: "https://shop.example/paypal/cancel",
    });

    const back = await pressOnApprovalPage(waiting.next_action?.redirect_url ?? "", "Approve");
    expect(back.origin + back.pathname).toBe("https://shop.example/paypal/return");
    expect(back.searchParams.get("token")).toBe(orderId);

    const payment = await service.authorizePaymentSession(session.id);
    expect(payment).toMatchObject({ status: "authorized", amount: 5000 });
    const authorizationId = payment.data.authorization_id;
    expect(fake.authorization(String(authorizationId))?.status).toBe("CREATED");
    expect(payment.capture_before?.toISOString()).toBe(
      new Date(fake.authorization(String(authorizationId))?.expiration_time ?? "").toISOString(),
    );
    expect(requestsTo(/\/authorize$/).map((request) => request.requestId)).toEqual([
      `${session.id}:authorize:1`,
    ]);
    await expectBooksEqualPayPal(fake, service, payment.id);
  });

  it("keeps asking for approval when the buyer cancelled at PayPal, and authorizes after they approve", async () => {
    const { service } = paypalService();
    const session = await openSession(service);
    const back = await pressOnApprovalPage(fake.approveUrl(orderIdOf(session)), "Cancel");
    expect(back.origin + back.pathname).toBe("https://shop.example/paypal/cancel");
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_requires_more",
    });
    expect(requestsTo(/\/authorize$/)).toHaveLength(0);
    fake.approve(orderIdOf(session));
    const payment = await service.authorizePaymentSession(session.id);
    expect(payment.status).toBe("authorized");
    await expectBooksEqualPayPal(fake, service, payment.id);
  });

  it("declines definitely when the buyer's funding source is refused, and authorizes once they approve with another", async () => {
    const { service } = paypalService();
    const session = await openSession(service);
    fake.approveWithDeclinedInstrument(orderIdOf(session));
    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_authorization_failed",
    });
    const declined = await service.retrievePaymentSession(session.id);
    expect(declined).toMatchObject({
      status: "error",
      raw_status: "INSTRUMENT_DECLINED",
      payment_id: null,
      error: { code: "card_declined", decline_code: "instrument_declined" },
      next_action: { type: "redirect_to_url", redirect_url: fake.approveUrl(orderIdOf(session)) },
    });
    expect(fake.moved(orderIdOf(session))).toEqual({ captured: 0, refunded: 0 });

    fake.approve(orderIdOf(session));
    const payment = await service.authorizePaymentSession(session.id);
    expect(payment.status).toBe("authorized");
    await expectBooksEqualPayPal(fake, service, payment.id);
  });

  it("changes the order's amount when the session is updated before authorization", async () => {
    const { service, provider } = paypalService();
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 5000,
    });
    const session = await service.createPaymentSession(collection.id, {
      provider_id: "paypal",
      currency_code: "usd",
      amount: 4000,
    });
    const orderId = orderIdOf(session);
    await service.updatePaymentSession({ id: session.id, amount: 4500 });
    expect(fake.order(orderId)?.purchase_units[0]?.amount).toMatchObject({ value: "45.00" });
    expect(fake.requests.filter((request) => request.method === "PATCH")).toHaveLength(1);
    fake.approve(orderId);
    const payment = await service.authorizePaymentSession(session.id);
    expect(payment.amount).toBe(4500);
    expect(fake.authorization(String(payment.data.authorization_id))?.amount.value).toBe("45.00");
    const status = await provider.getPaymentStatus({ session_id: session.id, data: payment.data });
    expect(status).toMatchObject({ status: "authorized", raw_status: "CREATED" });
    await expectBooksEqualPayPal(fake, service, payment.id);
  });

  it("captures in several parts, final_capture only on the last, each with its capture id as request id and invoice id", async () => {
    const { service } = paypalService();
    const { payment, orderId } = await authorizedPayment(fake, service);
    await service.capturePayment({ payment_id: payment.id, amount: 2000 });
    await service.capturePayment({ payment_id: payment.id, amount: 1000 });
    const all = await service.capturePayment({ payment_id: payment.id });
    expect(all).toMatchObject({ status: "captured", captured_amount: 5000 });

    const captures = await service.listCaptures({ payment_id: payment.id });
    const sent = requestsTo(/^\/v2\/payments\/authorizations\/\w+\/capture$/);
    expect(sent.map((request) => request.body)).toEqual([
      {
        amount: { currency_code: "USD", value: "20.00" },
        final_capture: false,
        invoice_id: captures[0]?.id,
      },
      {
        amount: { currency_code: "USD", value: "10.00" },
        final_capture: false,
        invoice_id: captures[1]?.id,
      },
      {
        amount: { currency_code: "USD", value: "20.00" },
        final_capture: true,
        invoice_id: captures[2]?.id,
      },
    ]);
    expect(sent.map((request) => request.requestId)).toEqual(captures.map((c) => c.id));
    expect(fake.authorization(String(payment.data.authorization_id))?.status).toBe("CAPTURED");
    const data = (await service.retrievePayment(payment.id)).data;
    expect(data.captures).toEqual(
      captures.map((capture) =>
        expect.objectContaining({ capture_id: capture.id, amount: capture.amount }),
      ),
    );
    expect(fake.moved(orderId)).toEqual({ captured: 5000, refunded: 0 });
    await expectBooksEqualPayPal(fake, service, payment.id);
  });

  it("refunds across captures, newest first and never more than each capture's rest", async () => {
    const { service, provider } = paypalService();
    const { payment, orderId } = await authorizedPayment(fake, service);
    await service.capturePayment({ payment_id: payment.id, amount: 2000 });
    await service.capturePayment({ payment_id: payment.id });
    const [first, second] =
      fake.order(orderId)?.purchase_units[0]?.payments?.captures?.map((c) => c.id) ?? [];

    const split = await service.refundPayment({ payment_id: payment.id, amount: 4000 });
    expect(split).toMatchObject({ status: "partially_refunded", refunded_amount: 4000 });
    const [refund] = await service.listRefunds({ payment_id: payment.id });
    const parts = requestsTo(/^\/v2\/payments\/captures\/\w+\/refund$/);
    expect(parts.map((request) => [request.path, request.body])).toEqual([
      [
        `/v2/payments/captures/${second}/refund`,
        {
          amount: { currency_code: "USD", value: "30.00" },
          invoice_id: refund?.id,
          custom_id: `${refund?.id}/4000`,
        },
      ],
      [
        `/v2/payments/captures/${first}/refund`,
        {
          amount: { currency_code: "USD", value: "10.00" },
          invoice_id: refund?.id,
          custom_id: `${refund?.id}/4000`,
        },
      ],
    ]);
    expect(parts.map((request) => request.requestId)).toEqual([
      `${refund?.id}:${second}:0`,
      `${refund?.id}:${first}:0`,
    ]);
    expect(fake.capture(second ?? "")?.status).toBe("REFUNDED");
    expect(fake.capture(first ?? "")?.status).toBe("PARTIALLY_REFUNDED");

    const rest = await service.refundPayment({ payment_id: payment.id });
    expect(rest).toMatchObject({ status: "refunded", refunded_amount: 5000 });
    expect(fake.capture(first ?? "")?.status).toBe("REFUNDED");
    const listed = await provider.listRefunds({
      session_id: payment.payment_session_id,
      data: payment.data,
    });
    expect(listed.map((r) => [r.amount, r.status])).toEqual([
      [4000, "succeeded"],
      [1000, "succeeded"],
    ]);
    await expectBooksEqualPayPal(fake, service, payment.id);
  });

  it("voids the authorization on cancel, under the key <payment>:cancel", async () => {
    const { service } = paypalService();
    const { payment, session, orderId } = await authorizedPayment(fake, service);
    const canceled = await service.cancelPayment(payment.id);
    expect(canceled.status).toBe("canceled");
    const authorizationId = String(payment.data.authorization_id);
    expect(fake.authorization(authorizationId)?.status).toBe("VOIDED");
    expect(requestsTo(/\/void$/).map((request) => request.requestId)).toEqual([
      `${payment.id}:cancel`,
    ]);
    expect((await service.retrievePaymentSession(session.id)).status).toBe("canceled");
    await expect(service.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "payment_canceled",
    });
    expect(fake.moved(orderId)).toEqual({ captured: 0, refunded: 0 });
    await expectBooksEqualPayPal(fake, service, payment.id);
  });

  it("captures with PayPal's CAPTURE intent when the session is authorized (automatic capture)", async () => {
    const { service } = paypalService({ capture: "automatic" });
    const { payment, orderId } = await authorizedPayment(fake, service);
    expect(payment).toMatchObject({ status: "captured", captured_amount: 5000 });
    expect(fake.order(orderId)).toMatchObject({ intent: "CAPTURE", status: "COMPLETED" });
    expect(requestsTo(/\/authorizations\//)).toHaveLength(0);
    expect(await service.listCaptures({ payment_id: payment.id })).toMatchObject([
      { amount: 5000, status: "succeeded" },
    ]);
    await service.refundPayment({ payment_id: payment.id, amount: 1500 });
    await expectBooksEqualPayPal(fake, service, payment.id);
  });

  it("holds a capture PayPal keeps PENDING, then books it once PayPal completes it, or fails it when PayPal declines it", async () => {
    const { service } = paypalService();
    const { payment, orderId } = await authorizedPayment(fake, service);
    fake.pendingCaptures(String(payment.data.authorization_id));
    await expect(
      service.capturePayment({ payment_id: payment.id, amount: 2000 }),
    ).rejects.toMatchObject({ code: "outcome_unknown", cause: { code: "payment_processing" } });
    expect(await service.listCaptures({ payment_id: payment.id })).toMatchObject([
      { status: "pending", amount: 2000 },
    ]);
    const [held] = fake.order(orderId)?.purchase_units[0]?.payments?.captures ?? [];
    fake.settleCapture(held?.id ?? "", "COMPLETED");
    expect((await service.reconcilePayment(payment.id)).captured_amount).toBe(2000);

    await expect(
      service.capturePayment({ payment_id: payment.id, amount: 1000 }),
    ).rejects.toMatchObject({ code: "outcome_unknown" });
    const denied = fake.order(orderId)?.purchase_units[0]?.payments?.captures?.at(-1);
    fake.settleCapture(denied?.id ?? "", "DECLINED");
    // Nothing moved: the capture is marked failed, and reconcile reports PayPal's refusal.
    await expect(service.reconcilePayment(payment.id)).rejects.toMatchObject({
      code: "card_declined",
    });
    const captures = await service.listCaptures({ payment_id: payment.id });
    expect(captures.map((c) => [c.amount, c.status])).toEqual([
      [2000, "succeeded"],
      [1000, "failed"],
    ]);
    await expectBooksEqualPayPal(fake, service, payment.id);
  });

  it("takes JPY in whole yen, exactly, both ways", async () => {
    const { service } = paypalService();
    const { payment, orderId } = await authorizedPayment(fake, service, {
      amount: 12345,
      currency_code: "jpy",
    });
    expect(fake.order(orderId)?.purchase_units[0]?.amount).toMatchObject({
      currency_code: "JPY",
      value: "12345",
    });
    await service.capturePayment({ payment_id: payment.id, amount: 1999 });
    await service.capturePayment({ payment_id: payment.id });
    await service.refundPayment({ payment_id: payment.id, amount: 10347 });
    expect(
      requestsTo(/\/capture$/).map((request) => (request.body as { amount: unknown }).amount),
    ).toEqual([
      { currency_code: "JPY", value: "1999" },
      { currency_code: "JPY", value: "10346" },
    ]);
    expect(fake.moved(orderId)).toEqual({ captured: 12345, refunded: 10347 });
    await expectBooksEqualPayPal(fake, service, payment.id);
  });

  it("sends HUF in whole forints (PayPal's zero-decimal HUF), and refuses a fraction of one before any request", async () => {
    const { service } = paypalService();
    const session = await openSession(service, { amount: 150_000, currency_code: "huf" });
    expect(fake.order(orderIdOf(session))?.purchase_units[0]?.amount).toMatchObject({
      currency_code: "HUF",
      value: "1500",
    });
    const before = fake.requests.length;
    await expect(
      openSession(service, { amount: 150_050, currency_code: "huf" }),
    ).rejects.toMatchObject({ code: "invalid_amount" });
    expect(fake.requests).toHaveLength(before);

    // Captured and refunded in whole forints; the books (in hundredths) equal PayPal's ledger.
    fake.approve(orderIdOf(session));
    const payment = await service.authorizePaymentSession(session.id);
    await service.capturePayment({ payment_id: payment.id, amount: 100_000 });
    await service.capturePayment({ payment_id: payment.id });
    await service.refundPayment({ payment_id: payment.id, amount: 70_000 });
    expect(fake.moved(orderIdOf(session))).toEqual({ captured: 150_000, refunded: 70_000 });
    await expectBooksEqualPayPal(fake, service, payment.id);
  });

  it("refuses a currency PayPal does not take, definitely and before any request", async () => {
    const { service, provider } = paypalService();
    await expect(openSession(service, { currency_code: "inr" })).rejects.toMatchObject({
      code: "invalid_currency",
      message: expect.stringContaining("INR"),
    });
    const error = await provider
      .initiatePayment({
        session_id: "payses_1",
        amount: 5000,
        currency_code: "inr",
        data: {},
        context: {},
        idempotency_key: "payses_1:initiate",
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_currency", definite: true });
    expect(fake.requests).toHaveLength(0);
    expect(await service.listPaymentSessions()).toHaveLength(0);
  });
});
