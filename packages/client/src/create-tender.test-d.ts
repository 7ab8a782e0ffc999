import { defineProvider, type PaymentCollectionStatus } from "@tender/core";
import { manual } from "@tender/provider-manual";
import { type StripeNextAction, stripe } from "@tender/provider-stripe";
import { describe, expectTypeOf, it } from "vitest";
import { createTender, money, type PaymentHandle, type ProviderId } from "./index";

const tender = createTender({
  providers: [stripe({ apiKey: "sk_test_x" }), manual(), manual({ id: "cash" })],
});

describe("createTender's inference", () => {
  it("knows the registered provider ids", () => {
    expectTypeOf<(typeof tender.providerIds)[number]>().toEqualTypeOf<
      "stripe" | "manual" | "cash"
    >();
    expectTypeOf<ProviderId<[ReturnType<typeof manual<"x">>]>>().toEqualTypeOf<"x">();
  });

  it("types each provider's session data", async () => {
    const checkout = await tender.collections.create({ currency: "usd", amount: 5000 });
    expectTypeOf(checkout.status).toEqualTypeOf<PaymentCollectionStatus>();
    await checkout.sessions.create("stripe", {
      payment_method: "pm_card_visa",
      return_url: "https://x",
    });
    await checkout.sessions.create("manual", { reference: "INV-1" });
    await checkout.sessions.create("cash");
    // @ts-expect-error Stripe's session data has no field "reference"
    await checkout.sessions.create("stripe", { reference: "INV-1" });
    // @ts-expect-error payment_method is a string, not a number
    await checkout.sessions.create("stripe", { payment_method: 42 });
  });

  it("refuses an unregistered provider id with a sentence", async () => {
    const checkout = await tender.collections.create({ currency: "usd", amount: 5000 });
    // @ts-expect-error Provider "paypal" is not registered: add it to createTender({ providers }) or use one of: ...
    await checkout.sessions.create("paypal", {});
    // @ts-expect-error the same without data
    await checkout.sessions.create("paypal");
    // @ts-expect-error not a registered provider for webhooks either
    await tender.webhooks.handle("paypal", new Request("https://x"));
  });

  it("types the authorize outcome as a union to narrow, with the provider's next action", async () => {
    const checkout = await tender.collections.create({ currency: "usd", amount: 5000 });
    const session = await checkout.sessions.create("stripe", { payment_method: "pm_card_visa" });
    const outcome = await session.authorize();
    expectTypeOf(outcome.status).toEqualTypeOf<
      "authorized" | "requires_more" | "processing" | "failed"
    >();
    // @ts-expect-error Property 'capture' does not exist on type '"no payment: only an authorized outcome has one, check outcome.status === \"authorized\" first"'
    await outcome.payment.capture();
    if (outcome.status === "authorized") {
      expectTypeOf(outcome.payment).toEqualTypeOf<PaymentHandle>();
      await outcome.payment.capture({ amount: 3000 });
    }
    if (outcome.status === "requires_more") {
      expectTypeOf(outcome.action).toEqualTypeOf<StripeNextAction>();
      const again = await outcome.retry();
      expectTypeOf(again.status).toEqualTypeOf<
        "authorized" | "requires_more" | "processing" | "failed"
      >();
    }
  });

  it("takes amounts as minor-unit integers or money(), never strings", async () => {
    await tender.collections.create({ currency: "usd", amount: money("50.00", "usd") });
    // @ts-expect-error Amounts are integers in the minor unit (5000 = $50.00) or money("50.00", "usd"), never strings
    await tender.collections.create({ currency: "usd", amount: "50.00" });
    const payment = await tender.payment("pay_1");
    // @ts-expect-error a string amount is refused on capture too
    await payment.capture({ amount: "30" });
    await payment.refund({ amount: money("15.00", "usd"), note: "returned" });
  });

  it("types event payloads by name", () => {
    tender.on("payment.captured", (event) => {
      expectTypeOf(event.data.capture.amount).toEqualTypeOf<number>();
    });
    tender.on("payment_session.requires_more", (event) => {
      expectTypeOf(event.data.session.id).toEqualTypeOf<string>();
    });
  });

  it("requires the session data a provider made with defineProvider declares, and keeps its literal id", async () => {
    const giftCard = defineProvider<{ card: string }>()({
      id: "gift-card",
      initiatePayment: async (input) => ({ status: "pending", data: input.data }),
      authorizePayment: async (input) => ({ status: "authorized", data: input.data }),
      capturePayment: async (input) => ({ data: input.data }),
      refundPayment: async (input) => ({ status: "succeeded", data: input.data }),
      cancelPayment: async (input) => ({ data: input.data }),
    });
    const shop = createTender({ providers: [giftCard, manual()] });
    expectTypeOf<(typeof shop.providerIds)[number]>().toEqualTypeOf<"gift-card" | "manual">();
    const checkout = await shop.collections.create({ currency: "usd", amount: 5000 });
    await checkout.sessions.create("gift-card", { card: "gc_1" });
    await checkout.sessions.create("gift-card", { card: "gc_1" }, { amount: 2000 });
    // @ts-expect-error the gift card's session data (its card) is required
    await checkout.sessions.create("gift-card");
    // @ts-expect-error card must be a string
    await checkout.sessions.create("gift-card", { card: 1 });
    // @ts-expect-error Provider "stripe" is not registered
    await checkout.sessions.create("stripe", {});
  });
});
