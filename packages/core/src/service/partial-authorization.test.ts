import { describe, expect, it } from "vitest";
import { scriptedProvider } from "../testing/index";
import { collectionWithSessions, recordEvents } from "./test-support";

/** A gift card holding `balance`: it authorizes up to it, and keeps its own ledger of what it holds and took. */
function giftCard(balance: number) {
  const held = new Map<string, number>();
  let captured = 0;
  const provider = scriptedProvider({
    id: "gift-card",
    authorize: (input) => {
      const amount = Math.min(balance, input.amount);
      held.set(input.session_id, amount);
      return { status: "authorized", data: input.data, authorized_amount: amount };
    },
    capture: (input) => {
      captured += input.amount;
      return { data: input.data };
    },
  });
  return {
    provider,
    held: () => [...held.values()].reduce((a, b) => a + b, 0),
    captured: () => captured,
  };
}

describe("partial authorization", () => {
  it("books what the provider authorized, leaves the collection partially authorized, and another session pays the rest", async () => {
    const card = giftCard(2000);
    const other = scriptedProvider({ id: "card" });
    const { service, collection, sessions } = await collectionWithSessions(5000, [
      [card.provider, 5000],
      [other, 3000],
    ]);
    const events = recordEvents(service);

    const gift = await service.authorizePaymentSession(sessions[0].id);

    expect(gift).toMatchObject({ amount: 2000, status: "authorized" });
    expect(await service.retrievePaymentSession(sessions[0].id)).toMatchObject({
      status: "authorized",
      amount: 5000,
      authorized_amount: 2000,
    });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "partially_authorized",
      authorized_amount: 2000,
    });
    expect(events.find((event) => event.name === "payment_session.authorized")).toBeDefined();

    const rest = await service.authorizePaymentSession(sessions[1].id);
    expect(rest.amount).toBe(3000);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "authorized",
      authorized_amount: 5000,
    });

    await service.capturePayment({ payment_id: gift.id });
    await service.capturePayment({ payment_id: rest.id });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "completed",
      captured_amount: 5000,
    });
    // The books equal the gift card's own ledger: what it held is what it was asked to capture.
    expect(card.held()).toBe(2000);
    expect(card.captured()).toBe(2000);
  });

  it("never lets the rest be authorized twice: a session for more than is left is refused", async () => {
    const card = giftCard(2000);
    const other = scriptedProvider({ id: "card" });
    const { service, sessions } = await collectionWithSessions(5000, [
      [card.provider, 5000],
      [other, 5000],
    ]);
    await service.authorizePaymentSession(sessions[0].id);

    await expect(service.authorizePaymentSession(sessions[1].id)).rejects.toMatchObject({
      code: "collection_already_authorized",
    });
    expect(other.callsTo("authorizePayment")).toEqual([]);
  });

  it("refuses an answer that authorized more than was asked, and books nothing", async () => {
    const greedy = scriptedProvider({
      id: "card",
      authorize: (input) => ({ status: "authorized", data: input.data, authorized_amount: 9000 }),
    });
    const { service, sessions } = await collectionWithSessions(5000, [[greedy, 5000]]);

    await expect(service.authorizePaymentSession(sessions[0].id)).rejects.toMatchObject({
      message: expect.stringContaining("never more"),
    });
    expect(await service.listPayments()).toEqual([]);
  });
});
