import { type PaymentModuleService, TenderError } from "@tender/core";
import { seededRandom } from "@tender/core/testing";
import { describe, expect, it } from "vitest";
import { openSession, stripeService, useFakeStripe } from "./setup-stripe";

/*
 * Webhook chaos: the same seeded payments run twice against the fake Stripe.
 * Once with every event delivered in order after each step; once with events
 * shuffled, each delivered one to three times, at random moments and
 * concurrently with the next direct call (the customer's browser racing the
 * webhooks). A second suite does the same with SEPA debits, which stay
 * `processing` until the bank settles or fails them, and whose refunds are
 * pending until the bank settles those too. Both runs must end in the same books, and the books must equal
 * Stripe's own records. `TENDER_CHAOS_COUNT` sets how many seeds (default 12;
 * `pnpm test:soak` runs 1,000), `TENDER_CHAOS_SEED` the first one; a failure
 * names its seed: `TENDER_CHAOS_SEED=<seed> TENDER_CHAOS_COUNT=1` replays it.
 */
const COUNT = Number(process.env.TENDER_CHAOS_COUNT ?? 12);
const FIRST_SEED = Number(process.env.TENDER_CHAOS_SEED ?? 20261205);
const FLOWS = 4;

const fake = useFakeStripe();

type Random = () => number;
type Mode = "in order" | "chaos";

/** What a payment flow does, chosen by the seed; the same in both runs. */
type Plan =
  | { kind: "card"; capture: number; refund: number }
  | { kind: "3ds passed"; refund: number }
  | { kind: "3ds failed, then another card"; capture: number }
  | { kind: "declined" };

function planOf(next: Random): Plan {
  const amount = () => 500 + Math.floor(next() * 4000);
  const roll = next();
  if (roll < 0.35) return { kind: "card", capture: amount(), refund: Math.floor(next() * 400) };
  if (roll < 0.6) return { kind: "3ds passed", refund: Math.floor(next() * 400) };
  if (roll < 0.85) return { kind: "3ds failed, then another card", capture: amount() };
  return { kind: "declined" };
}

/** A run's moments of delivery: in order after each step, or shuffled, repeated and racing. */
function deliveries(service: PaymentModuleService, mode: Mode, next: Random) {
  const send = (event: unknown) => {
    const rawBody = JSON.stringify(event);
    return service.handleWebhook("stripe", {
      headers: { "stripe-signature": fake.signPayload(rawBody) },
      rawBody,
    });
  };
  /** What a webhook endpoint does: a retryable refusal is a non-2xx, so Stripe sends it again later. */
  const owed = new Set<unknown>();
  const deliver = async (event: unknown) => {
    try {
      await send(event);
      owed.delete(event);
    } catch (error) {
      if (!TenderError.isInstance(error) || !error.retryable) throw error;
      owed.add(event);
    }
  };
  let sent = 0;
  return {
    /** Runs one step of the flow, with the events Stripe has sent so far delivered around it. */
    async around<T>(step: () => Promise<T>): Promise<T> {
      if (mode === "in order") {
        const result = await step();
        for (const event of fake.events.slice(sent)) await deliver(event);
        sent = fake.events.length;
        return result;
      }
      const batch = fake.events.slice(0, fake.events.length).filter(() => next() < 0.7);
      const copies = batch.flatMap((event) =>
        Array.from({ length: 1 + Math.floor(next() * 3) }, () => event),
      );
      const shuffled = copies
        .map((event) => ({ event, order: next() }))
        .sort((a, b) => a.order - b.order)
        .map(({ event }) => event);
      const all = () => Promise.all(shuffled.map((event) => deliver(event)));
      // Before the step (events that were slow), or racing it (the browser and Stripe at once).
      if (next() < 0.5) {
        await all();
        return step();
      }
      const [result] = await Promise.all([step(), all()]);
      return result;
    },
    /** In the end every event arrives, in some order, until the endpoint takes them all. */
    async drain(): Promise<void> {
      const all =
        mode === "in order"
          ? fake.events.slice(sent)
          : [...fake.events].sort(() => (next() < 0.5 ? -1 : 1));
      for (const event of all) await deliver(event);
      for (let round = 0; owed.size > 0 && round < 5; round++) {
        for (const event of [...owed]) await deliver(event);
      }
      expect([...owed], "events the endpoint never took").toEqual([]);
    },
  };
}

