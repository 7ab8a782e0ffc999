import { TenderError } from "../errors/tender-error";
import { EventBus } from "../events/event-bus";
import type { OutboxRelay } from "../events/outbox-relay";
import { type ServiceRelayOptions, serviceDelivery } from "../events/service-delivery";
import type { TenderEvent, TenderEventName } from "../events/tender-events";
import { checkAnswers } from "../provider/check-answers";
import type {
  PaymentMethodRecord,
  PaymentProviderV1,
  ProviderCapabilities,
  WebhookPayload,
} from "../provider/payment-provider";
import { redactAnswers } from "../provider/redact-answers";
import type {
  AccountHolder,
  Capture,
  Dispute,
  Payment,
  PaymentCollection,
  PaymentSession,
  Refund,
  RefundReason,
} from "../records/records";
import { memoryStore } from "../store/memory-store";
import type { PaymentStore } from "../store/payment-store";
import * as accountHolders from "./account-holders";
import { authorizePaymentSession } from "./authorize-payment-session";
import { cancelPayment } from "./cancel-payment";
import { type CapturePaymentInput, capturePayment } from "./capture-payment";
import { completePaymentCollections } from "./complete-payment-collections";
import {
  type CreatePaymentCollectionInput,
  createPaymentCollections,
} from "./create-payment-collections";
import { type CreatePaymentSessionInput, createPaymentSession } from "./create-payment-session";
import { deletePaymentCollections } from "./delete-payment-collections";
import { deletePaymentSession } from "./delete-payment-session";
import {
  type ExpireAuthorizationsOptions,
  type ExpireAuthorizationsResult,
  expireAuthorizations,
} from "./expire-authorizations";
import { handleWebhook, type WebhookResult } from "./handle-webhook";
import {
  type IncrementAuthorizationInput,
  incrementAuthorization,
} from "./increment-authorization";
import {
  type MarkPaymentSessionPaidOptions,
  markPaymentSessionPaid,
} from "./mark-payment-session-paid";
import { type ListConfig, type ListFilters, listRecords, retrieveRecord } from "./queries";
import { reconcilePayment } from "./reconcile-payment";
import { type ReconcileOptions, type ReconcileResult, reconcileSweep } from "./reconcile-sweep";
import { type RefundPaymentInput, refundPayment } from "./refund-payment";
import * as refundReasons from "./refund-reasons";
import type { ServiceContext } from "./service-context";
import { type UpdatePaymentInput, updatePayment } from "./update-payment";
import {
  type UpdatePaymentCollectionInput,
  updatePaymentCollections,
} from "./update-payment-collections";
import { type UpdatePaymentSessionInput, updatePaymentSession } from "./update-payment-session";

export interface PaymentModuleServiceOptions {
  /** The providers this service may use; each registers under its own `id`. */
  providers: readonly PaymentProviderV1[];
  /** Where records live; the in-memory store when not given. */
  store?: PaymentStore;
  /**
   * Called when an event subscriber throws; the committed change stands and
   * the event is delivered again later (see `relay`). Defaults to console.error.
   */
  onSubscriberError?: (error: unknown, event: TenderEvent) => void;
  /**
   * How the service delivers the events in the outbox to its subscribers
   * (`on`): at once after each commit, and by a relay polling for whatever
   * that missed. `false` when another process relays this store's outbox
   * (to a broker, say): then this service only writes events.
   */
  relay?: ServiceRelayOptions | false;
  /** The clock, for tests. */
  now?: () => Date;
}

/**
 * The payment module: collections, sessions, payments, captures and refunds,
 * named as Medusa's Payment Module names them.
 *
 * @example
 * ```ts
 * const service = createPaymentModuleService({ providers: [manual()] });
 * const collection = await service.createPaymentCollections({ currency_code: "usd", amount: 5000 });
 * const session = await service.createPaymentSession(collection.id, {
 *   provider_id: "manual", currency_code: "usd", amount: 5000,
 * });
 * const payment = await service.authorizePaymentSession(session.id, {});
 * await service.capturePayment({ payment_id: payment.id });
 * ```
 */
