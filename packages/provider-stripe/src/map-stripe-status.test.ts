import { describe, expect, it } from "vitest";
import { mapStripeStatus, toProviderResult, viewIntent } from "./map-stripe-status";

const intent = (fields: Record<string, unknown>) => ({
  object: "payment_intent",
  id: "pi_1",
  currency: "usd",
  amount: 5000,
  amount_capturable: 0,
  amount_received: 0,
  capture_method: "manual",
  client_secret: "pi_1_secret_x",
  metadata: { session_id: "payses_1" },
  ...fields,
});

describe("mapStripeStatus", () => {
  it.each([
    ["requires_payment_method", false, "pending"],
    ["requires_payment_method", true, "error"],
    ["requires_confirmation", false, "pending"],
    ["processing", false, "processing"],
    ["requires_action", false, "requires_more"],
    ["requires_capture", false, "authorized"],
    ["succeeded", false, "captured"],
    ["canceled", false, "canceled"],
  ] as const)("maps %s (failed attempt: %s) to %s", (status, failed, unified) => {
    expect(mapStripeStatus(status, failed)).toBe(unified);
  });
});

describe("toProviderResult", () => {
  it("keeps the raw status beside the unified one, and the decline code of a failed attempt", () => {
    const view = viewIntent(
      intent({
        status: "requires_payment_method",
        last_payment_error: {
          type: "card_error",
          code: "card_declined",
          decline_code: "insufficient_funds",
          message: "Declined",
        },
      }),
    );
    if (!view) throw new Error("not read as an intent");
    expect(toProviderResult(view)).toMatchObject({
      status: "error",
      raw_status: "requires_payment_method",
      error: { code: "card_declined", decline_code: "insufficient_funds" },
    });
  });

  it("exposes a redirect, or the client secret for use_stripe_sdk", () => {
    const redirect = viewIntent(
      intent({
        status: "requires_action",
        next_action: {
          type: "redirect_to_url",
          redirect_to_url: { url: "https://hooks.stripe.com/3ds" },
        },
      }),
    );
    expect(redirect?.next_action).toEqual({
      type: "redirect_to_url",
      redirect_url: "https://hooks.stripe.com/3ds",
    });
    const sdk = viewIntent(
      intent({
        status: "requires_action",
        next_action: { type: "use_stripe_sdk", use_stripe_sdk: {} },
      }),
    );
    expect(sdk?.next_action).toEqual({ type: "use_stripe_sdk", client_secret: "pi_1_secret_x" });
  });

  it("reads the capture deadline from an expanded latest charge", () => {
    const view = viewIntent(
      intent({
        status: "requires_capture",
        latest_charge: { payment_method_details: { card: { capture_before: 1_800_000_000 } } },
      }),
    );
    expect(view?.capture_before).toEqual(new Date(1_800_000_000 * 1000));
  });

  it("refuses to read what is not a PaymentIntent", () => {
    expect(viewIntent({ object: "charge", id: "ch_1" })).toBeUndefined();
    expect(viewIntent(intent({ status: "made_up" }))).toBeUndefined();
  });
});