/** A direct call an application retries while it meets a call in flight (a webhook, say). */
async function retried<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (
        attempt >= 5 ||
        !TenderError.isInstance(error) ||
        error.code !== "operation_in_progress"
      ) {
        throw error;
      }
    }
  }
}

async function runFlow(
  service: PaymentModuleService,
  plan: Plan,
  around: <T>(step: () => Promise<T>) => Promise<T>,
): Promise<void> {
  const card =
    plan.kind === "card"
      ? "pm_card_visa"
      : plan.kind === "declined"
        ? "pm_card_chargeDeclined"
        : "pm_card_threeDSecure2Required";
  const { session } = await around(() => openSession(service, { payment_method: card }));
  const intentId = String(session.data.id);
  const authorize = () =>
    around(() => retried(() => service.authorizePaymentSession(session.id))).catch(
      (error: unknown) => {
        if (TenderError.isInstance(error)) return error;
        throw error;
      },
    );
  const first = await authorize();
  if (plan.kind === "declined") {
    expect(first).toMatchObject({ code: "payment_authorization_failed" });
    return;
  }
  if (plan.kind === "3ds passed") {
    expect(first).toMatchObject({ code: "payment_requires_more" });
    // The customer passes 3DS in the browser; the page then asks the server to authorize again.
    fake.completeThreeDS(intentId);
  }
  if (plan.kind === "3ds failed, then another card") {
    expect(first).toMatchObject({ code: "payment_requires_more" });
    fake.failThreeDS(intentId);
    await around(() =>
      retried(() =>
        service.updatePaymentSession({ id: session.id, data: { payment_method: "pm_card_visa" } }),
      ),
    );
  }
  const paid = plan.kind === "card" ? first : await authorize();
  if (TenderError.isInstance(paid)) throw paid;
  const capture = plan.kind === "3ds passed" ? undefined : plan.capture;
  await around(() =>
    retried(() =>
      service.capturePayment({ payment_id: paid.id, ...(capture ? { amount: capture } : {}) }),
    ),
  );
  const refund = "refund" in plan ? plan.refund : 0;
  if (refund > 0) {
    await around(() =>
      retried(() => service.refundPayment({ payment_id: paid.id, amount: refund })),
    );
  }
}

/** The books, by flow (ids differ between runs): what a user reads back. */
async function books(service: PaymentModuleService) {
  const collections = await service.listPaymentCollections();
  const rows = [];
  for (const collection of collections) {
    const sessions = await service.listPaymentSessions({ payment_collection_id: collection.id });
    const payments = await service.listPayments({ payment_collection_id: collection.id });
    const details = [];
    for (const payment of payments) {
      const captures = await service.listCaptures({ payment_id: payment.id });
      const refunds = await service.listRefunds({ payment_id: payment.id });
      details.push({
        status: payment.status,
        amount: payment.amount,
        captured: payment.captured_amount,
        refunded: payment.refunded_amount,
        released: payment.released_amount,
        captures: captures.map((c) => [c.amount, c.status]).sort(),
        refunds: refunds.map((r) => [r.amount, r.status]).sort(),
      });
    }
    rows.push({
      collection: [
        collection.status,
        collection.authorized_amount,
        collection.captured_amount,
        collection.refunded_amount,
      ],
      sessions: sessions.map((s) => [s.status, s.raw_status, s.error?.code ?? null]),
      payments: details,
    });
  }
  return rows;
}

/** The books against the fake's records: each payment's money is what its intent says. */
async function expectBooksEqualStripe(service: PaymentModuleService): Promise<void> {
  for (const payment of await service.listPayments()) {
    const intent = fake.paymentIntents.get(String(payment.data.id));
    expect(intent, `intent of ${payment.id}`).toBeDefined();
    expect(payment.captured_amount).toBe(intent?.amount_received);
    const refunded = [...fake.refunds.values()]
      .filter((refund) => refund.payment_intent === intent?.id && refund.status === "succeeded")
      .reduce((sum, refund) => sum + refund.amount, 0);
    expect(payment.refunded_amount).toBe(refunded);
  }
  expect(await service.listCaptures({ status: "pending" })).toEqual([]);
  expect(await service.listRefunds({ status: "pending" })).toEqual([]);
}

async function run(seed: number, mode: Mode) {
  fake.reset();
  const draw = seededRandom(seed);
  const plans = Array.from({ length: FLOWS }, () => planOf(draw));
  const { service } = stripeService({ maxNetworkRetries: 0 });
  const moments = deliveries(service, mode, seededRandom(seed * 7 + 1));
  for (const plan of plans) await runFlow(service, plan, moments.around);
  await moments.drain();
  await expectBooksEqualStripe(service);
  return { plans, books: await books(service) };
}

