/**
 * Setup shared by the core's tests: a service with a collection, a session
 * and a payment at the stage a test starts from. Imported only by test
 * files; no index exports it, so it is not part of `@tender/core` nor of
 * `@tender/core/testing`.
 */

import { expect } from "vitest";
import {
  type AccountHolderResult,
  type AuthorizePaymentInput,
  createPaymentModuleService,
  type NextAction,
  type PaymentCollection,
  type PaymentMethodRecord,
  type PaymentModuleService,
  type PaymentModuleServiceOptions,
  type PaymentSession,
  ProviderError,
  type ProviderErrorOptions,
  type ProviderPaymentResult,
  type TenderErrorCode,
  type TenderEvent,
} from "../index";
import { TABLE_NAMES } from "../store/tables";
import { type ScriptedProvider, scriptedProvider } from "../testing/index";

/** Resolves after `ms` milliseconds: a network round trip, or a wait that lets others run. */
export function pause(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

/** Records every event `service` emits, in order, into the returned array. */
export function recordEvents(service: PaymentModuleService): TenderEvent[] {
  const events: TenderEvent[] = [];
  service.on("*", (event) => {
    events.push(event);
  });
  return events;
}

/** Every payment list a caller can read, to prove a call changed nothing. */
export async function paymentRecords(service: PaymentModuleService) {
  return {
    collections: await service.listPaymentCollections(),
    sessions: await service.listPaymentSessions(),
    payments: await service.listPayments(),
    captures: await service.listCaptures(),
    refunds: await service.listRefunds(),
  };
}

/**
 * Every row of every table the service's store keeps, table by table: the
 * payment records and also the idempotency keys, the webhook inbox, the
 * account holders and the outbox, to prove a call wrote nothing at all.
 */
export async function storeRows(service: PaymentModuleService) {
  return service.store.transaction(async (tx) => {
    const rows: Record<string, unknown[]> = {};
    for (const table of TABLE_NAMES) rows[table] = await tx.list(table);
    return rows;
  });
}

/** The idempotency key of a provider call's input, if it has one. */
export function idempotencyKeyOf(input: unknown): unknown {
  return typeof input === "object" && input !== null
    ? Reflect.get(input, "idempotency_key")
    : undefined;
}

/** A retryable failure from the `card` provider: it timed out, or was down. */
export function retryableError(message: string): ProviderError {
  return new ProviderError({ providerId: "card", code: "api_error", message, retryable: true });
}

/** A definite refusal from the `card` provider (nothing moved); `more` adds to it (a `declineCode`, say). */
export function refusal(
  code: TenderErrorCode,
  message: string,
  more: Partial<ProviderErrorOptions> = {},
): ProviderError {
  return new ProviderError({ providerId: "card", code, message, definite: true, ...more });
}

/**
 * A scripted answer that throws `error` on the first call and gives
 * `answer` from the second on: a provider that fails once, then recovers.
 */
export function failsOnce<TInput, TResult>(
  error: Error,
  answer: (input: TInput) => TResult,
): (input: TInput, call: number) => TResult {
  return (input, call) => {
    if (call === 0) throw error;
    return answer(input);
  };
}

/**
 * A scripted authorize answer that asks the customer for `next_action` (3DS,
 * say) the first time and authorizes from then on, keeping the session data.
 */
export function requiresMoreOnce(next_action: NextAction) {
  return (input: AuthorizePaymentInput, call: number): ProviderPaymentResult =>
    call === 0
      ? { status: "requires_more", data: input.data, next_action }
      : { status: "authorized", data: input.data };
}

/**
 * Authorizes a session whose provider asks for more once ({@link requiresMoreOnce}):
 * the first call throws `payment_requires_more`, the retry after the customer acts
 * authorizes. Returns the payment.
 */
export async function authorizeAfterAction(service: PaymentModuleService, sessionId: string) {
  await expect(service.authorizePaymentSession(sessionId)).rejects.toMatchObject({
    code: "payment_requires_more",
  });
  return service.authorizePaymentSession(sessionId);
}

/** What a session is opened with: provider `card` and the collection's amount unless given. */
export interface SessionSetup {
  provider_id?: string;
  amount?: number;
  data?: Record<string, unknown>;
}

/** Opens a session on `collection`, in its currency. */
export function addSession(
  service: PaymentModuleService,
  collection: PaymentCollection,
  { provider_id = "card", amount = collection.amount, data }: SessionSetup = {},
) {
  return service.createPaymentSession(collection.id, {
    provider_id,
    currency_code: collection.currency_code,
    amount,
    ...(data ? { data } : {}),
  });
}

/** A usd collection on `service` (1000 unless `amount` says otherwise) and a session paying all of it. */
export async function openSession(service: PaymentModuleService, setup: SessionSetup = {}) {
  const collection = await service.createPaymentCollections({
    currency_code: "usd",
    amount: setup.amount ?? 1000,
  });
  const session = await addSession(service, collection, setup);
  return { collection, session };
}

/** Options of the flows below besides the provider. */
export interface FlowOptions {
  /** The session's data, as the caller sends it. */
  data?: Record<string, unknown>;
  /** The service's options besides its providers (a clock, say). */
  service?: Omit<PaymentModuleServiceOptions, "providers">;
}

/**
 * A service over the given providers, a usd collection of `amount`, and one
 * session per `[provider, amount]`, in order.
 */
export async function collectionWithSessions<
  const TSessions extends ReadonlyArray<readonly [ScriptedProvider, number]>,
>(amount: number, sessions: TSessions, options: FlowOptions = {}) {
  const service = createPaymentModuleService({
    ...options.service,
    providers: sessions.map(([provider]) => provider),
  });
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount });
  const created: PaymentSession[] = [];
  for (const [provider, sessionAmount] of sessions) {
    created.push(
      await addSession(service, collection, {
        provider_id: provider.id,
        amount: sessionAmount,
        ...(options.data ? { data: options.data } : {}),
      }),
    );
  }
  // One session per entry, in order: the tuple's length is the sessions'.
  const opened = created as { -readonly [K in keyof TSessions]: PaymentSession };
  return { service, collection, sessions: opened };
}

