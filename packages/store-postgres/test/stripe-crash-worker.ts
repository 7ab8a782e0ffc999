/**
 * One process of the Stripe crash test (stripe-crash.test.ts), over a shared
 * schema on PostgreSQL and a fake Stripe served over HTTP by the test
 * process, in one of two modes:
 *
 * - `flows`: runs seeded payment flows (create, authorize, partial captures,
 *   refunds, cancels) until the test SIGKILLs it, at a moment the fake picks:
 *   as a money-moving request arrives, or once the fake applied it and
 *   before its answer is back.
 * - `reconcile`: a new process that runs the reconcile sweep until nothing is
 *   pending, then exits.
 */
import { createPaymentModuleService, TenderError } from "@tender/core";
import { seededRandom } from "@tender/core/testing";
import { stripe } from "@tender/provider-stripe";
import { postgresStore } from "../src/index";

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`stripe-crash-worker needs ${name}.`);
  return value;
}

const store = postgresStore({
  connectionString: setting("CRASH_DATABASE_URL"),
  schema: setting("CRASH_SCHEMA"),
  poolSize: 2,
});
const provider = stripe({
  apiKey: "sk_test_crash",
  webhookSecret: "whsec_crash",
  apiBase: setting("CRASH_STRIPE_URL"),
  multicapture: process.env.CRASH_MULTICAPTURE === "1",
  maxNetworkRetries: 1,
});
const service = createPaymentModuleService({ providers: [provider], store, relay: false });

async function attempt(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!TenderError.isInstance(error)) throw error;
  }
}

async function flows(seed: number): Promise<void> {
  const next = seededRandom(seed);
  for (let flow = 0; flow < 200; flow++) {
    const amount = 1000 + Math.floor(next() * 9000);
    const collection = await service.createPaymentCollections({ currency_code: "usd", amount });
    let sessionId: string | undefined;
    await attempt(async () => {
      const session = await service.createPaymentSession(collection.id, {
        provider_id: "stripe",
        currency_code: "usd",
        amount,
        data: { payment_method: "pm_card_visa" },
      });
      sessionId = session.id;
    });
    if (!sessionId) continue;
    let paymentId: string | undefined;
    await attempt(async () => {
      paymentId = (await service.authorizePaymentSession(sessionId ?? "")).id;
    });
    if (!paymentId) continue;
    const steps = 1 + Math.floor(next() * 3);
    for (let step = 0; step < steps; step++) {
      const roll = next();
      const part = Math.max(1, Math.floor(next() * amount * 0.5));
      const id = paymentId;
      await attempt(() =>
        roll < 0.5
          ? service.capturePayment({ payment_id: id, ...(next() < 0.5 ? { amount: part } : {}) })
          : roll < 0.85
            ? service.refundPayment({ payment_id: id, amount: Math.min(part, 1000) })
            : service.cancelPayment(id),
      );
    }
  }
}

async function reconcile(): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const result = await service.reconcile({ olderThan: 0 });
    const left =
      (await service.listCaptures({ status: "pending" })).length +
      (await service.listRefunds({ status: "pending" })).length +
      (await service.listPayments()).filter((p) => p.cancel_started_at !== null).length +
      (await service.listPaymentSessions()).filter(
        (s) => s.provider_call !== null || (s.authorization_started_at !== null && !s.payment_id),
      ).length;
    if (left === 0) return;
    if (round === 19) {
      const detail = {
        captures: await service.listCaptures({ status: "pending" }),
        refunds: await service.listRefunds({ status: "pending" }),
        cancels: (await service.listPayments()).filter((p) => p.cancel_started_at !== null),
        sessions: (await service.listPaymentSessions()).filter(
          (s) => s.provider_call !== null || (s.authorization_started_at !== null && !s.payment_id),
        ),
      };
      // Why each one is still pending, as reconcile sees it.
      const why = await Promise.all(
        [
          ...detail.captures,
          ...detail.refunds,
          ...detail.cancels.map((p) => ({ payment_id: p.id })),
        ].map((row) =>
          service
            .reconcilePayment(row.payment_id)
            .then(() => "settled")
            .catch(
              (error: unknown) =>
                `${String(error)}; cause: ${String((error as { cause?: unknown }).cause)}`,
            ),
        ),
      );
      throw new Error(
        `still pending after 20 sweeps: ${JSON.stringify({ result, detail, why }, null, 1)}`,
      );
    }
  }
}

const mode = setting("CRASH_MODE");
if (mode === "flows") await flows(Number(setting("CRASH_SEED")));
else await reconcile();
await service.close();
await store.close();
