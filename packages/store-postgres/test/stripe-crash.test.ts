import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createPaymentModuleService, type PaymentModuleService } from "@tender/core";
import { seededRandom } from "@tender/core/testing";
import { stripe } from "@tender/provider-stripe";
import {
  createFakeStripe,
  type HttpFakeRequest,
  type HttpFakeStripe,
  serveOverHttp,
} from "@tender/provider-stripe/testing";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresStore } from "../src/index";
import { postgresTarget } from "./postgres-target";
import { runWorker } from "./run-worker";
import { uniqueSchema } from "./unique-schema";

/**
 * Processes killed with SIGKILL while they move money through Stripe: worker
 * processes run seeded flows over one schema on PostgreSQL against a fake
 * Stripe served over HTTP by this process, and each is killed at a seeded
 * money-moving request, either as it arrives at Stripe or once Stripe applied
 * it and before its answer is back. Then a new process runs the reconcile
 * sweep; nothing is left pending, and the books equal the fake's records.
 *
 * A third of the kills land a seeded 0-40 ms after such a request was
 * answered instead, wherever the worker is then (committing, writing its
 * outbox, between calls).
 *
 * `TENDER_CRASH_SEED` picks the first seed (a failure names it);
 * `TENDER_CRASH_KILLS` the number of workers killed (12 unless set; the soak
 * run kills 1,000).
 */
const target = await postgresTarget();
const FIRST_SEED = Number(process.env.TENDER_CRASH_SEED ?? 9001);
const KILLS = Number(process.env.TENDER_CRASH_KILLS ?? 12);
const MONEY = /\/(confirm|capture|cancel)$|^\/v1\/refunds$|^\/v1\/payment_intents$/;

