import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { mapStripeEvent, STRIPE_WEBHOOK_EVENTS } from "./stripe-webhook";

const intent = {
  object: "payment_intent",
  id: "pi_1",
  status: "requires_capture",
  currency: "usd",
  amount: 5000,
  amount_capturable: 5000,
  amount_received: 0,
  capture_method: "manual",
  client_secret: "pi_1_secret",
  metadata: { session_id: "payses_1" },
};

function event(type: string, object: Record<string, unknown>): Stripe.Event {
  // A verified event's shape, built for the test; mapStripeEvent narrows data.object itself.
  const built: unknown = {
    id: "evt_1",
    object: "event",
    type,
    data: { object },
    created: 0,
    livemode: false,
  };
  return built as Stripe.Event;
}

describe("mapStripeEvent", () => {
  it.each(
    Object.entries(STRIPE_WEBHOOK_EVENTS).filter(([type]) => type.startsWith("payment_intent.")),
  )("maps %s to %s with the session id from metadata", (type, action) => {
    const mapped = mapStripeEvent(event(type, intent));
    expect(mapped.action).toBe(action);
    expect(mapped.event_id).toBe("evt_1");
    if (action !== "not_supported") expect(mapped.data?.session_id).toBe("payses_1");
  });

  it("reports the amount received on payment_intent.succeeded", () => {
    const mapped = mapStripeEvent(
      event("payment_intent.succeeded", { ...intent, status: "succeeded", amount_received: 3000 }),
    );
    expect(mapped).toMatchObject({ action: "captured", data: { amount: 3000 } });
  });

  it.each([
    ["refund.updated", "succeeded", "succeeded"],
    ["refund.failed", "failed", "failed"],
    ["charge.refund.updated", "pending", "pending"],
  ])(
    "maps %s with a %s refund to refunded, naming Tender's refund (%s)",
    (type, stripeStatus, status) => {
      const refund = {
        object: "refund",
        id: "re_1",
        status: stripeStatus,
        amount: 1000,
        currency: "usd",
        metadata: { tender_refund_id: "ref_1", session_id: "payses_1" },
      };
      expect(mapStripeEvent(event(type, refund))).toMatchObject({
        action: "refunded",
        data: { session_id: "payses_1", refund: { refund_id: "ref_1", status } },
      });
    },
  );

  it("does not support events Tender does not use, or objects it did not create", () => {
    expect(
      mapStripeEvent(event("customer.created", { object: "customer", id: "cus_1" })).action,
    ).toBe("not_supported");
    expect(
      mapStripeEvent(event("payment_intent.succeeded", { ...intent, metadata: {} })).action,
    ).toBe("not_supported");
  });
});
