import { createPaymentModuleService } from "@tender/core";
import { scriptedProvider } from "@tender/core/testing";
import type { PostgresStore } from "../src/index";

/**
 * Runs the accept-payment flow once (collection, session, authorize, capture,
 * refund) through the service and counts the SQL statements of each step.
 * Acknowledgements of delivered events are batched across steps (and flows):
 * here they are held to the end and counted as `acks`, one statement.
 */
export async function countFlowStatements(store: PostgresStore, options: { local?: boolean } = {}) {
  const provider = scriptedProvider({ capabilities: { local: options.local === true } });
  const service = createPaymentModuleService({
    providers: [provider],
    store,
    relay: { intervalMs: 3_600_000, ackDelayMs: 3_600_000 },
  });
  // A subscriber to every event, so that each is written to the outbox and acknowledged.
  service.on("*", () => undefined);
  store.resetStats();
  const steps: Record<string, number> = {};
  let before = 0;
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const result = await run();
    const now = store.stats().statements;
    steps[name] = now - before;
    before = now;
    return result;
  };
  const collection = await step("createPaymentCollections", () =>
    service.createPaymentCollections({ currency_code: "usd", amount: 5000 }),
  );
  const session = await step("createPaymentSession", () =>
    service.createPaymentSession(collection.id, {
      provider_id: "scripted",
      currency_code: "usd",
      amount: 5000,
    }),
  );
  const payment = await step("authorizePaymentSession", () =>
    service.authorizePaymentSession(session.id),
  );
  await step("capturePayment", () =>
    service.capturePayment({ payment_id: payment.id, amount: 3000 }),
  );
  const refunded = await step("refundPayment", () =>
    service.refundPayment({ payment_id: payment.id, amount: 1000 }),
  );
  const beforeAcks = store.stats().statements;
  await service.close();
  const acks = store.stats().statements - beforeAcks;
  return { total: store.stats().statements, steps, acks, refunded };
}
