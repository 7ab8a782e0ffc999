import { createPaymentModuleService, type PaymentModuleService, TenderError } from "@tender/core";
import { seededRandom } from "@tender/core/testing";
import { describe, expect, it } from "vitest";
import { stripe } from "../src/index";
import type { FakeFault, FaultMatch } from "../src/testing/index";
import { useFakeStripe, WEBHOOK_SECRET } from "./setup-stripe";

/**
 * Fault schedules: a payment's life (create, authorize, partial captures,
 * refunds, a cancel) against the fake Stripe while its requests are answered
 * by stored 500s (applied or not), 429s, lost answers and answers slower than
 * the client waits, chosen by a seeded schedule. After the reconcile sweep,
 * nothing is pending and the books equal Stripe's own records: what each
 * intent received, refunded and released, one Stripe refund per Tender refund.
 *
 * `TENDER_FAULT_SCHEDULES` sets how many (default 24; `pnpm test:soak` runs
 * 1,000), `TENDER_FAULT_SEED` the first seed. A failure names its seed:
 * `TENDER_FAULT_SEED=<seed> TENDER_FAULT_SCHEDULES=1` replays it.
 */
const fake = useFakeStripe();
const COUNT = Number(process.env.TENDER_FAULT_SCHEDULES ?? 24);
const FIRST_SEED = Number(process.env.TENDER_FAULT_SEED ?? 20261204);

const FAULTS: readonly FakeFault[] = [
  { type: "server_error" },
  { type: "server_error", applied: true },
  { type: "rate_limited", retryAfterSeconds: 0 },
  { type: "lost_response" },
  { type: "slow_response", delayMs: 400 },
];

const PATHS: Record<string, FaultMatch[]> = {
  create: [{ method: "POST", path: /^\/v1\/payment_intents$/ }],
  authorize: [
    { method: "POST", path: /\/confirm$/ },
    { method: "GET", path: /^\/v1\/payment_intents\/pi_\w+$/ },
  ],
  capture: [
    { method: "POST", path: /\/capture$/ },
    { method: "GET", path: /^\/v1\/payment_intents\/pi_\w+$/ },
  ],
  refund: [
    { method: "POST", path: /^\/v1\/refunds$/ },
    { method: "GET", path: /^\/v1\/refunds$/ },
  ],
  cancel: [
    { method: "POST", path: /\/cancel$/ },
    { method: "GET", path: /^\/v1\/payment_intents\/pi_\w+$/ },
  ],
};

type Op = "capture" | "refund" | "cancel";

async function runSchedule(seed: number): Promise<void> {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const maybeFault = (step: string) => {
    const paths = PATHS[step] ?? [];
    for (let i = 0; i < 2; i++) if (next() < 0.35) fake.failNext(pick(paths), pick(FAULTS));
  };
  fake.reset();
  const multicapture = next() < 0.5;
  const provider = stripe({
    apiKey: "sk_test_tender",
    webhookSecret: WEBHOOK_SECRET,
    multicapture,
    maxNetworkRetries: pick([0, 1]),
    timeoutMs: 200,
  });
  const service = createPaymentModuleService({ providers: [provider] });
  const amount = 1000 + Math.floor(next() * 9000);
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount });

  const attempt = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      // Every refusal and every unknown outcome is a TenderError with a code, never a crash.
      if (!TenderError.isInstance(error)) throw error;
    }
  };
  maybeFault("create");
  await attempt(() =>
    service.createPaymentSession(collection.id, {
      provider_id: "stripe",
      currency_code: "usd",
      amount,
      data: { payment_method: "pm_card_visa" },
    }),
  );
  await settle(service);
  const [session] = await service.listPaymentSessions({ payment_collection_id: collection.id });
  if (session) {
    maybeFault("authorize");
    await attempt(() => service.authorizePaymentSession(session.id));
    await settle(service);
    const payment = (await service.listPayments({ payment_collection_id: collection.id }))[0];
    if (payment) {
      const ops = Array.from({ length: 1 + Math.floor(next() * 4) }, () =>
        pick<Op>(["capture", "capture", "refund", "refund", "cancel"]),
      );
      for (const op of ops) {
        maybeFault(op);
        const part = Math.max(1, Math.floor(next() * amount * 0.6));
        await attempt(() =>
          op === "capture"
            ? service.capturePayment({
                payment_id: payment.id,
                ...(next() < 0.5 ? { amount: part } : {}),
              })
            : op === "refund"
              ? service.refundPayment({ payment_id: payment.id, amount: Math.min(part, 1500) })
              : service.cancelPayment(payment.id),
        );
      }
    }
  }
  await settle(service);
  await expectBooksEqualStripe(service, collection.id);
}

