import { ProviderError } from "@tender/core";
import { scriptedProvider } from "@tender/core/testing";
import { manual } from "@tender/provider-manual";
import { describe, expect, it } from "vitest";
import { createTender } from "./index";

/** A gift card holding 2000: it authorizes up to it. */
const giftCard = () =>
  scriptedProvider({
    id: "gift-card",
    authorize: (input) => ({
      status: "authorized",
      data: input.data,
      authorized_amount: Math.min(2000, input.amount),
    }),
  });

const declining = () =>
  scriptedProvider({
    id: "card",
    authorize: () => {
      throw new ProviderError({
        providerId: "card",
        code: "card_declined",
        definite: true,
        declineCode: "insufficient_funds",
        message: "The card was declined.",
      });
    },
  });

describe("collection.payWith (split tender in one step)", () => {
  it("pays what the gift card covers and the rest with the next provider", async () => {
    const gift = giftCard();
    const tender = createTender({ providers: [gift, manual()] });
    const checkout = await tender.collections.create({ currency: "usd", amount: 5000 });

    const outcome = await checkout.payWith([
      { provider: "gift-card", data: { card: "GC-1" } },
      { provider: "manual" },
    ]);

    if (outcome.status !== "authorized")
      throw new Error(`expected authorized, got ${outcome.status}`);
    expect(outcome.payments.map((payment) => payment.amount)).toEqual([2000, 3000]);
    expect(await checkout.refresh()).toMatchObject({ status: "authorized", remaining: 0 });
  });

  it("releases the gift card's hold when the card for the rest is declined", async () => {
    const gift = giftCard();
    const tender = createTender({ providers: [gift, declining()] });
    const checkout = await tender.collections.create({ currency: "usd", amount: 5000 });

    const outcome = await checkout.payWith([
      { provider: "gift-card", data: { card: "GC-1" } },
      { provider: "card" },
    ]);

    if (outcome.status !== "failed") throw new Error(`expected failed, got ${outcome.status}`);
    expect(outcome.error.code).toBe("payment_authorization_failed");
    expect(outcome.released.map((payment) => payment.status)).toEqual(["canceled"]);
    expect(gift.callsTo("cancelPayment")).toHaveLength(1);
    const after = await checkout.refresh();
    expect(after.authorized).toBe(0);
  });

  it("stops once the collection is covered", async () => {
    const tender = createTender({ providers: [manual(), giftCard()] });
    const checkout = await tender.collections.create({ currency: "usd", amount: 1500 });

    const outcome = await checkout.payWith([{ provider: "gift-card" }, { provider: "manual" }]);

    if (outcome.status !== "authorized")
      throw new Error(`expected authorized, got ${outcome.status}`);
    expect(outcome.payments.map((payment) => payment.amount)).toEqual([1500]);
  });

  it.each([
    ["no steps", []],
    ["not an array", "gift-card"],
    ["a step without a provider", [{ data: {} }]],
    ["a step with an unknown field", [{ provider: "manual", amount: 100 }]],
  ])("refuses %s with invalid_argument and opens no session", async (_what, steps) => {
    const tender = createTender({ providers: [manual()] });
    const checkout = await tender.collections.create({ currency: "usd", amount: 1500 });

    await expect(checkout.payWith(steps as never)).rejects.toMatchObject({
      code: "invalid_argument",
    });
    expect(await checkout.sessions.list()).toEqual([]);
  });
});
