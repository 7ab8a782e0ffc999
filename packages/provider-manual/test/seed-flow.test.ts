import { createPaymentModuleService, type PaymentSession, TenderError } from "@tender/core";
import { scriptedProvider } from "@tender/core/testing";
import { describe, expect, it } from "vitest";
import { manual } from "../src/index";
import * as seed from "./seed-flow.js";

describe("the seed's accept-payment flow", () => {
  it("runs against the manual provider registered as stripe: collection, session, authorized payment", async () => {
    const paymentModuleService = createPaymentModuleService({
      providers: [manual({ id: "stripe" })],
    });
    const paymentCollection = await seed.createCollection(paymentModuleService);
    expect(paymentCollection).toMatchObject({
      region_id: "reg_123",
      currency_code: "usd",
      amount: 5000,
    });
    expect(paymentCollection.id).toMatch(/^paycol_/);

    const paymentSession = await seed.createSession(paymentModuleService, paymentCollection);
    expect(paymentSession).toMatchObject({
      provider_id: "stripe",
      status: "pending",
      amount: 5000,
    });

    const payment = await seed.authorize(paymentModuleService, paymentSession);
    expect(payment).toMatchObject({ amount: 5000, status: "authorized", provider_id: "stripe" });
    expect(payment.id).toMatch(/^pay_/);

    // The seed's step 4: capture and refund the payment.
    const captured = await paymentModuleService.capturePayment({ payment_id: payment.id });
    expect(captured.status).toBe("captured");
    const refunded = await paymentModuleService.refundPayment({
      payment_id: payment.id,
      amount: 1000,
    });
    expect(refunded).toMatchObject({ status: "partially_refunded", refunded_amount: 1000 });
    expect(
      await paymentModuleService.retrievePaymentCollection(paymentCollection.id),
    ).toMatchObject({
      status: "partially_refunded",
      authorized_amount: 5000,
      captured_amount: 5000,
      refunded_amount: 1000,
    });
  });

  it("returns the existing payment when the seed's try block authorizes an authorized session", async () => {
    const paymentModuleService = createPaymentModuleService({
      providers: [manual({ id: "stripe" })],
    });
    const paymentCollection = await seed.createCollection(paymentModuleService);
    const paymentSession = await seed.createSession(paymentModuleService, paymentCollection);
    const first = await seed.authorize(paymentModuleService, paymentSession);
    const again = await seed.authorizeHandlingAdditionalAction(
      paymentModuleService,
      paymentSession,
      () => {
        throw new Error("an authorized session never requires more");
      },
    );
    expect(again.id).toBe(first.id);
  });

  it("reaches the seed's requires_more branch, then authorizes again after the customer acts", async () => {
    const stripe = scriptedProvider({
      id: "stripe",
      authorize: (input, call) =>
        call === 0
          ? {
              status: "requires_more",
              raw_status: "requires_action",
              data: input.data,
              next_action: { type: "redirect_to_url", redirect_url: "https://bank.example/3ds" },
            }
          : { status: "authorized", raw_status: "requires_capture", data: input.data },
    });
    const paymentModuleService = createPaymentModuleService({ providers: [stripe] });
    const paymentCollection = await seed.createCollection(paymentModuleService);
    const paymentSession = await seed.createSession(paymentModuleService, paymentCollection);

    const payment = await seed.authorizeHandlingAdditionalAction(
      paymentModuleService,
      paymentSession,
      async (updated: PaymentSession, error: unknown) => {
        expect(TenderError.isInstance(error) && error.code).toBe("payment_requires_more");
        expect(updated.next_action).toEqual({
          type: "redirect_to_url",
          redirect_url: "https://bank.example/3ds",
        });
        // The customer completes 3DS; the seed's TODO: authorize payment again.
        return seed.authorize(paymentModuleService, updated);
      },
    );
    expect(payment.status).toBe("authorized");
    expect(stripe.callsTo("authorizePayment")).toHaveLength(2);
  });
});
