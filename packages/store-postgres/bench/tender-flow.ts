import {
  createPaymentModuleService,
  type PaymentModuleService,
  type PaymentStore,
  type TenderEventName,
} from "@tender/core";
import { manual } from "@tender/provider-manual";
import { type StepTimer, type StepTimes, stepTimer } from "./measure";

/**
 * The benchmark's flow through Tender: collection -> session -> authorize ->
 * capture -> refund, manual provider. The service has one subscriber, to
 * `payment.captured` (a shop that ships on capture): that event is written to
 * the outbox, delivered and acknowledged in every flow. `listen: "*"`
 * subscribes to all five of the flow's events instead.
 */
export function tenderFlow(
  store: PaymentStore,
  options: { remote?: boolean; listen?: TenderEventName | "*" } = {},
): () => Promise<StepTimes> {
  const provider = manual();
  // `remote`: the same bookkeeping provider declared non-local, so every money step
  // goes through reserve -> call -> finalize as with Stripe (two commits instead of one).
  const providers = [
    options.remote
      ? { ...provider, capabilities: { ...provider.capabilities, local: false } }
      : provider,
  ];
  const service = createPaymentModuleService({ providers, store });
  service.on(options.listen ?? "payment.captured", () => undefined);
  return async () => {
    const timer = stepTimer();
    const collection = await timer.step("collection", () =>
      service.createPaymentCollections({ currency_code: "usd", amount: 5000 }),
    );
    await moneySteps(service, timer, collection.id);
    return timer.times;
  };
}

/** The flow's session and money steps on a collection: session -> authorize -> capture -> refund. */
export async function moneySteps(
  service: PaymentModuleService,
  timer: StepTimer,
  collectionId: string,
): Promise<void> {
  const session = await timer.step("session", () =>
    service.createPaymentSession(collectionId, {
      provider_id: "manual",
      currency_code: "usd",
      amount: 5000,
    }),
  );
  const payment = await timer.step("authorize", () => service.authorizePaymentSession(session.id));
  await timer.step("capture", () => service.capturePayment({ payment_id: payment.id }));
  await timer.step("refund", () => service.refundPayment({ payment_id: payment.id, amount: 1500 }));
}
