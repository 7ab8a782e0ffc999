import { describe, expect, it } from "vitest";
import type { Payment } from "../index";
import { type ScriptedProvider, scriptedProvider } from "../testing/index";
import {
  authorizedPayment,
  collectionWithSessions,
  idempotencyKeyOf,
  pause,
  retryableError,
  sessionFor,
} from "./test-support";

/** A card provider that answers after a short, varying delay, so concurrent calls interleave. */
function slowCard(id = "card"): ScriptedProvider {
  return scriptedProvider({
    id,
    authorize: async (input, call) => {
      await pause(1 + (call % 3));
      return { status: "authorized", data: input.data };
    },
    capture: async (input, call) => {
      await pause(1 + (call % 3));
      return { data: input.data };
    },
    refund: async (input, call) => {
      await pause(1 + (call % 3));
      return { status: "succeeded", data: input.data };
    },
  });
}

function fulfilled<T>(results: PromiseSettledResult<T>[]): T[] {
  return results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
}

function rejected<T>(results: PromiseSettledResult<T>[]): unknown[] {
  return results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
}

const sum = (amounts: Array<{ amount: number }>) =>
  amounts.reduce((total, item) => total + item.amount, 0);

describe("concurrent calls on one payment", () => {
  it("lets exactly one of 10 concurrent full captures succeed, capturing the amount once", async () => {
    const card = slowCard();
    const { service, collection, payment } = await authorizedPayment(1000, card);

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => service.capturePayment({ payment_id: payment.id })),
    );

    expect(fulfilled(results)).toHaveLength(1);
    expect(rejected(results)).toHaveLength(9);
    const settled = await service.retrievePayment(payment.id);
    expect(settled).toMatchObject({ status: "captured", captured_amount: 1000 });
    expect(card.callsTo("capturePayment")).toHaveLength(1);
    const captures = await service.listCaptures({ payment_id: payment.id });
    expect(captures).toEqual([expect.objectContaining({ amount: 1000, status: "succeeded" })]);
    expect((await service.retrievePaymentCollection(collection.id)).captured_amount).toBe(1000);
  });

  it("never refunds more than was captured when refunds race", async () => {
    const card = slowCard();
    const { service, payment } = await authorizedPayment(1000, card);
    await service.capturePayment({ payment_id: payment.id });

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        service.refundPayment({ payment_id: payment.id, amount: 300 }),
      ),
    );

    expect(fulfilled(results)).toHaveLength(3);
    for (const reason of rejected(results)) {
      expect(reason).toMatchObject({ code: "refund_exceeds_captured" });
    }
    const settled = await service.retrievePayment(payment.id);
    expect(settled.refunded_amount).toBe(900);
    const refunds = await service.listRefunds({ payment_id: payment.id, status: "succeeded" });
    expect(sum(refunds)).toBe(900);
    expect(card.callsTo("refundPayment")).toHaveLength(3);
  });

  it("never refunds more than was captured when full refunds race", async () => {
    const card = slowCard();
    const { service, payment } = await authorizedPayment(1000, card);
    await service.capturePayment({ payment_id: payment.id, amount: 700 });

    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => service.refundPayment({ payment_id: payment.id })),
    );

    expect(fulfilled(results)).toHaveLength(1);
    const settled = await service.retrievePayment(payment.id);
    expect(settled).toMatchObject({ captured_amount: 700, refunded_amount: 700 });
    expect(card.callsTo("refundPayment")).toHaveLength(1);
  });

  it("releases the authorization once and reports the payment canceled to every one of several concurrent cancels", async () => {
    const card = scriptedProvider({
      id: "card",
      cancel: async (input) => {
        await pause(5);
        return { data: input.data };
      },
    });
    const { service, payment } = await authorizedPayment(1000, card);

    const results = await Promise.allSettled(
      Array.from({ length: 3 }, () => service.cancelPayment(payment.id)),
    );

    expect(card.callsTo("cancelPayment")).toHaveLength(1);
    expect((await service.retrievePayment(payment.id)).status).toBe("canceled");
    for (const result of fulfilled(results)) {
      expect(result).toMatchObject({ id: payment.id, status: "canceled" });
    }
  });

  it("keeps captured <= amount and refunded <= captured while partial captures and refunds race", async () => {
    const card = slowCard();
    const { service, collection, payment } = await authorizedPayment(1000, card);

    const operations: Array<Promise<Payment>> = [];
    for (let i = 0; i < 15; i++) {
      operations.push(service.capturePayment({ payment_id: payment.id, amount: 100 }));
      operations.push(service.refundPayment({ payment_id: payment.id, amount: 70 }));
      if (i % 5 === 0) operations.push(service.capturePayment({ payment_id: payment.id }));
      if (i % 4 === 0) operations.push(service.refundPayment({ payment_id: payment.id }));
    }
    const results = await Promise.allSettled(operations);

    for (const reason of rejected(results)) {
      expect(reason).toMatchObject({
        code: expect.stringMatching(
          /^(capture_exceeds_authorized|refund_exceeds_captured|nothing_to_refund|operation_in_progress)$/,
        ),
      });
    }
    const settled = await service.retrievePayment(payment.id);
    expect(settled.captured_amount).toBeLessThanOrEqual(settled.amount);
    expect(settled.refunded_amount).toBeLessThanOrEqual(settled.captured_amount);
    const captures = await service.listCaptures({ payment_id: payment.id });
    const refunds = await service.listRefunds({ payment_id: payment.id });
    expect(captures.filter((capture) => capture.status !== "succeeded")).toEqual([]);
    expect(refunds.filter((refund) => refund.status !== "succeeded")).toEqual([]);
    expect(sum(captures)).toBe(settled.captured_amount);
    expect(sum(refunds)).toBe(settled.refunded_amount);
    expect(
      sum(card.callsTo("capturePayment").map(({ input }) => ({ amount: amountOf(input) }))),
    ).toBe(settled.captured_amount);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      captured_amount: settled.captured_amount,
      refunded_amount: settled.refunded_amount,
    });
  });
});