describe.skipIf(target.skip)("Stripe payments across SIGKILLs, on PostgreSQL", () => {
  const fake = createFakeStripe({ webhookSecret: "whsec_crash" });
  const schema = uniqueSchema("stripecrash");
  let served: HttpFakeStripe | undefined;
  let hook: { at: KillPoint; countdown: number; delayMs: number; kill: () => void } | undefined;
  const moment = (at: "arrival" | "applied") => (request: HttpFakeRequest) => {
    if (!hook || request.method !== "POST" || !MONEY.test(request.path)) return;
    if (hook.at !== at && !(hook.at === "later" && at === "applied")) return;
    hook.countdown -= 1;
    if (hook.countdown !== 0) return;
    if (hook.at === "later") setTimeout(hook.kill, hook.delayMs);
    else hook.kill();
  };

  beforeAll(async () => {
    if (!target.available) throw new Error(target.message);
    served = await serveOverHttp(fake, {
      onArrival: moment("arrival"),
      onApplied: moment("applied"),
    });
    await postgresStore({ connectionString: target.url, schema }).migrate();
  });
  afterAll(async () => {
    await served?.close();
    const admin = new Pool({ connectionString: target.url, max: 1 });
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it(
    `books what Stripe did after ${KILLS} workers are killed mid-payment, once reconciled`,
    async () => {
      if (!served) throw new Error(target.message);
      const env = {
        CRASH_DATABASE_URL: target.url,
        CRASH_SCHEMA: schema,
        CRASH_STRIPE_URL: served.url,
        CRASH_MULTICAPTURE: "1",
      };
      for (let kill = 0; kill < KILLS; kill++) {
        const seed = FIRST_SEED + kill;
        const next = seededRandom(seed);
        const exit = await killedWorker(
          {
            ...env,
            CRASH_MODE: "flows",
            CRASH_SEED: String(seed),
          },
          (killNow) => {
            const roll = next();
            hook = {
              at: roll < 1 / 3 ? "arrival" : roll < 2 / 3 ? "applied" : "later",
              countdown: 3 + Math.floor(next() * 12),
              delayMs: Math.floor(next() * 40),
              kill: killNow,
            };
          },
        );
        hook = undefined;
        expect(exit.signal, `worker with seed ${seed}: ${exit.stderr}`).toBe("SIGKILL");
      }
      const restart = await runWorker(
        "stripe-crash-worker.ts",
        { ...env, CRASH_MODE: "reconcile" },
        180_000,
      );
      expect(restart.code, restart.stderr).toBe(0);

      const store = postgresStore({ connectionString: target.url, schema });
      const service = createPaymentModuleService({
        providers: [
          stripe({
            apiKey: "sk_test_crash",
            webhookSecret: "whsec_crash",
            apiBase: served.url,
            multicapture: true,
          }),
        ],
        store,
        relay: false,
      });
      try {
        await expectBooksEqualStripe(service, fake);
      } finally {
        await store.close();
      }
    },
    600_000 + KILLS * 30_000,
  );
});

/** Where a worker is killed: as a money request arrives, once applied, or a moment after its answer. */
type KillPoint = "arrival" | "applied" | "later";

/** Starts a flows worker and resolves once it died; `arm` gets the function that kills it. */
function killedWorker(
  env: Record<string, string>,
  arm: (killNow: () => void) => void,
): Promise<{ signal: string | null; stderr: string }> {
  const script = fileURLToPath(new URL("./stripe-crash-worker.ts", import.meta.url));
  const child = spawn(
    process.execPath,
    ["--conditions=@tender/source", "--import", "tsx", script],
    {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  arm(() => child.kill("SIGKILL"));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the worker was never killed by the fake (ran 180 s).\n${stderr}`));
    }, 180_000);
    child.on("error", reject);
    child.on("close", (_code, signal) => {
      clearTimeout(timer);
      resolve({ signal, stderr });
    });
  });
}

async function expectBooksEqualStripe(
  service: PaymentModuleService,
  fake: ReturnType<typeof createFakeStripe>,
) {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  expect((await service.listCaptures({ status: "pending" })).map((c) => c.id)).toEqual([]);
  expect((await service.listRefunds({ status: "pending" })).map((r) => r.id)).toEqual([]);
  const payments = await service.listPayments();
  expect(payments.filter((p) => p.cancel_started_at !== null).map((p) => p.id)).toEqual([]);
  const sessions = await service.listPaymentSessions();
  expect(
    sessions
      .filter(
        (s) => s.provider_call !== null || (s.authorization_started_at !== null && !s.payment_id),
      )
      .map((s) => s.id),
  ).toEqual([]);
  expect(payments.length).toBeGreaterThan(0);
  const booked = new Set(payments.map((payment) => String(payment.data.id)));
  // No intent holds or took money without a payment in the books.
  for (const intent of fake.paymentIntents.values()) {
    if (booked.has(intent.id)) continue;
    expect(intent.amount_received, intent.id).toBe(0);
    expect(intent.status, intent.id).not.toBe("requires_capture");
  }
  for (const payment of payments) {
    const intent = fake.paymentIntents.get(String(payment.data.id));
    if (!intent) throw new Error(`payment ${payment.id} has no intent at Stripe`);
    const captures = await service.listCaptures({ payment_id: payment.id, status: "succeeded" });
    const refunds = await service.listRefunds({ payment_id: payment.id, status: "succeeded" });
    const refundedAtStripe = [...fake.refunds.values()].filter(
      (r) => r.payment_intent === intent.id && r.status === "succeeded",
    );
    expect(payment.captured_amount, payment.id).toBe(intent.amount_received);
    expect(sum(captures.map((c) => c.amount)), payment.id).toBe(intent.amount_received);
    expect(payment.refunded_amount, payment.id).toBe(sum(refundedAtStripe.map((r) => r.amount)));
    expect(refundedAtStripe.map((r) => r.metadata.tender_refund_id).sort()).toEqual(
      refunds.map((r) => r.id).sort(),
    );
    expect(payment.status === "canceled", payment.id).toBe(intent.status === "canceled");
  }
}
