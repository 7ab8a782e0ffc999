import { createTender } from "@tender/client";
import { createPaymentModuleService } from "@tender/core";
import { manual } from "@tender/provider-manual";
import { describe, expect, it } from "vitest";
import { giftCard, giftCardLedger } from "../src/index";

function shop(balance: number) {
  const ledger = giftCardLedger();
  ledger.issue("GC-1000", balance);
  const service = createPaymentModuleService({ providers: [giftCard({ ledger }), manual()] });
  return { ledger, service };
}

describe("the gift-card provider", () => {
  it("pays part of a collection up to the card's balance, and a card pays the rest (split tender)", async () => {
    const { ledger, service } = shop(2000);
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 5000,
    });
    const gift = await service.createPaymentSession(collection.id, {
      provider_id: "gift-card",
      currency_code: "usd",
      amount: 5000,
      data: { card: "GC-1000" },
    });

    const held = await service.authorizePaymentSession(gift.id);

    expect(held.amount).toBe(2000);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "partially_authorized",
      authorized_amount: 2000,
    });
    const rest = await service.createPaymentSession(collection.id, {
      provider_id: "manual",
      currency_code: "usd",
      amount: 3000,
    });
    const card = await service.authorizePaymentSession(rest.id);
    await service.capturePayment({ payment_id: held.id, amount: 1500 });
    await service.capturePayment({ payment_id: held.id });
    await service.capturePayment({ payment_id: card.id });
    await service.refundPayment({ payment_id: held.id, amount: 500 });

    const books = await service.retrievePayment(held.id);
    const hold = ledger.hold(String(books.data.hold_id));
    expect(books).toMatchObject({ captured_amount: 2000, refunded_amount: 500 });
    expect(hold).toMatchObject({ amount: 2000, captured: 2000, refunded: 500, released: false });
    expect(ledger.balance("GC-1000")).toBe(500);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      captured_amount: 5000,
      refunded_amount: 500,
    });
  });

  it("declines a card it does not know, definitely, and moves nothing", async () => {
    const { ledger, service } = shop(2000);
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 1000,
    });
    const session = await service.createPaymentSession(collection.id, {
      provider_id: "gift-card",
      currency_code: "usd",
      amount: 1000,
      data: { card: "GC-9999" },
    });

    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_authorization_failed",
    });
    expect((await service.retrievePaymentSession(session.id)).status).toBe("error");
    expect(ledger.balance("GC-1000")).toBe(2000);
  });

  it("answers an empty card as a decline the customer can act on", async () => {
    const { service } = shop(0);
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 1000,
    });
    const session = await service.createPaymentSession(collection.id, {
      provider_id: "gift-card",
      currency_code: "usd",
      amount: 1000,
      data: { card: "GC-1000" },
    });

    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_authorization_failed",
    });
    expect((await service.retrievePaymentSession(session.id)).error).toMatchObject({
      decline_code: "insufficient_funds",
    });
  });

  it("gives the held balance back when the payment is canceled", async () => {
    const { ledger, service } = shop(2000);
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 1500,
    });
    const session = await service.createPaymentSession(collection.id, {
      provider_id: "gift-card",
      currency_code: "usd",
      amount: 1500,
      data: { card: "GC-1000" },
    });
    const payment = await service.authorizePaymentSession(session.id);
    expect(ledger.balance("GC-1000")).toBe(500);

    await service.cancelPayment(payment.id);

    expect(ledger.balance("GC-1000")).toBe(2000);
  });

  it("refuses a session without its card before anything is held", async () => {
    const { service } = shop(2000);
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 1000,
    });
    await expect(
      service.createPaymentSession(collection.id, {
        provider_id: "gift-card",
        currency_code: "usd",
        amount: 1000,
      }),
    ).rejects.toMatchObject({
      code: "invalid_request",
      message: expect.stringContaining("data.card"),
    });
    expect(await service.listPaymentSessions()).toEqual([]);
  });

  it("keeps its literal id and required card for the typed client", async () => {
    const ledger = giftCardLedger();
    ledger.issue("GC-1", 900);
    const tender = createTender({
      providers: [giftCard({ ledger, id: "store-credit" }), manual()],
    });
    const checkout = await tender.collections.create({ currency: "usd", amount: 900 });
    const session = await checkout.sessions.create("store-credit", { card: "GC-1" });
    const outcome = await session.authorize();
    expect(outcome.status).toBe("authorized");
  });
});