export interface PaymentModuleService {
  readonly store: PaymentStore;
  /**
   * The relay delivering this store's outbox to this service's subscribers
   * (`runOnce`, `drain`, `parked`, `replay`), or undefined with `relay: false`.
   */
  readonly relay: OutboxRelay | undefined;
  /** Stops the relay and acknowledges what was delivered; call before closing the store. */
  close(): Promise<void>;
  createPaymentCollections(data: CreatePaymentCollectionInput): Promise<PaymentCollection>;
  createPaymentCollections(data: CreatePaymentCollectionInput[]): Promise<PaymentCollection[]>;
  retrievePaymentCollection(id: string): Promise<PaymentCollection>;
  listPaymentCollections(
    filters?: ListFilters<Pick<PaymentCollection, "id" | "status" | "currency_code" | "region_id">>,
    config?: ListConfig,
  ): Promise<PaymentCollection[]>;
  updatePaymentCollections(
    id: string,
    data: UpdatePaymentCollectionInput,
  ): Promise<PaymentCollection>;
  deletePaymentCollections(ids: string | string[]): Promise<void>;
  completePaymentCollections(id: string): Promise<PaymentCollection>;
  completePaymentCollections(ids: string[]): Promise<PaymentCollection[]>;

  createPaymentSession(
    collectionId: string,
    data: CreatePaymentSessionInput,
  ): Promise<PaymentSession>;
  updatePaymentSession(data: UpdatePaymentSessionInput): Promise<PaymentSession>;
  deletePaymentSession(id: string): Promise<void>;
  authorizePaymentSession(id: string, context?: Record<string, unknown>): Promise<Payment>;
  markPaymentSessionPaid(id: string, options?: MarkPaymentSessionPaidOptions): Promise<Payment>;
  retrievePaymentSession(id: string): Promise<PaymentSession>;
  listPaymentSessions(
    filters?: ListFilters<
      Pick<PaymentSession, "id" | "status" | "payment_collection_id" | "provider_id">
    >,
    config?: ListConfig,
  ): Promise<PaymentSession[]>;

  retrievePayment(id: string): Promise<Payment>;
  listPayments(
    filters?: ListFilters<
      Pick<
        Payment,
        "id" | "status" | "payment_collection_id" | "payment_session_id" | "provider_id"
      >
    >,
    config?: ListConfig,
  ): Promise<Payment[]>;
  updatePayment(data: UpdatePaymentInput): Promise<Payment>;
  capturePayment(data: CapturePaymentInput): Promise<Payment>;
  refundPayment(data: RefundPaymentInput): Promise<Payment>;
  cancelPayment(id: string): Promise<Payment>;
  /**
   * Raises an authorized, uncaptured payment's hold to `amount`, its new total
   * (a provider with `capabilities.incrementalAuthorization`; raise the
   * collection's amount first). See docs/accept-payment-flow.md.
   */
  incrementAuthorization(data: IncrementAuthorizationInput): Promise<Payment>;
  reconcilePayment(id: string): Promise<Payment>;
  /**
   * The reconcile sweep: settles every pending session call, authorization,
   * capture, refund and cancel older than `olderThan` from its provider.
   * Safe from several processes at once; run it on a timer.
   */
  reconcile(options?: ReconcileOptions): Promise<ReconcileResult>;
  /**
   * The authorization-expiry sweep: warns of authorizations about to lapse
   * (`payment.authorization_expiring`) and expires lapsed ones. Idempotent; run it on a timer.
   */
  expireAuthorizations(options?: ExpireAuthorizationsOptions): Promise<ExpireAuthorizationsResult>;
  listCaptures(
    filters?: ListFilters<Pick<Capture, "id" | "payment_id" | "status">>,
    config?: ListConfig,
  ): Promise<Capture[]>;
  listRefunds(
    filters?: ListFilters<Pick<Refund, "id" | "payment_id" | "status" | "refund_reason_id">>,
    config?: ListConfig,
  ): Promise<Refund[]>;
  /** A dispute as the provider last reported it (see docs/disputes.md). */
  retrieveDispute(id: string): Promise<Dispute>;
  /** Disputes, oldest first: of a payment, of a collection, or in a status (`needs_response`: evidence wanted). */
  listDisputes(
    filters?: ListFilters<
      Pick<
        Dispute,
        "id" | "payment_id" | "payment_collection_id" | "status" | "provider_dispute_id"
      >
    >,
    config?: ListConfig,
  ): Promise<Dispute[]>;

  createRefundReasons(data: refundReasons.CreateRefundReasonInput): Promise<RefundReason>;
  createRefundReasons(data: refundReasons.CreateRefundReasonInput[]): Promise<RefundReason[]>;
  updateRefundReasons(
    data: Partial<refundReasons.CreateRefundReasonInput> & { id: string },
  ): Promise<RefundReason>;
  deleteRefundReasons(ids: string | string[]): Promise<void>;
  listRefundReasons(
    filters?: ListFilters<Pick<RefundReason, "id" | "code">>,
    config?: ListConfig,
  ): Promise<RefundReason[]>;

