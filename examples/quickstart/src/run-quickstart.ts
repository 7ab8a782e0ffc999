import { type CollectionHandle, createTender, money, type PaymentHandle } from "@tender/client";
import { formatAmount, type PaymentStore } from "@tender/core";
import { manual } from "@tender/provider-manual";
import { match } from "ts-pattern";
import { oneStepProvider } from "./one-step-provider";

export interface QuickstartOptions {
  store?: PaymentStore;
  print?: (line: string) => void;
}

/**
 * The accept-payment flow end to end through the typed client: collection ->
 * session -> authorize -> capture 3000 -> capture the rest -> refund 1500,
 * then a session whose provider asks the customer for one more step.
 */
export async function runQuickstart(options: QuickstartOptions = {}): Promise<void> {
  const print = options.print ?? console.log;
  const tender = createTender({
    providers: [manual(), oneStepProvider()],
    ...(options.store ? { store: options.store } : {}),
  });
  const usd = (amount: number) => formatAmount(amount, "usd");
  type Totals = Pick<
    CollectionHandle<[]>,
    "status" | "amount" | "authorized" | "captured" | "refunded"
  >;
  const showCollection = (c: Totals) =>
    `collection ${c.status.padEnd(18)} owed ${usd(c.amount)}, authorized ${usd(c.authorized)}, captured ${usd(c.captured)}, refunded ${usd(c.refunded)}`;
  const showPayment = (p: PaymentHandle) =>
    `payment    ${p.status.padEnd(18)} ${usd(p.amount)}, captured ${usd(p.captured)}, refunded ${usd(p.refunded)}`;
  const step = (title: string) => print(`\n${title}`);

  print(
    `Tender quickstart: the accept-payment flow with the manual provider (${options.store?.name ?? "memory"} store)`,
  );

  step("1. Create a payment collection for $50.00");
  const checkout = await tender.collections.create({
    currency: "usd",
    amount: money("50.00", "usd"),
  });
  print(`   ${showCollection(checkout)}`);

  step("2. Create a payment session with the manual provider");
  const session = await checkout.sessions.create("manual");
  print(`   session    ${session.status} (${session.providerId}, ${usd(session.amount)})`);

  step("3. Authorize the session");
  const outcome = await session.authorize();
  if (outcome.status !== "authorized")
    throw new Error(`the manual provider answered ${outcome.status}`);
  let payment = outcome.payment;
  print(`   ${showPayment(payment)}`);
  print(`   ${showCollection(await checkout.refresh())}`);

  step("4. Capture $30.00, then the rest");
  payment = await payment.capture({ amount: 3000 });
  print(`   ${showPayment(payment)}`);
  payment = await payment.capture();
  print(`   ${showPayment(payment)}`);
  print(`   ${showCollection(await checkout.refresh())}`);

  step("5. Refund $15.00");
  payment = await payment.refund({ amount: 1500, note: "one item returned" });
  print(`   ${showPayment(payment)}`);
  print(`   ${showCollection(await checkout.refresh())}`);

  step("6. A provider that needs one more step from the customer (requires_more)");
  const second = await tender.collections.create({ currency: "usd", amount: 2500 });
  const challenged = await second.sessions.create("one-step");
  const first = await challenged.authorize();
  const next = await match(first)
    .with({ status: "requires_more" }, async ({ action, session: waiting, retry }) => {
      print(
        `   authorize answered requires_more; session is ${waiting.status}, next action: ${action.type} ${action.redirect_url}`,
      );
      print("   the customer completes the step...");
      await waiting.update({ challenge_passed: true });
      return retry();
    })
    .with({ status: "authorized" }, { status: "processing" }, { status: "failed" }, (other) => {
      throw new Error(`the one-step provider should have asked for more, not ${other.status}`);
    })
    .exhaustive();
  if (next.status !== "authorized") throw new Error(`after the step: ${next.status}`);
  print(`   authorized again: ${showPayment(next.payment)}`);
  print(`   ${showCollection(await second.refresh())}`);
  // Sends the last acknowledgements of delivered events and stops the outbox relay.
  await tender.service.close();
}
