import {
  createPaymentModuleService,
  type Payment,
  type PaymentCollection,
  type PaymentSession,
} from "@tender/core";
import { manual } from "@tender/provider-manual";
import { beforeAll, describe, expect, it } from "vitest";
import { describeCheckout } from "./describe-checkout";

describe("describeCheckout", () => {
  let collection: PaymentCollection;
  let session: PaymentSession;
  let payment: Payment;

  // Real records from the payment module (manual provider, memory store), varied per case below.
  beforeAll(async () => {
    const service = createPaymentModuleService({ providers: [manual()], relay: false });
    const created = await service.createPaymentCollections({ currency_code: "eur", amount: 6700 });
    session = await service.createPaymentSession(created.id, {
      provider_id: "manual",
      currency_code: "eur",
      amount: 6700,
    });
    payment = await service.authorizePaymentSession(session.id);
    collection = await service.retrievePaymentCollection(created.id);
    session = await service.retrievePaymentSession(session.id);
  });

  const later = (record: PaymentSession, seconds: number, changes: Partial<PaymentSession>) => ({
    ...record,
    ...changes,
    created_at: new Date(record.created_at.getTime() + seconds * 1000),
  });

  it("says an authorized collection is paid, with the amount and the provider that paid it", () => {
    expect(describeCheckout(collection, [session], [payment])).toEqual({
      state: "paid",
      message: "Paid: €67.00 with Pay by invoice (manual). Thank you for your order.",
    });
  });

  it("says a collection with no session is not paid yet", () => {
    expect(describeCheckout({ ...collection, status: "not_paid" }, [], [])).toEqual({
      state: "unpaid",
      message: "Not paid yet.",
    });
  });

  it("reads the newest session of an unpaid collection: a decline after an abandoned 3DS is a decline", () => {
    const waiting = { ...session, provider_id: "stripe", status: "requires_more" as const };
    const declined = later(session, 5, {
      provider_id: "stripe",
      status: "error",
      error: {
        code: "card_declined",
        message: "Your card was declined.",
        decline_code: "generic_decline",
      },
    });
    expect(
      describeCheckout({ ...collection, status: "not_paid" }, [declined, waiting], []),
    ).toEqual({
      state: "declined",
      message: "Declined: Your card was declined. Choose another card or payment method.",
    });
  });

  it("tells a failed 3D Secure challenge from a decline", () => {
    const failed = {
      ...session,
      status: "error" as const,
      error: {
        code: "payment_intent_authentication_failure",
        message: "The provided PaymentMethod has failed authentication.",
      },
    };
    expect(describeCheckout({ ...collection, status: "not_paid" }, [failed], []).message).toBe(
      "Authentication failed: The provided PaymentMethod has failed authentication. Choose another card or payment method.",
    );
  });

  it("says a processing debit updates the page by itself, and a session waiting on the customer needs action", () => {
    const processing = { ...session, provider_id: "stripe-sepa", status: "processing" as const };
    expect(describeCheckout({ ...collection, status: "awaiting" }, [processing], [])).toEqual({
      state: "processing",
      message:
        "Processing: SEPA Direct Debit (Stripe) is confirming the payment. This page updates when it does.",
    });
    const approving = { ...session, provider_id: "paypal", status: "requires_more" as const };
    expect(describeCheckout({ ...collection, status: "requires_more" }, [approving], [])).toEqual({
      state: "needs_action",
      message: "Action needed: finish the payment with PayPal.",
    });
  });

  it("says what was refunded of what was paid, and that a canceled payment charged nothing", () => {
    const refunded = {
      ...collection,
      status: "partially_refunded" as const,
      captured_amount: 4000,
      refunded_amount: 1500,
    };
    expect(describeCheckout(refunded, [session], [payment]).message).toBe(
      "Refunded: €15.00 of €40.00 paid with Pay by invoice (manual).",
    );
    expect(describeCheckout({ ...collection, status: "canceled" }, [session], [payment])).toEqual({
      state: "canceled",
      message: "Canceled: the payment was released and nothing was charged.",
    });
  });

  it("never names the provider of a surplus payment as the one that paid", () => {
    const surplus = { ...payment, provider_id: "paypal", surplus_at: new Date() };
    expect(describeCheckout(collection, [session], [surplus, payment]).message).toContain(
      "with Pay by invoice (manual)",
    );
  });
});
