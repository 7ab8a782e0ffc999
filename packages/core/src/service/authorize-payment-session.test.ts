import { describe, expect, it } from "vitest";
import { TenderError } from "../index";
import { type ScriptedProvider, scriptedProvider } from "../testing/index";
import {
  collectionWithSessions,
  failsOnce,
  idempotencyKeyOf,
  refusal,
  requiresMoreOnce,
  retryableError,
  sessionFor,
} from "./test-support";

const threeDS = { type: "redirect_to_url", redirect_url: "https://bank.example/3ds" };
/** The session data every session here is opened with. */
const withCardToken = { data: { card: "tok_visa" } };

/** A service over `provider`, a usd collection of 5000, and one session paying all of it. */
const sessionOf5000 = (provider: ScriptedProvider) => sessionFor(provider, 5000, withCardToken);

/** A service over the providers, a usd collection of 1000, and one session per `[provider, amount]`. */
function sessionsOf1000<const T extends ReadonlyArray<readonly [ScriptedProvider, number]>>(
  sessions: T,
) {
  return collectionWithSessions(1000, sessions, withCardToken);
}

/** Awaits a promise expected to reject and returns what it rejected with. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to be rejected, but it resolved");
    },
    (error: unknown) => error,
  );
}

describe("authorizePaymentSession", () => {
  it("returns an authorized payment for the session's amount and marks session and collection authorized", async () => {
    const card = scriptedProvider({ id: "card" });
    const { service, collection, session } = await sessionOf5000(card);

    const payment = await service.authorizePaymentSession(session.id);

    expect(payment).toMatchObject({
      status: "authorized",
      amount: 5000,
      currency_code: "usd",
      provider_id: "card",
      payment_session_id: session.id,
      payment_collection_id: collection.id,
      captured_amount: 0,
      refunded_amount: 0,
    });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "authorized",
      payment_id: payment.id,
    });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "authorized",
      authorized_amount: 5000,
      captured_amount: 0,
    });
  });

  it("returns the existing payment when an authorized session is authorized again, without calling the provider", async () => {
    const card = scriptedProvider({ id: "card" });
    const { service, session } = await sessionOf5000(card);

    const first = await service.authorizePaymentSession(session.id);
    const again = await service.authorizePaymentSession(session.id);

    expect(again.id).toBe(first.id);
    expect(card.callsTo("authorizePayment")).toHaveLength(1);
    expect(await service.listPayments({ payment_session_id: session.id })).toHaveLength(1);
  });

  it("saves requires_more with the provider's data, then throws payment_requires_more carrying the session id and next action", async () => {
    const card = scriptedProvider({
      id: "card",
      authorize: {
        status: "requires_more",
        raw_status: "requires_action",
        data: { intent: "pi_1", step: "3ds" },
        next_action: threeDS,
      },
    });
    const { service, collection, session } = await sessionOf5000(card);

    const error = await rejection(service.authorizePaymentSession(session.id));

    expect(TenderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: "payment_requires_more",
      details: { session_id: session.id, next_action: threeDS },
    });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "requires_more",
      raw_status: "requires_action",
      data: { intent: "pi_1", step: "3ds" },
      next_action: threeDS,
      payment_id: null,
    });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "requires_more",
      authorized_amount: 0,
    });
    expect(await service.listPayments({ payment_session_id: session.id })).toEqual([]);
  });

  it("authorizes the session when it is authorized again after the customer has acted", async () => {
    const card = scriptedProvider({
      id: "card",
      authorize: (input, call) =>
        call === 0
          ? { status: "requires_more", data: { intent: "pi_1" }, next_action: threeDS }
          : { status: "authorized", raw_status: "requires_capture", data: input.data },
    });
    const { service, session } = await sessionOf5000(card);

    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_requires_more",
    });
    const payment = await service.authorizePaymentSession(session.id);

    expect(payment).toMatchObject({ status: "authorized", amount: 5000 });
    const calls = card.callsTo("authorizePayment");
    expect(calls).toHaveLength(2);
    // The second attempt resumes from what the provider answered the first time.
    expect(calls[1]?.input).toMatchObject({ data: { intent: "pi_1" } });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "authorized",
      next_action: null,
      payment_id: payment.id,
    });
  });

  it("saves a provider's error answer on the session and throws payment_authorization_failed carrying the session id", async () => {
    const card = scriptedProvider({
      id: "card",
      authorize: (input, call) =>
        call === 0
          ? {
              status: "error",
              raw_status: "requires_payment_method",
              data: { intent: "pi_1", last_error: "card_declined" },
              error: { code: "card_declined", message: "Your card was declined." },
            }
          : { status: "authorized", data: input.data },
    });
    const { service, session } = await sessionOf5000(card);

    const error = await rejection(service.authorizePaymentSession(session.id));

    expect(error).toMatchObject({
      code: "payment_authorization_failed",
      details: { session_id: session.id, next_action: null },
    });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "error",
      data: { intent: "pi_1", last_error: "card_declined" },
      error: { code: "card_declined" },
    });

    // The customer tries again (another card); the session is not stuck.
    const payment = await service.authorizePaymentSession(session.id);
    expect(payment.status).toBe("authorized");
  });

  it("treats a provider that throws a decline as a failed authorization the customer may retry", async () => {
    const card = scriptedProvider({
      id: "card",
      authorize: failsOnce(
        refusal("card_declined", "The card was declined.", { declineCode: "insufficient_funds" }),
        (input) => ({ status: "authorized", data: input.data }),
      ),
    });
    const { service, session } = await sessionOf5000(card);

    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_authorization_failed",
      details: { session_id: session.id },
    });
    expect(await service.retrievePaymentSession(session.id)).toMatchObject({
      status: "error",
      error: { code: "card_declined", decline_code: "insufficient_funds" },
    });
    expect((await service.authorizePaymentSession(session.id)).status).toBe("authorized");
  });

  it("books an automatically captured authorization as a payment with a succeeded capture, without a capture call", async () => {
    const card = scriptedProvider({
      id: "card",
      capabilities: { automaticCapture: true },
      authorize: (input) => ({ status: "captured", raw_status: "succeeded", data: input.data }),
    });
    const { service, collection, session } = await sessionOf5000(card);

    const payment = await service.authorizePaymentSession(session.id);

    expect(payment).toMatchObject({ status: "captured", amount: 5000, captured_amount: 5000 });
    const captures = await service.listCaptures({ payment_id: payment.id });
    expect(captures).toHaveLength(1);
    expect(captures[0]).toMatchObject({ amount: 5000, status: "succeeded" });
    expect(card.callsTo("capturePayment")).toEqual([]);
    expect((await service.retrievePaymentSession(session.id)).status).toBe("captured");
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "completed",
      authorized_amount: 5000,
      captured_amount: 5000,
    });
    // Nothing is left to capture: capturing without an amount changes nothing.
    const again = await service.capturePayment({ payment_id: payment.id });
    expect(again.captured_amount).toBe(5000);
    expect(card.callsTo("capturePayment")).toEqual([]);
  });

  it("sends the provider an idempotency key derived from the session id on every attempt", async () => {
    const card = scriptedProvider({ id: "card", authorize: requiresMoreOnce(threeDS) });
    const { service, session } = await sessionOf5000(card);

    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "payment_requires_more",
    });
    await service.authorizePaymentSession(session.id);

    const calls = card.callsTo("authorizePayment");
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.input).toMatchObject({
        session_id: session.id,
        idempotency_key: expect.stringContaining(session.id),
      });
    }
  });

  it("retries an authorization that failed retryably with the same idempotency key", async () => {
    const card = scriptedProvider({
      id: "card",
      authorize: failsOnce(
        retryableError("The provider timed out; it may have authorized."),
        (input) => ({ status: "authorized", data: input.data }),
      ),
    });
    const { service, session } = await sessionOf5000(card);

    await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
      code: "outcome_unknown",
      retryable: true,
    });
    const payment = await service.authorizePaymentSession(session.id);

    expect(payment.status).toBe("authorized");
    const [first, second] = card.callsTo("authorizePayment");
    expect(first?.input).toMatchObject({ idempotency_key: expect.stringContaining(session.id) });
    expect(second?.input).toMatchObject({
      idempotency_key: idempotencyKeyOf(first?.input),
    });
  });
});

describe("authorizePaymentSession with several sessions on one collection", () => {
  it("authorizes a split tender whose sessions add up to the collection's amount", async () => {
    const card = scriptedProvider({ id: "card" });
    const giftCard = scriptedProvider({ id: "gift-card" });
    const { service, collection, sessions } = await sessionsOf1000([
      [card, 600],
      [giftCard, 400],
    ]);
    const [first, second] = sessions;

    const cardPayment = await service.authorizePaymentSession(first.id);
    expect(cardPayment.amount).toBe(600);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "partially_authorized",
      authorized_amount: 600,
    });

    const giftPayment = await service.authorizePaymentSession(second.id);
    expect(giftPayment).toMatchObject({ amount: 400, provider_id: "gift-card" });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "authorized",
      authorized_amount: 1000,
    });
  });

  it("refuses a second provider's session once another session paid the collection, without calling that provider", async () => {
    const card = scriptedProvider({ id: "card" });
    const paypal = scriptedProvider({ id: "paypal" });
    const { service, collection, sessions } = await sessionsOf1000([
      [card, 1000],
      [paypal, 1000],
    ]);
    const [cardSession, paypalSession] = sessions;

    await service.authorizePaymentSession(cardSession.id);

    await expect(service.authorizePaymentSession(paypalSession.id)).rejects.toMatchObject({
      code: "collection_already_authorized",
    });
    expect(paypal.callsTo("authorizePayment")).toEqual([]);
    expect(await service.listPayments({ payment_collection_id: collection.id })).toHaveLength(1);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "authorized",
      authorized_amount: 1000,
    });
  });

  it("refuses a session whose amount plus the collection's other payments exceeds the collection, without calling its provider", async () => {
    const card = scriptedProvider({ id: "card" });
    const giftCard = scriptedProvider({ id: "gift-card" });
    const { service, collection, sessions } = await sessionsOf1000([
      [card, 600],
      [giftCard, 500],
    ]);
    const [first, second] = sessions;

    await service.authorizePaymentSession(first.id);

    await expect(service.authorizePaymentSession(second.id)).rejects.toMatchObject({
      code: "collection_already_authorized",
    });
    expect(giftCard.callsTo("authorizePayment")).toEqual([]);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "partially_authorized",
      authorized_amount: 600,
    });
  });

  it("lets another session authorize once the collection's payment is canceled", async () => {
    const card = scriptedProvider({ id: "card" });
    const paypal = scriptedProvider({ id: "paypal" });
    const { service, collection, sessions } = await sessionsOf1000([
      [card, 1000],
      [paypal, 1000],
    ]);
    const [cardSession, paypalSession] = sessions;

    const cardPayment = await service.authorizePaymentSession(cardSession.id);
    await service.cancelPayment(cardPayment.id);
    const paypalPayment = await service.authorizePaymentSession(paypalSession.id);

    expect(paypalPayment).toMatchObject({ status: "authorized", provider_id: "paypal" });
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "authorized",
      authorized_amount: 1000,
    });
  });
});
