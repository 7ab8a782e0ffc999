import type {
  PaymentCollection,
  PaymentCollectionStatus,
  PaymentModuleService,
} from "@tender/core";
import { fieldsOf } from "@tender/core/internal";
import { toMinorUnits } from "./amount-input";
import { PaymentHandle } from "./payment-handle";
import type {
  AnyProvider,
  NextActionOf,
  ProviderId,
  RegisteredId,
  SessionDataOf,
} from "./provider-types";
import { requireHandleArguments } from "./require-handle-arguments";
import { SessionHandle } from "./session-handle";
import { payWith, type SplitTenderOutcome, type TenderStep } from "./split-tender";
import {
  type FieldsRule,
  noArguments,
  optionalFields,
  optionalObject,
  requireId,
} from "./validate-arguments";

export interface CreateSessionOptions {
  /** What this session pays; without it, what is left of the collection. */
  amount?: number;
  /** Facts about the customer for the provider (email, account holder, return url). */
  context?: Record<string, unknown>;
}

const CREATE_SESSION: FieldsRule = {
  where: "collection.sessions.create(providerId, data, options)",
  fields: fieldsOf<CreateSessionOptions>()(["amount", "context"]),
  example: 'collection.sessions.create("manual", {}, { amount: 3000 })',
  withAmount: (amount) =>
    `to open a session for ${amount}, call collection.sessions.create(providerId, data, { amount: ${amount} })`,
};

/** The typed session handle for the provider registered as `TId`. */
export type SessionHandleFor<
  TProviders extends readonly AnyProvider[],
  TId extends string,
> = SessionHandle<NextActionOf<TProviders, TId>, SessionDataOf<TProviders, TId>>;

/**
 * The arguments after the provider id: the provider's session data, required
 * when its type has required fields (a gift card's `card`), then the options.
 */
export type CreateSessionArgs<TData> =
  Partial<TData> extends TData
    ? [data?: TData, options?: CreateSessionOptions]
    : [data: TData, options?: CreateSessionOptions];

/**
 * Sessions of one collection: the type of `collection.sessions`, typed by the
 * providers the client was created with.
 *
 * @example
 * ```ts
 * const tender = createTender({ providers: [manual()] });
 * type Providers = [ReturnType<typeof manual>];
 * async function payByHand(sessions: SessionsApi<Providers>) {
 *   return (await sessions.create("manual")).authorize();
 * }
 * await payByHand((await tender.collections.create({ currency: "usd", amount: 5000 })).sessions);
 * ```
 */
export interface SessionsApi<TProviders extends readonly AnyProvider[]> {
  /**
   * Opens a session with a registered provider; `data` is that provider's
   * session data, required when the provider declares required fields.
   */
  create<TId extends ProviderId<TProviders>>(
    providerId: TId,
    ...args: CreateSessionArgs<SessionDataOf<TProviders, TId>>
  ): Promise<SessionHandleFor<TProviders, TId>>;
  /** An unregistered provider id: the compiler's error names the fix. */
  create<TId extends string>(
    providerId: TId,
    notRegistered: RegisteredId<TProviders, TId>,
    options?: never,
  ): Promise<never>;
  list(): Promise<SessionHandle[]>;
}

/**
 * A payment collection (what is owed), as it was when this handle was made,
 * with its next steps. `refresh()` re-reads it.
 *
 * @example
 * ```ts
 * const checkout = await tender.collections.create({ currency: "usd", amount: 5000 });
 * const session = await checkout.sessions.create("stripe", { payment_method: "pm_card_visa" });
 * console.log(checkout.remaining); // 5000
 * ```
 */
export class CollectionHandle<TProviders extends readonly AnyProvider[]> {
  /** Open sessions on this collection, one per provider the customer may choose. */
  readonly sessions: SessionsApi<TProviders>;
  readonly payments: { list(): Promise<PaymentHandle[]> };

