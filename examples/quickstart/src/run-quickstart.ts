import {
  createPaymentModuleService,
  formatAmount,
  type Payment,
  type PaymentCollection,
  type PaymentStore,
  TenderError,
} from "@tender/core";
import { manual } from "@tender/provider-manual";
import { oneStepProvider } from "./one-step-provider";

export interface QuickstartOptions {
  store?: PaymentStore;
  print?: (line: string) => void;
}

/**
 * The accept-payment flow end to end: collection -> session -> authorize ->
 * capture 3000 -> capture the rest -> refund 1500, then a session whose
 * provider asks the customer for one more step before it authorizes.
 */
export async function runQuickstart(options: QuickstartOptions = {}): Promise<void> {
  const print = options.print ?? console.log;
  const service = createPaymentModuleService({
    providers: [manual(), oneStepProvider()],
    ...(options.store ? { store: options.store } : {}),
  });
  const money = (amount: number) => formatAmount(amount, "usd");
  const showCollection = (c: PaymentCollection) =>
    `collection ${c.status.padEnd(18)} owed ${money(c.amount)}, authorized ${money(c.authorized_amount)}, captured ${money(c.captured_amount)}, refunded ${money(c.refunded_amount)}`;
  const showPayment = (p: Payment) =>
    `payment    ${p.status.padEnd(18)} ${money(p.amount)}, captured ${money(p.captured_amount)}, refunded ${money(p.refunded_amount)}`;
  const step = (title: string) => print(`\n${title}`);

  print("Tender quickstart: the accept-payment flow with the manual provider (in-memory store)");

  step("1. Create a payment collection for $50.00");
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount: 5000 });
  print(`   ${showCollection(collection)}`);

  step("2. Create a payment session with the manual provider");
  const session = await service.createPaymentSession(collection.id, {
    provider_id: "manual",
    currency_code: "usd",
    amount: 5000,
  });
  print(`   session    ${session.status} (${session.provider_id}, ${money(session.amount)})`);

  step("3. Authorize the session");
  let payment = await service.authorizePaymentSession(session.id);
  print(`   ${showPayment(payment)}`);
  print(`   ${showCollection(await service.retrievePaymentCollection(collection.id))}`);

  step("4. Capture $30.00, then the rest");
  payment = await service.capturePayment({ payment_id: payment.id, amount: 3000 });
  print(`   ${showPayment(payment)}`);
  payment = await service.capturePayment({ payment_id: payment.id });
  print(`   ${showPayment(payment)}`);
  print(`   ${showCollection(await service.retrievePaymentCollection(collection.id))}`);

  step("5. Refund $15.00");
  payment = await service.refundPayment({
    payment_id: payment.id,
    amount: 1500,
    note: "one item returned",
  });
  print(`   ${showPayment(payment)}`);
  print(`   ${showCollection(await service.retrievePaymentCollection(collection.id))}`);

  step("6. A provider that needs one more step from the customer (requires_more)");
  const second = await service.createPaymentCollections({ currency_code: "usd", amount: 2500 });
  const challenged = await service.createPaymentSession(second.id, {
    provider_id: "one-step",
    currency_code: "usd",
    amount: 2500,
  });
  try {
    await service.authorizePaymentSession(challenged.id);
    throw new Error("the one-step provider should have asked for more");
  } catch (error) {
    if (!TenderError.isInstance(error) || error.code !== "payment_requires_more") throw error;
    const [updated] = await service.listPaymentSessions({ id: [challenged.id] });
    print(
      `   authorize threw ${error.code}; session is ${updated?.status}, next action: ${updated?.next_action?.type} ${updated?.next_action?.redirect_url}`,
    );
  }
  print("   the customer completes the step...");
  await service.updatePaymentSession({ id: challenged.id, data: { challenge_passed: true } });
  const afterChallenge = await service.authorizePaymentSession(challenged.id);
  print(`   authorized again: ${showPayment(afterChallenge)}`);
  print(`   ${showCollection(await service.retrievePaymentCollection(second.id))}`);
}