  listPaymentProviders(): Promise<Array<{ id: string; capabilities: ProviderCapabilities }>>;
  createAccountHolder(data: accountHolders.CreateAccountHolderInput): Promise<AccountHolder>;
  updateAccountHolder(data: {
    id: string;
    context: accountHolders.CreateAccountHolderInput["context"];
  }): Promise<AccountHolder>;
  deleteAccountHolder(id: string, options?: { destroy?: boolean }): Promise<void>;
  listPaymentMethods(data: accountHolders.ListPaymentMethodsInput): Promise<PaymentMethodRecord[]>;
  createPaymentMethods(
    data: accountHolders.CreatePaymentMethodsInput,
  ): Promise<PaymentMethodRecord>;

  handleWebhook(providerId: string, payload: WebhookPayload): Promise<WebhookResult>;

  /**
   * Subscribes to an event (or `"*"` for all); returns the unsubscribe
   * function. The service's relay polls the outbox while this service has a
   * subscriber, from `intervalMs` after the first: subscribe to every event
   * you want before then, and the last process's undelivered events reach them.
   */
  on<K extends TenderEventName>(
    name: K | "*",
    handler: (event: Extract<TenderEvent, { name: K }>) => unknown,
  ): () => void;
}

/** Builds the payment module over providers and a store (in memory by default). */
export function createPaymentModuleService(
  options: PaymentModuleServiceOptions,
): PaymentModuleService {
  const providers = registerProviders(options?.providers);
  const store = options.store ?? memoryStore();
  const bus = new EventBus(
    options.onSubscriberError ??
      ((error, event) => console.error(`tender: a subscriber of ${event.name} threw`, error)),
  );
  const now = options.now ?? (() => new Date());
  const delivery =
    options.relay === false ? undefined : serviceDelivery(store, bus, options.relay ?? {}, now);
  const ctx: ServiceContext = { store, providers, bus, delivery, now };

  // One item or a list: the overloads give callers the exact type, the operation validates at run time.
  function createCollections(data: CreatePaymentCollectionInput): Promise<PaymentCollection>;
  function createCollections(data: CreatePaymentCollectionInput[]): Promise<PaymentCollection[]>;
  function createCollections(data: unknown) {
    return createPaymentCollections(ctx, data);
  }
  function completeCollections(id: string): Promise<PaymentCollection>;
  function completeCollections(ids: string[]): Promise<PaymentCollection[]>;
  function completeCollections(ids: unknown) {
    return completePaymentCollections(ctx, ids);
  }
  function createReasons(data: refundReasons.CreateRefundReasonInput): Promise<RefundReason>;
  function createReasons(data: refundReasons.CreateRefundReasonInput[]): Promise<RefundReason[]>;
  function createReasons(data: unknown) {
    return refundReasons.createRefundReasons(ctx, data);
  }

  const service: PaymentModuleService = {
    store,
    relay: delivery?.relay,
    close: async () => {
      await delivery?.close();
    },
    createPaymentCollections: createCollections,
    retrievePaymentCollection: (id: unknown) =>
      retrieveRecord(ctx, "payment_collections", id, "retrievePaymentCollection"),
    listPaymentCollections: (filters?: unknown, config?: unknown) =>
      listRecords(
        ctx,
        "payment_collections",
        ["id", "status", "currency_code", "region_id"],
        filters,
        config,
        "listPaymentCollections",
      ),
    updatePaymentCollections: (id: unknown, data: unknown) =>
      updatePaymentCollections(ctx, id, data),
    deletePaymentCollections: (ids: unknown) => deletePaymentCollections(ctx, ids),
    completePaymentCollections: completeCollections,

    createPaymentSession: (collectionId: unknown, data: unknown) =>
      createPaymentSession(ctx, collectionId, data),
    updatePaymentSession: (data: unknown) => updatePaymentSession(ctx, data),
    deletePaymentSession: (id: unknown) => deletePaymentSession(ctx, id),
    authorizePaymentSession: (id: unknown, context?: unknown) =>
      authorizePaymentSession(ctx, id, context),
    markPaymentSessionPaid: (id: unknown, opts?: unknown) => markPaymentSessionPaid(ctx, id, opts),
    retrievePaymentSession: (id: unknown) =>
      retrieveRecord(ctx, "payment_sessions", id, "retrievePaymentSession"),
    listPaymentSessions: (filters?: unknown, config?: unknown) =>
      listRecords(
        ctx,
        "payment_sessions",
        ["id", "status", "payment_collection_id", "provider_id"],
        filters,
        config,
        "listPaymentSessions",
      ),

    retrievePayment: (id: unknown) => retrieveRecord(ctx, "payments", id, "retrievePayment"),
    listPayments: (filters?: unknown, config?: unknown) =>
      listRecords(
        ctx,
        "payments",
        ["id", "status", "payment_collection_id", "payment_session_id", "provider_id"],
        filters,
        config,
        "listPayments",
      ),
    updatePayment: (data: unknown) => updatePayment(ctx, data),
    capturePayment: (data: unknown) => capturePayment(ctx, data),
    refundPayment: (data: unknown) => refundPayment(ctx, data),
    cancelPayment: (id: unknown) => cancelPayment(ctx, id),
    incrementAuthorization: (data: unknown) => incrementAuthorization(ctx, data),
    reconcilePayment: (id: unknown) => reconcilePayment(ctx, id),
    reconcile: (options?: unknown) => reconcileSweep(ctx, options),
    expireAuthorizations: (options?: unknown) => expireAuthorizations(ctx, options),
    listCaptures: (filters?: unknown, config?: unknown) =>
      listRecords(ctx, "captures", ["id", "payment_id", "status"], filters, config, "listCaptures"),
    listRefunds: (filters?: unknown, config?: unknown) =>
      listRecords(
        ctx,
        "refunds",
        ["id", "payment_id", "status", "refund_reason_id"],
        filters,
        config,
        "listRefunds",
      ),
    retrieveDispute: (id: unknown) => retrieveRecord(ctx, "disputes", id, "retrieveDispute"),
    listDisputes: (filters?: unknown, config?: unknown) =>
      listRecords(
        ctx,
        "disputes",
        ["id", "payment_id", "payment_collection_id", "status", "provider_dispute_id"],
        filters,
        config,
        "listDisputes",
      ),

    createRefundReasons: createReasons,
    updateRefundReasons: (data: unknown) => refundReasons.updateRefundReasons(ctx, data),
    deleteRefundReasons: (ids: unknown) => refundReasons.deleteRefundReasons(ctx, ids),
    listRefundReasons: (filters?: unknown, config?: unknown) =>
      listRecords(ctx, "refund_reasons", ["id", "code"], filters, config, "listRefundReasons"),

    listPaymentProviders: async () =>
      [...providers.values()].map((provider) => ({
        id: provider.id,
        capabilities: { ...provider.capabilities },
      })),
    createAccountHolder: (data: unknown) => accountHolders.createAccountHolder(ctx, data),
    updateAccountHolder: (data: unknown) => accountHolders.updateAccountHolder(ctx, data),
    deleteAccountHolder: (id: unknown, opts?: unknown) =>
      accountHolders.deleteAccountHolder(ctx, id, opts),
    listPaymentMethods: (data: unknown) => accountHolders.listPaymentMethods(ctx, data),
    createPaymentMethods: (data: unknown) => accountHolders.createPaymentMethods(ctx, data),

    handleWebhook: (providerId: unknown, payload: unknown) =>
      handleWebhook(ctx, providerId, payload),
    on(name, handler) {
      const unsubscribe = bus.on(name, handler);
      delivery?.subscribersChanged();
      return () => {
        unsubscribe();
        delivery?.subscribersChanged();
      };
    },
  };
  return service;
}