/** A SEPA debit's flow: `processing` until the bank settles it, then paid (and refunded in part) or failed. */
type SepaPlan = { kind: "sepa settles"; refund: number } | { kind: "sepa fails" };

function sepaPlanOf(next: Random): SepaPlan {
  return next() < 0.65
    ? { kind: "sepa settles", refund: 100 + Math.floor(next() * 1500) }
    : { kind: "sepa fails" };
}

async function runSepaFlow(
  service: PaymentModuleService,
  plan: SepaPlan,
  around: <T>(step: () => Promise<T>) => Promise<T>,
): Promise<void> {
  const { session } = await around(() =>
    openSession(service, { payment_method: "pm_sepa_debit" }, 5000, "eur"),
  );
  const intentId = String(session.data.id);
  const authorize = () =>
    around(() => retried(() => service.authorizePaymentSession(session.id))).catch(
      (error: unknown) => {
        if (TenderError.isInstance(error)) return error;
        throw error;
      },
    );
  expect(await authorize()).toMatchObject({ code: "payment_processing" });
  // Days later the bank settles the debit; Stripe tells the server by webhook.
  fake.settleProcessing(intentId, plan.kind === "sepa settles" ? "succeeded" : "failed");
  if (plan.kind === "sepa fails") {
    // The customer's page asks again: the debit failed, whichever news came first.
    expect(await authorize()).toMatchObject({ code: "payment_authorization_failed" });
    return;
  }
  const paid = await authorize();
  if (TenderError.isInstance(paid)) throw paid;
  await around(() =>
    retried(() => service.refundPayment({ payment_id: paid.id, amount: plan.refund })),
  );
}

async function runSepa(seed: number, mode: Mode) {
  fake.reset();
  const draw = seededRandom(seed);
  const plans = Array.from({ length: FLOWS }, () => sepaPlanOf(draw));
  const { service } = stripeService({
    maxNetworkRetries: 0,
    capture: "automatic",
    paymentMethodTypes: ["sepa_debit"],
  });
  const moments = deliveries(service, mode, seededRandom(seed * 7 + 1));
  for (const plan of plans) await runSepaFlow(service, plan, moments.around);
  // SEPA refunds are pending until the bank settles them too.
  for (const refund of fake.refunds.values()) {
    if (refund.status === "pending") fake.settleRefund(refund.id, "succeeded");
  }
  await moments.drain();
  // A refund Stripe settled is booked from a refund event; none is left pending once all arrived.
  await expectBooksEqualStripe(service);
  return { plans, books: await books(service) };
}

describe("webhook chaos against the fake Stripe", () => {
  it(`ends in the same books for SEPA debits settling late, whatever the events do (${COUNT} seeds)`, async () => {
    for (let seed = FIRST_SEED; seed < FIRST_SEED + COUNT; seed++) {
      const replay = `replay: TENDER_CHAOS_SEED=${seed} TENDER_CHAOS_COUNT=1`;
      const ordered = await runSepa(seed, "in order").catch((error: unknown) => {
        throw new Error(`SEPA in order, ${replay}: ${String(error)}`, { cause: error });
      });
      const chaos = await runSepa(seed, "chaos").catch((error: unknown) => {
        throw new Error(`SEPA chaos, ${replay}: ${String(error)}`, { cause: error });
      });
      expect(chaos.books, `${replay} (${ordered.plans.map((p) => p.kind).join(", ")})`).toEqual(
        ordered.books,
      );
    }
  }, 600_000);

  it(`ends in the same books whatever the events' order, repeats and races (${COUNT} seeds)`, async () => {
    for (let seed = FIRST_SEED; seed < FIRST_SEED + COUNT; seed++) {
      const replay = `replay: TENDER_CHAOS_SEED=${seed} TENDER_CHAOS_COUNT=1`;
      const ordered = await run(seed, "in order").catch((error: unknown) => {
        throw new Error(`in order, ${replay}: ${String(error)}`, { cause: error });
      });
      const chaos = await run(seed, "chaos").catch((error: unknown) => {
        throw new Error(`chaos, ${replay}: ${String(error)}`, { cause: error });
      });
      expect(chaos.books, `${replay} (${ordered.plans.map((p) => p.kind).join(", ")})`).toEqual(
        ordered.books,
      );
    }
  }, 600_000);
});
