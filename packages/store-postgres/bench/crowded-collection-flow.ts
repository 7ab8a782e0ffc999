import {
  createPaymentModuleService,
  generateId,
  type PaymentSession,
  type PaymentStore,
} from "@tender/core";
import { manual } from "@tender/provider-manual";
import { sessionRecord } from "@tender/testkit";
import { type StepTimes, stepTimer } from "./measure";
import { moneySteps } from "./tender-flow";

/** Flows per crowded collection: each leaves a payment behind, and the question is sessions. */
const FLOWS_PER_COLLECTION = 10;

/**
 * The flow's session and money steps (session -> authorize -> capture ->
 * refund, manual provider) on collections that already hold `idle` pending
 * sessions (abandoned checkouts), each flow on the next collection: one
 * collection is seeded for every 10 of the `flows` that will run (warm-up
 * included), so each ends with at most 10 payments whatever `idle` is. The
 * idle sessions are written straight into the store: seeding them through
 * the service would take longer than the measurement.
 */
export async function crowdedCollectionFlow(
  store: PaymentStore,
  options: { idle: number; flows: number },
): Promise<() => Promise<StepTimes>> {
  const service = createPaymentModuleService({ providers: [manual()], store });
  const ids: string[] = [];
  for (let i = 0; i < Math.ceil(options.flows / FLOWS_PER_COLLECTION); i++) {
    const collection = await service.createPaymentCollections({
      currency_code: "usd",
      amount: 1_000_000_000,
    });
    await store.transaction(async (tx) => {
      for (let s = 0; s < options.idle; s++) {
        await tx.insert("payment_sessions", idleSession(collection.id));
      }
    });
    ids.push(collection.id);
  }
  let next = 0;
  return async () => {
    const collectionId = ids[next++ % ids.length] ?? "";
    const timer = stepTimer();
    await moneySteps(service, timer, collectionId);
    return timer.times;
  };
}

function idleSession(collectionId: string): PaymentSession {
  const now = new Date();
  return sessionRecord(generateId("payses"), collectionId, {
    created_at: now,
    updated_at: now,
    provider_id: "manual",
    amount: 5000,
    raw_status: "pending",
  });
}