  constructor(
    private readonly service: PaymentModuleService,
    /** The collection record this handle was made from. */
    readonly record: PaymentCollection,
  ) {
    requireHandleArguments(service, record, "new CollectionHandle(service, record)");
    const id = record.id;
    this.sessions = {
      create: async (providerId: unknown, data?: unknown, options?: unknown): Promise<never> => {
        const provider = requireId(providerId, "collection.sessions.create(providerId)", "manual");
        const sessionData = optionalObject(
          data,
          "collection.sessions.create(providerId, data): data (the provider's session data)",
          CREATE_SESSION.withAmount,
        );
        const fields = optionalFields(options, CREATE_SESSION);
        const amount =
          fields.amount === undefined
            ? this.remaining || record.amount
            : toMinorUnits(
                fields.amount,
                record.currency_code,
                "collection.sessions.create({ amount })",
              );
        const context = optionalObject(fields.context, "collection.sessions.create({ context })");
        const session = await service.createPaymentSession(id, {
          provider_id: provider,
          currency_code: record.currency_code,
          amount,
          ...(sessionData !== undefined ? { data: sessionData } : {}),
          ...(context !== undefined ? { context } : {}),
        });
        // The overloads above give each provider's handle its types; at run time it is one class.
        return new SessionHandle(service, session) as never;
      },
      list: async (...unexpected: unknown[]) => {
        noArguments(unexpected, "collection.sessions.list()");
        return (await service.listPaymentSessions({ payment_collection_id: id })).map(
          (s) => new SessionHandle(service, s),
        );
      },
    };
    this.payments = {
      list: async (...unexpected: unknown[]) => {
        noArguments(unexpected, "collection.payments.list()");
        return (await service.listPayments({ payment_collection_id: id })).map(
          (p) => new PaymentHandle(service, p),
        );
      },
    };
  }

  get id(): string {
    return this.record.id;
  }
  get status(): PaymentCollectionStatus {
    return this.record.status;
  }
  get currency(): string {
    return this.record.currency_code;
  }
  get amount(): number {
    return this.record.amount;
  }
  get authorized(): number {
    return this.record.authorized_amount;
  }
  get captured(): number {
    return this.record.captured_amount;
  }
  get refunded(): number {
    return this.record.refunded_amount;
  }
  /** What is still owed: the amount no live payment has authorized yet. */
  get remaining(): number {
    return Math.max(0, this.record.amount - this.record.authorized_amount);
  }

  /**
   * Pays the collection with several providers in one step (split tender):
   * each step opens a session for what is still owed and authorizes it, so
   * a gift card that covers part leaves the rest to the next step. If a step
   * is declined, the payments authorized before it are released. See
   * {@link SplitTenderOutcome}.
   *
   * @example
   * ```ts
   * const outcome = await checkout.payWith([
   *   { provider: "gift-card", data: { card: "GC-1000" } },
   *   { provider: "stripe", data: { payment_method: "pm_card_visa" } },
   * ]);
   * ```
   */
  payWith(steps: ReadonlyArray<TenderStep<ProviderId<TProviders>>>): Promise<SplitTenderOutcome> {
    return payWith(this.service, this.id, steps);
  }

  /** Re-reads the collection. */
  refresh(): Promise<CollectionHandle<TProviders>>;
  async refresh(...unexpected: unknown[]): Promise<CollectionHandle<TProviders>> {
    noArguments(unexpected, "collection.refresh()");
    return new CollectionHandle(
      this.service,
      await this.service.retrievePaymentCollection(this.id),
    );
  }

  /** Marks a fully authorized collection complete. */
  complete(): Promise<CollectionHandle<TProviders>>;
  async complete(...unexpected: unknown[]): Promise<CollectionHandle<TProviders>> {
    noArguments(unexpected, "collection.complete()");
    return new CollectionHandle(
      this.service,
      await this.service.completePaymentCollections(this.id),
    );
  }
}

export type { ProviderId };