/** Runs the reconcile sweep until nothing is pending (faults left over may need a few rounds). */
async function settle(service: PaymentModuleService): Promise<void> {
  for (let round = 0; round < 12; round++) {
    await service.reconcile({ olderThan: 0 }).catch(() => undefined);
    if ((await pendingRows(service)).length === 0) return;
  }
}

async function pendingRows(service: PaymentModuleService): Promise<string[]> {
  const pending: string[] = [];
  for (const capture of await service.listCaptures({ status: "pending" }))
    pending.push(`capture ${capture.id}`);
  for (const refund of await service.listRefunds({ status: "pending" }))
    pending.push(`refund ${refund.id}`);
  for (const payment of await service.listPayments()) {
    if (payment.cancel_started_at !== null) pending.push(`cancel of ${payment.id}`);
  }
  for (const session of await service.listPaymentSessions()) {
    if (session.provider_call !== null) pending.push(`call on ${session.id}`);
    if (session.authorization_started_at !== null && session.payment_id === null)
      pending.push(`authorization of ${session.id}`);
  }
  return pending;
}

async function expectBooksEqualStripe(service: PaymentModuleService, collectionId: string) {
  expect(await pendingRows(service)).toEqual([]);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const sessions = await service.listPaymentSessions({ payment_collection_id: collectionId });
  const payments = await service.listPayments({ payment_collection_id: collectionId });
  for (const session of sessions) {
    const intent = fake.paymentIntents.get(String(session.data.id));
    if (!intent) throw new Error(`session ${session.id} has no intent at Stripe`);
    if (session.payment_id === null) {
      // No payment in the books: Stripe holds and took nothing for it.
      expect(intent.amount_received).toBe(0);
      expect(intent.status).not.toBe("requires_capture");
    }
  }
  // No intent holds or took money without a session in the books.
  const known = new Set(sessions.map((session) => String(session.data.id)));
  for (const intent of fake.paymentIntents.values()) {
    if (known.has(intent.id)) continue;
    expect(intent.amount_received).toBe(0);
    expect(intent.status).not.toBe("requires_capture");
  }
  for (const payment of payments) {
    const intent = fake.paymentIntents.get(String(payment.data.id));
    if (!intent) throw new Error(`payment ${payment.id} has no intent at Stripe`);
    const captures = await service.listCaptures({ payment_id: payment.id });
    const refunds = await service.listRefunds({ payment_id: payment.id });
    const stripeRefunds = [...fake.refunds.values()].filter((r) => r.payment_intent === intent.id);
    expect(payment.captured_amount).toBe(intent.amount_received);
    expect(sum(captures.filter((c) => c.status === "succeeded").map((c) => c.amount))).toBe(
      intent.amount_received,
    );
    const refundedAtStripe = stripeRefunds.filter((r) => r.status === "succeeded");
    expect(payment.refunded_amount).toBe(sum(refundedAtStripe.map((r) => r.amount)));
    // One Stripe refund per Tender refund, matched by the id it carries.
    expect(refundedAtStripe.map((r) => r.metadata.tender_refund_id).sort()).toEqual(
      refunds
        .filter((r) => r.status === "succeeded")
        .map((r) => r.id)
        .sort(),
    );
    expect(payment.status === "canceled").toBe(intent.status === "canceled");
    if (intent.status === "requires_capture") {
      expect(payment.captured_amount + payment.released_amount).toBeLessThan(payment.amount);
    }
  }
}

describe("Stripe fault schedules", () => {
  it(`keeps the books equal to Stripe's across ${COUNT} seeded schedules`, async () => {
    for (let i = 0; i < COUNT; i++) {
      const seed = FIRST_SEED + i;
      try {
        await runSchedule(seed);
      } catch (error) {
        throw new Error(
          `fault schedule failed; replay with TENDER_FAULT_SEED=${seed} TENDER_FAULT_SCHEDULES=1: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
    }
  }, 600_000);
});
