import {
  type NextAction,
  type PaymentModuleService,
  type PaymentSession,
  type PaymentSessionStatus,
  TenderError,
} from "@tender/core";
import { toMinorUnits } from "./amount-input";
import { type AuthorizeOutcome, NOT_AUTHORIZED } from "./authorize-outcome";
import { PaymentHandle } from "./payment-handle";
import { requireHandleArguments } from "./require-handle-arguments";
import {
  type FieldsRule,
  invalidArgument,
  noArguments,
  optionalFields,
  optionalObject,
} from "./validate-arguments";

/** Error codes that are an answer about the payment, returned as outcomes rather than thrown. */
const FAILED_OUTCOMES = new Set([
  "payment_authorization_failed",
  "collection_already_authorized",
  "session_not_authorizable",
]);

const UPDATE: FieldsRule = {
  where: "session.update(data, options)",
  fields: ["amount"],
  example: "session.update({}, { amount: 3000 })",
  withAmount: (amount) =>
    `to change the amount to ${amount}, call session.update({}, { amount: ${amount} })`,
};

/**
 * A payment session with one provider. `TAction` and `TData` are that
 * provider's next-action and session-data types.
 *
 * @example
 * ```ts
 * const session = await checkout.sessions.create("stripe", { payment_method: "pm_card_visa" });
 * let outcome = await session.authorize();
 * if (outcome.status === "failed") {
 *   const other = await outcome.session.update({ payment_method: "pm_card_mastercard" });
 *   outcome = await other.authorize();
 * }
 * ```
 */
export class SessionHandle<
  TAction extends NextAction = NextAction,
  TData extends Record<string, unknown> = Record<string, unknown>,
> {
  constructor(
    private readonly service: PaymentModuleService,
    /** The session record this handle was made from. */
    readonly record: PaymentSession,
  ) {
    requireHandleArguments(service, record, "new SessionHandle(service, record)");
  }

  get id(): string {
    return this.record.id;
  }
  get status(): PaymentSessionStatus {
    return this.record.status;
  }
  get providerId(): string {
    return this.record.provider_id;
  }
  get amount(): number {
    return this.record.amount;
  }

  /**
   * Asks the provider to authorize. Never throws for an expected outcome
   * (authorized, requires_more, processing, failed); only misuse and
   * infrastructure faults throw.
   */
  async authorize(context?: Record<string, unknown>): Promise<AuthorizeOutcome<TAction, TData>> {
    return this.authorizeWith(optionalObject(context, "session.authorize(context)") ?? {});
  }

  /** Changes the session before it is authorized (another payment method after a decline, say). */
  async update(
    data: Partial<TData>,
    options?: { amount?: number },
  ): Promise<SessionHandle<TAction, TData>> {
    if (data === undefined) {
      throw invalidArgument(
        "session.update(data, options) needs data: the provider's session data to change, or {} to change only the amount, as in session.update({}, { amount: 3000 }).",
      );
    }
    const changes = optionalObject(data, "session.update(data)", UPDATE.withAmount);
    const fields = optionalFields(options, UPDATE);
    const amount =
      fields.amount === undefined
        ? undefined
        : toMinorUnits(fields.amount, this.record.currency_code, "session.update({ amount })");
    const session = await this.service.updatePaymentSession({
      id: this.id,
      data: changes,
      ...(amount !== undefined ? { amount } : {}),
    });
    return new SessionHandle(this.service, session);
  }

  /** Re-reads the session. */
  refresh(): Promise<SessionHandle<TAction, TData>>;
  async refresh(...unexpected: unknown[]): Promise<SessionHandle<TAction, TData>> {
    noArguments(unexpected, "session.refresh()");
    return new SessionHandle(this.service, await this.service.retrievePaymentSession(this.id));
  }

  private async authorizeWith(
    context: Record<string, unknown>,
  ): Promise<AuthorizeOutcome<TAction, TData>> {
    try {
      const payment = await this.service.authorizePaymentSession(this.id, context);
      return {
        status: "authorized",
        payment: new PaymentHandle(this.service, payment),
        session: await this.refresh(),
      };
    } catch (error) {
      if (!TenderError.isInstance(error)) throw error;
      if (error.code === "payment_requires_more") {
        const session = await this.refresh();
        // The provider declared TAction as the shape of its next actions.
        const action = (session.record.next_action ?? { type: "unknown" }) as TAction;
        return {
          status: "requires_more",
          payment: NOT_AUTHORIZED,
          action,
          session,
          retry: async (...unexpected: unknown[]) => {
            noArguments(unexpected, "outcome.retry()");
            return session.authorizeWith(context);
          },
        };
      }
      if (error.code === "payment_processing") {
        return { status: "processing", payment: NOT_AUTHORIZED, session: await this.refresh() };
      }
      if (FAILED_OUTCOMES.has(error.code)) {
        return { status: "failed", payment: NOT_AUTHORIZED, error, session: await this.refresh() };
      }
      throw error;
    }
  }
}