/** A service over `provider`, a usd collection of `amount`, and one session paying all of it. */
export async function sessionFor(
  provider: ScriptedProvider,
  amount: number,
  options: FlowOptions = {},
) {
  const { service, collection, sessions } = await collectionWithSessions(
    amount,
    [[provider, amount]],
    options,
  );
  return { service, provider, collection, session: sessions[0] };
}

/** A service over `provider`, a usd collection of `amount`, and its authorized payment. */
export async function authorizedPayment(
  amount = 1000,
  provider: ScriptedProvider = scriptedProvider({ id: "card" }),
  options: FlowOptions = {},
) {
  const opened = await sessionFor(provider, amount, options);
  const payment = await opened.service.authorizePaymentSession(opened.session.id);
  return { ...opened, payment };
}

/** A service over `provider`, a usd collection of `amount`, and its payment with `captured` captured. */
export async function capturedPayment(
  amount = 1000,
  captured = amount,
  provider: ScriptedProvider = scriptedProvider({ id: "card" }),
) {
  const { payment: authorized, ...opened } = await authorizedPayment(amount, provider);
  const payment =
    captured > 0
      ? await opened.service.capturePayment({ payment_id: authorized.id, amount: captured })
      : authorized;
  return { ...opened, payment };
}

/**
 * A scripted provider with account holders and saved payment methods. Like
 * Stripe, it answers a repeated idempotency key with the first answer, so
 * `customers` counts the customers it really made.
 */
export function vaultProvider(): ScriptedProvider & { readonly customers: () => number } {
  const base = scriptedProvider({
    id: "vault",
    capabilities: { accountHolders: true, savedPaymentMethods: true },
  });
  const byKey = new Map<string, AccountHolderResult>();
  const methods: PaymentMethodRecord[] = [];
  return {
    ...base,
    customers: () => byKey.size,
    async createAccountHolder(input) {
      base.calls.push({ method: "createAccountHolder", input });
      // A network round trip: lets two concurrent creates overlap.
      await pause(5);
      const known = byKey.get(input.idempotency_key);
      if (known) return known;
      const created = {
        id: `cus_${byKey.size + 1}`,
        data: { email: input.customer.email ?? null },
      };
      byKey.set(input.idempotency_key, created);
      return created;
    },
    async updateAccountHolder(input) {
      base.calls.push({ method: "updateAccountHolder", input });
      return {
        id: input.account_holder?.external_id ?? "",
        data: { email: input.customer.email ?? null, updated: true },
      };
    },
    async deleteAccountHolder(input) {
      base.calls.push({ method: "deleteAccountHolder", input });
    },
    async listPaymentMethods(input) {
      base.calls.push({ method: "listPaymentMethods", input });
      return methods.filter((method) => method.data.customer === input.account_holder.external_id);
    },
    async savePaymentMethod(input) {
      base.calls.push({ method: "savePaymentMethod", input });
      const method = {
        id: `pm_${methods.length + 1}`,
        data: { ...input.data, customer: input.account_holder.external_id },
      };
      methods.push(method);
      return method;
    },
  };
}
