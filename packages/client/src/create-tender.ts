import {
  createPaymentModuleService,
  normalizeCurrencyCode,
  type PaymentModuleService,
  type PaymentStore,
  TENDER_EVENT_NAMES,
  type TenderEvent,
  type TenderEventName,
} from "@tender/core";
import { fieldsOf } from "@tender/core/internal";
import { type CheckedAmount, toMinorUnits } from "./amount-input";
import { CollectionHandle } from "./collection-handle";
import { describeValue } from "./describe-value";
import { answerWebhook, requireWebhookArguments } from "./handle-webhook-request";
import { PaymentHandle } from "./payment-handle";
import type { AnyProvider, ProviderId, RegisteredId } from "./provider-types";
import { SessionHandle } from "./session-handle";
import {
  type FieldsRule,
  invalidArgument,
  optionalObject,
  optionalString,
  requireFields,
  requireFunction,
  requireId,
} from "./validate-arguments";

export interface TenderOptions<TProviders extends readonly AnyProvider[]> {
  providers: TProviders;
  /** Where records live; in memory when not given. */
  store?: PaymentStore;
  /** Called with every event after its change commits. */
  onEvent?: (event: TenderEvent) => unknown;
}

export interface CreateCollectionInput<TAmount = number> {
  /** ISO 4217, any case: "usd". */
  currency: string;
  /** What is owed: minor units (5000 = $50.00) or money("50.00", "usd"). */
  amount: CheckedAmount<TAmount>;
  region?: string;
  metadata?: Record<string, unknown>;
}

/** The typed client over the payment module; see {@link createTender}. */
export interface Tender<TProviders extends readonly AnyProvider[]> {
  readonly collections: {
    create<TAmount = number>(
      input: CreateCollectionInput<TAmount>,
    ): Promise<CollectionHandle<TProviders>>;
  };
  /** Resumes a collection from a stored id. */
  collection(id: string): Promise<CollectionHandle<TProviders>>;
  /** Resumes a session from a stored id. */
  session(id: string): Promise<SessionHandle>;
  /** Resumes a payment from a stored id. */
  payment(id: string): Promise<PaymentHandle>;
  readonly webhooks: {
    /** A web-standard webhook endpoint: `Request` in, `Response` out. */
    handle(providerId: ProviderId<TProviders>, request: Request): Promise<Response>;
  };
  /** Subscribes to an event with its typed payload; returns the unsubscribe function. */
  on<K extends TenderEventName>(
    name: K,
    handler: (event: Extract<TenderEvent, { name: K }>) => unknown,
  ): () => void;
  /** The service underneath, for what the client does not wrap. */
  readonly service: PaymentModuleService;
  /** The registered provider ids. */
  readonly providerIds: ReadonlyArray<ProviderId<TProviders>>;
}

const OPTIONS: FieldsRule = {
  where: "createTender(options)",
  fields: fieldsOf<TenderOptions<readonly AnyProvider[]>>()(["providers", "store", "onEvent"]),
  example: "createTender({ providers: [manual()] })",
};

const CREATE_COLLECTION: FieldsRule = {
  where: "tender.collections.create(input)",
  fields: fieldsOf<CreateCollectionInput>()(["currency", "amount", "region", "metadata"]),
  example: 'tender.collections.create({ currency: "usd", amount: 5000 })',
  withAmount: (amount) =>
    `to collect ${amount}, call tender.collections.create({ currency: "usd", amount: ${amount} })`,
};

/**
 * Creates the typed client. Provider ids and each provider's session data
 * are known to the compiler, so an unregistered provider or a wrong data
 * shape is a compile error. Every entry checks its arguments at run time
 * too, for callers the types do not reach (plain JavaScript, `any`): a wrong
 * one throws a `TenderError` (`invalid_argument`, or `invalid_amount`,
 * `invalid_currency`, ...) saying what to pass, before anything is written.
 *
 * @example
 * ```ts
 * const tender = createTender({ providers: [stripe({ apiKey }), manual()] });
 * const checkout = await tender.collections.create({ currency: "usd", amount: money("50.00", "usd") });
 * const session = await checkout.sessions.create("stripe", { payment_method: "pm_card_visa" });
 * const outcome = await session.authorize();
 * if (outcome.status === "authorized") await outcome.payment.capture();
 * ```
 */