function registerProviders(list: unknown): Map<string, PaymentProviderV1> {
  if (!Array.isArray(list) || list.length === 0) {
    throw new TenderError({
      code: "configuration",
      message:
        "createPaymentModuleService needs providers: a non-empty array, e.g. { providers: [manual()] }.",
    });
  }
  const providers = new Map<string, PaymentProviderV1>();
  for (const provider of list) {
    if (!isProvider(provider)) {
      throw new TenderError({
        code: "configuration",
        message:
          'Every provider must implement specificationVersion "v1"; make it with its factory, e.g. manual() or stripe({...}).',
      });
    }
    if (typeof provider.id !== "string" || provider.id.length === 0) {
      throw new TenderError({
        code: "configuration",
        message: "Every provider needs a non-empty string id.",
      });
    }
    if (providers.has(provider.id)) {
      throw new TenderError({
        code: "configuration",
        message: `Two providers are registered as "${provider.id}"; give one another id (e.g. manual({ id: "cash" })).`,
      });
    }
    providers.set(provider.id, checkAnswers(redactAnswers(provider)));
  }
  return providers;
}

function isProvider(value: unknown): value is PaymentProviderV1 {
  return (
    typeof value === "object" &&
    value !== null &&
    Reflect.get(value, "specificationVersion") === "v1"
  );
}
