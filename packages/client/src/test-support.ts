/**
 * Setup shared by the client's hostile-input tests: a tender with records at
 * every stage, and the means to prove a refused call changed nothing and
 * reached no provider. Imported only by test files; not in the package.
 */
import { memoryStore } from "@tender/core";
import { scriptedProvider } from "@tender/core/testing";
import { manual } from "@tender/provider-manual";
import { createTender } from "./index";

/** A provider that records each method the service calls on it, in `calls`. */
export function recording<TProvider extends object>(
  provider: TProvider,
  calls: string[],
): TProvider {
  return new Proxy(provider, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        calls.push(String(key));
        return Reflect.apply(value, target, args);
      };
    },
  });
}

const services: Array<{ close(): Promise<void> }> = [];

/** Stops the relays of the tenders `setup` made; run it after each test. */
export async function closeTenders(): Promise<void> {
  await Promise.all(services.splice(0).map((service) => service.close()));
}

/**
 * A tender with something at every stage: a payment captured in part and
 * refunded in part (`paid`), one authorized and not captured (`held`), a
 * pending session, a session waiting for the customer (`waiting`) and a
 * collection with no session yet (`empty`).
 */
export async function setup() {
  const calls: string[] = [];
  const events: string[] = [];
  const bank = scriptedProvider({
    id: "bank",
    authorize: (input) => ({
      status: "requires_more",
      data: input.data,
      next_action: { type: "redirect_to_url", redirect_url: "https://bank.example/3ds" },
    }),
  });
  const tender = createTender({
    providers: [recording(manual(), calls), recording(bank, calls)],
    store: memoryStore(),
    onEvent: (event) => events.push(event.name),
  });
  services.push(tender.service);

  const authorized = async (amount: number) => {
    const collection = await tender.collections.create({ currency: "usd", amount });
    const outcome = await (await collection.sessions.create("manual")).authorize();
    if (outcome.status !== "authorized")
      throw new Error(`expected authorized, got ${outcome.status}`);
    return outcome.payment;
  };
  const captured = await (await authorized(5000)).capture({ amount: 3000 });
  const paid = await captured.refund({ amount: 1000 });
  const held = await authorized(2000);

  const open = await tender.collections.create({ currency: "usd", amount: 4000 });
  const pending = await open.sessions.create("manual", {}, { amount: 1000 });
  const waitingOn = await tender.collections.create({ currency: "usd", amount: 900 });
  const waiting = await (await waitingOn.sessions.create("bank", {})).authorize();
  if (waiting.status !== "requires_more") throw new Error("expected requires_more");
  const empty = await tender.collections.create({ currency: "usd", amount: 3000 });

  await tender.service.relay?.drain();
  calls.length = 0;
  return { tender, calls, events, paid, held, open, pending, waiting, empty };
}

export type Fixture = Awaited<ReturnType<typeof setup>>;
export type Books = Awaited<ReturnType<typeof books>>;

/** Everything a caller can read, to prove a refused call changed nothing. */
export async function books({ tender, events }: Fixture) {
  await tender.service.relay?.drain();
  const { service } = tender;
  return {
    collections: await service.listPaymentCollections(),
    sessions: await service.listPaymentSessions(),
    payments: await service.listPayments(),
    captures: await service.listCaptures(),
    refunds: await service.listRefunds(),
    reasons: await service.listRefundReasons(),
    events: [...events],
  };
}

/** What moved, per payment: captured, refunded, released, canceled. */
export function moneyMoved(records: Books) {
  return records.payments.map((p) => ({
    id: p.id,
    captured: p.captured_amount,
    refunded: p.refunded_amount,
    released: p.released_amount,
    canceled: p.canceled_at !== null,
  }));
}

/** Calls `target[method]` as plain JavaScript would: with any arguments, past the types. */
export function js(target: object, method: string, ...args: unknown[]): unknown {
  return Reflect.apply(Reflect.get(target, method), target, args);
}

/** What `call` threw or rejected with; fails when it did neither. */
export async function refusal(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to be refused, but it went through");
}

export function webhookRequest(): Request {
  return new Request("https://shop.example/webhooks/manual", { method: "POST", body: "{}" });
}

/** Options whose amount is a getter on a class: not the own fields of a plain object. */
export class GetterOptions {
  get amount(): number {
    return 100;
  }
}

/** A handler that does nothing. */
export const noop = (): undefined => undefined;