export function createTender<const TProviders extends readonly AnyProvider[]>(
  options: TenderOptions<TProviders>,
): Tender<TProviders> {
  // Everything is checked before the service exists: a refused call starts no relay.
  requireFields(options, OPTIONS);
  const { providers, onEvent } = options;
  if (!isNonEmptyArray(providers)) {
    throw invalidArgument(
      `createTender({ providers }) must be a non-empty array of providers, like createTender({ providers: [manual()] }); got ${describeValue(providers)}.`,
    );
  }
  const store = optionalStore(options.store);
  if (onEvent !== undefined) requireFunction(onEvent, "createTender({ onEvent })");
  // Each provider's own shape (specificationVersion, a unique id) the service checks.
  const service = createPaymentModuleService({ providers, ...(store ? { store } : {}) });
  if (onEvent) {
    service.on("*", (event) => onEvent(event));
  }
  return {
    service,
    providerIds: providers.map((provider) => provider.id),
    collections: {
      async create(input) {
        const fields = requireFields(input, CREATE_COLLECTION);
        const currency = normalizeCurrencyCode(fields.currency);
        const amount = toMinorUnits(
          fields.amount,
          currency,
          "tender.collections.create({ amount })",
        );
        const region = optionalString(fields.region, "tender.collections.create({ region })");
        const metadata = optionalObject(fields.metadata, "tender.collections.create({ metadata })");
        const collection = await service.createPaymentCollections({
          currency_code: currency,
          amount,
          ...(region !== undefined ? { region_id: region } : {}),
          ...(metadata !== undefined ? { metadata } : {}),
        });
        return new CollectionHandle<TProviders>(service, collection);
      },
    },
    collection: async (id) => {
      const checked = requireId(id, "tender.collection(id)", "paycol_...");
      return new CollectionHandle<TProviders>(
        service,
        await service.retrievePaymentCollection(checked),
      );
    },
    session: async (id) => {
      const checked = requireId(id, "tender.session(id)", "payses_...");
      return new SessionHandle(service, await service.retrievePaymentSession(checked));
    },
    payment: async (id) => {
      const checked = requireId(id, "tender.payment(id)", "pay_...");
      return new PaymentHandle(service, await service.retrievePayment(checked));
    },
    webhooks: {
      handle: async (providerId, request) => {
        requireWebhookArguments(providerId, request, "tender.webhooks.handle(providerId, request)");
        return answerWebhook(service, providerId, request);
      },
    },
    on: (name, handler) => {
      requireEventName(name);
      requireFunction(handler, "tender.on(name, handler): handler");
      return service.on(name, handler);
    },
  };
}

function isNonEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/** A store the caller hands in: checked by what the service calls on it, since a store may be a class. */
function optionalStore(value: unknown): PaymentStore | undefined {
  if (value === undefined) return undefined;
  if (isStore(value)) return value;
  throw invalidArgument(
    `createTender({ store }) must be a PaymentStore, like memoryStore() or postgresStore({ ... }), or left out to keep records in memory; got ${describeValue(value)}.`,
  );
}

function isStore(value: unknown): value is PaymentStore {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof Reflect.get(value, "transaction") === "function" &&
    typeof Reflect.get(value, "outbox") === "object" &&
    Reflect.get(value, "outbox") !== null
  );
}

/** An event name the service emits: a misspelt one would subscribe to nothing, silently. */
function requireEventName(name: unknown): asserts name is TenderEventName {
  if (!TENDER_EVENT_NAMES.some((known) => known === name)) {
    throw invalidArgument(
      `tender.on(name, handler): name must be an event name, one of ${TENDER_EVENT_NAMES.join(", ")}; got ${describeValue(name)}.${name === "*" ? " For every event, pass createTender({ onEvent })." : ""}`,
    );
  }
}

export type { RegisteredId };
