import {
  createPaymentModuleService,
  normalizeCurrencyCode,
  type PaymentModuleService,
  type PaymentStore,
  type TenderEvent,
  type TenderEventName,
} from "@tender/core";
import { type CheckedAmount, toMinorUnits } from "./amount-input";
import { CollectionHandle } from "./collection-handle";
import { handleWebhookRequest } from "./handle-webhook-request";
import { PaymentHandle } from "./payment-handle";
import type { AnyProvider, ProviderId, RegisteredId } from "./provider-types";
import { SessionHandle } from "./session-handle";

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

/**
 * Creates the typed client. Provider ids and each provider's session data
 * are known to the compiler, so an unregistered provider or a wrong data
 * shape is a compile error.
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
  const service = createPaymentModuleService({
    providers: options.providers,
    ...(options.store ? { store: options.store } : {}),
  });
  if (options.onEvent) {
    const onEvent = options.onEvent;
    service.on("*", (event) => onEvent(event));
  }
  return {
    service,
    providerIds: options.providers.map((provider) => provider.id),
    collections: {
      async create(input) {
        const currency = normalizeCurrencyCode(input.currency);
        const collection = await service.createPaymentCollections({
          currency_code: currency,
          amount: toMinorUnits(input.amount, currency),
          ...(input.region !== undefined ? { region_id: input.region } : {}),
          ...(input.metadata !== undefined ? { metadata: input.metadata } : {}),
        });
        return new CollectionHandle<TProviders>(service, collection);
      },
    },
    collection: async (id) =>
      new CollectionHandle<TProviders>(service, await service.retrievePaymentCollection(id)),
    session: async (id) => new SessionHandle(service, await service.retrievePaymentSession(id)),
    payment: async (id) => new PaymentHandle(service, await service.retrievePayment(id)),
    webhooks: {
      handle: (providerId, request) => handleWebhookRequest(service, providerId, request),
    },
    on: (name, handler) => service.on(name, handler),
  };
}

export type { RegisteredId };