describe("concurrent authorizations on one collection", () => {
  it("gives exactly one of two full-amount sessions a payment when both are authorized at once", async () => {
    const card = slowCard("card");
    const paypal = slowCard("paypal");
    const { service, collection, sessions } = await collectionWithSessions(1000, [
      [card, 1000],
      [paypal, 1000],
    ]);
    const [cardSession, paypalSession] = sessions;

    const results = await Promise.allSettled([
      service.authorizePaymentSession(cardSession.id),
      service.authorizePaymentSession(paypalSession.id),
    ]);

    expect(fulfilled(results)).toHaveLength(1);
    expect(rejected(results)).toEqual([
      expect.objectContaining({ code: "collection_already_authorized" }),
    ]);
    expect(await service.listPayments({ payment_collection_id: collection.id })).toHaveLength(1);
    expect(
      card.callsTo("authorizePayment").length + paypal.callsTo("authorizePayment").length,
    ).toBe(1);
    expect(await service.retrievePaymentCollection(collection.id)).toMatchObject({
      status: "authorized",
      authorized_amount: 1000,
    });
  });

  it("never authorizes the collection for more than it is owed when a cancel fails while another session authorizes", async () => {
    const card = scriptedProvider({
      id: "card",
      cancel: async () => {
        await pause(10);
        throw retryableError("The provider timed out releasing the authorization.");
      },
    });
    const paypal = scriptedProvider({ id: "paypal" });
    const { service, collection, sessions } = await collectionWithSessions(1000, [
      [card, 1000],
      [paypal, 1000],
    ]);
    const [cardSession, paypalSession] = sessions;
    const cardPayment = await service.authorizePaymentSession(cardSession.id);

    const [cancel] = await Promise.allSettled([
      service.cancelPayment(cardPayment.id),
      service.authorizePaymentSession(paypalSession.id),
    ]);

    expect(cancel.status).toBe("rejected");
    const live = (await service.listPayments({ payment_collection_id: collection.id })).filter(
      (payment) => payment.canceled_at === null,
    );
    expect(sum(live)).toBeLessThanOrEqual(1000);
    const settled = await service.retrievePaymentCollection(collection.id);
    expect(settled.authorized_amount).toBeLessThanOrEqual(settled.amount);
  });

  it("creates one payment when one session is authorized many times at once", async () => {
    const card = slowCard();
    const { service, collection, session } = await sessionFor(card, 1000);

    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => service.authorizePaymentSession(session.id)),
    );

    const payments = fulfilled(results);
    expect(payments.length).toBeGreaterThan(0);
    expect(new Set(payments.map((payment) => payment.id)).size).toBe(1);
    expect(await service.listPayments({ payment_collection_id: collection.id })).toHaveLength(1);
    const keys = new Set(
      card.callsTo("authorizePayment").map(({ input }) => idempotencyKeyOf(input)),
    );
    // Every call that reached the provider is the same attempt: the provider charges at most once.
    expect(keys.size).toBe(1);
  });
});

function amountOf(input: unknown): number {
  const amount = typeof input === "object" && input !== null ? Reflect.get(input, "amount") : 0;
  return typeof amount === "number" ? amount : 0;
}
