import type { Dispute, Payment, PaymentModuleService, PaymentStatus } from "@tender/core";
import { fieldsOf } from "@tender/core/internal";
import { type AmountInput, type CheckedAmount, toMinorUnits } from "./amount-input";
import { requireHandleArguments } from "./require-handle-arguments";
import {
  type FieldsRule,
  invalidArgument,
  noArguments,
  optionalFields,
  optionalString,
  requireFields,
} from "./validate-arguments";

export interface CaptureOptions<TAmount = AmountInput> {
  /** What to capture; without it, what is left of the authorization. */
  amount?: CheckedAmount<TAmount>;
  /** Your key: retrying with it never captures twice. */
  idempotencyKey?: string;
}

export interface RefundOptions<TAmount = AmountInput> {
  /** What to refund; without it, everything captured and not refunded yet. */
  amount?: CheckedAmount<TAmount>;
  /** A refund reason's id (`refr_...`) or code. */
  reason?: string;
  note?: string;
  idempotencyKey?: string;
}

export interface IncrementAuthorizationOptions<TAmount = AmountInput> {
  /** The payment's new authorized total (not the difference); raise the collection's amount first. */
  amount: CheckedAmount<TAmount>;
  /** Your key: retrying with it never sends the increment twice. */
  idempotencyKey?: string;
}

const INCREMENT: FieldsRule = {
  where: "payment.incrementAuthorization(options)",
  fields: fieldsOf<IncrementAuthorizationOptions>()(["amount", "idempotencyKey"]),
  example: "payment.incrementAuthorization({ amount: 6500 }) (the new total)",
  withAmount: (amount) =>
    `to raise the hold to ${amount} in all, call payment.incrementAuthorization({ amount: ${amount} })`,
};

const CAPTURE: FieldsRule = {
  where: "payment.capture(options)",
  fields: fieldsOf<CaptureOptions>()(["amount", "idempotencyKey"]),
  example: "payment.capture({ amount: 3000 }), or payment.capture() for the rest",
  withAmount: (amount) => `to capture ${amount}, call payment.capture({ amount: ${amount} })`,
};

const REFUND: FieldsRule = {
  where: "payment.refund(options)",
  fields: fieldsOf<RefundOptions>()(["amount", "reason", "note", "idempotencyKey"]),
  example: 'payment.refund({ amount: 1500, reason: "returned" }), or payment.refund() for all',
  withAmount: (amount) => `to refund ${amount}, call payment.refund({ amount: ${amount} })`,
};

/** What a caller's idempotency key may be, as the service takes it. */
const KEY_LIMITS = { min: 1, max: 255 };

/**
 * A payment, as it was when this handle was made. Every mutating call
 * returns a new handle with the payment as it is after the call; `refresh()`
 * re-reads it.
 *
 * @example
 * ```ts
 * const partly = await payment.capture({ amount: 3000 });
 * const done = await partly.capture(); // the rest
 * const refunded = await done.refund({ amount: money("15.00", "usd"), note: "returned" });
 * ```
 */
export class PaymentHandle {
  constructor(
    private readonly service: PaymentModuleService,
    /** The payment record this handle was made from. */
    readonly record: Payment,
  ) {
    requireHandleArguments(service, record, "new PaymentHandle(service, record)");
  }

  get id(): string {
    return this.record.id;
  }
  get status(): PaymentStatus {
    return this.record.status;
  }
  get amount(): number {
    return this.record.amount;
  }
  get currency(): string {
    return this.record.currency_code;
  }
  get captured(): number {
    return this.record.captured_amount;
  }
  get refunded(): number {
    return this.record.refunded_amount;
  }
  /**
   * What the provider released of the authorization and can never be
   * captured: the rest after a final partial capture (a provider that takes
   * one capture per payment), or after the payment closed at the provider.
   */
  get released(): number {
    return this.record.released_amount;
  }
  /** What may still be captured (pending captures aside): not what was captured or released. */
  get capturable(): number {
    const { amount, captured_amount, released_amount, canceled_at } = this.record;
    return canceled_at === null ? amount - captured_amount - released_amount : 0;
  }
  /** What disputes (chargebacks open or lost) took back; it cannot also be refunded. See docs/disputes.md. */
  get disputed(): number {
    return this.record.disputed_amount;
  }
  /** What may still be refunded (pending refunds aside): captured, less refunded and disputed. */
  get refundable(): number {
    const { captured_amount, refunded_amount, disputed_amount } = this.record;
    return Math.max(0, captured_amount - refunded_amount - disputed_amount);
  }

  /** The payment's disputes as the provider last reported them, oldest first. */
  async disputes(): Promise<Dispute[]> {
    return this.service.listDisputes({ payment_id: this.id });
  }

  /**
   * Captures the payment, in full or in part: `capture({ amount: 3000 })`,
   * or `capture()` for the rest. Anything else (`capture(3000)`, an unknown
   * field) throws `invalid_argument` and captures nothing.
   */
  async capture<TAmount = number>(options?: CaptureOptions<TAmount>): Promise<PaymentHandle> {
    const fields = optionalFields(options, CAPTURE);
    const amount =
      fields.amount === undefined
        ? undefined
        : toMinorUnits(fields.amount, this.currency, "payment.capture({ amount })");
    const key = optionalString(
      fields.idempotencyKey,
      "payment.capture({ idempotencyKey })",
      KEY_LIMITS,
    );
    const payment = await this.service.capturePayment({
      payment_id: this.id,
      ...(amount !== undefined ? { amount } : {}),
      ...(key !== undefined ? { idempotency_key: key } : {}),
    });
    return new PaymentHandle(this.service, payment);
  }

  /**
   * Refunds captured money, in full or in part: `refund({ amount: 1500 })`,
   * or `refund()` for everything refundable. Anything else (`refund(1500)`,
   * an unknown field) throws `invalid_argument` and refunds nothing.
   */
  async refund<TAmount = number>(options?: RefundOptions<TAmount>): Promise<PaymentHandle> {
    const fields = optionalFields(options, REFUND);
    const amount =
      fields.amount === undefined
        ? undefined
        : toMinorUnits(fields.amount, this.currency, "payment.refund({ amount })");
    const reason = optionalString(fields.reason, "payment.refund({ reason })", { min: 1 });
    const note = optionalString(fields.note, "payment.refund({ note })");
    const key = optionalString(
      fields.idempotencyKey,
      "payment.refund({ idempotencyKey })",
      KEY_LIMITS,
    );
    const reasonId = reason !== undefined ? await this.reasonId(reason) : undefined;
    const payment = await this.service.refundPayment({
      payment_id: this.id,
      ...(amount !== undefined ? { amount } : {}),
      ...(reasonId !== undefined ? { refund_reason_id: reasonId } : {}),
      ...(note !== undefined ? { note } : {}),
      ...(key !== undefined ? { idempotency_key: key } : {}),
    });
    return new PaymentHandle(this.service, payment);
  }

  /**
   * Raises the authorization before anything is captured (a hotel's extra
   * night, a tip, an edited order): `incrementAuthorization({ amount: 6500 })`
   * holds 6500 in all. The collection must owe it (raise its amount first),
   * and the provider must support it (`capabilities.incrementalAuthorization`).
   */
  async incrementAuthorization<TAmount = number>(
    options: IncrementAuthorizationOptions<TAmount>,
  ): Promise<PaymentHandle> {
    const fields = requireFields(options, INCREMENT);
    if (fields.amount === undefined) {
      throw invalidArgument(
        "payment.incrementAuthorization({ amount }) needs amount, the new total to hold: payment.incrementAuthorization({ amount: 6500 }).",
      );
    }
    const amount = toMinorUnits(
      fields.amount,
      this.currency,
      "payment.incrementAuthorization({ amount })",
    );
    const key = optionalString(
      fields.idempotencyKey,
      "payment.incrementAuthorization({ idempotencyKey })",
      KEY_LIMITS,
    );
    const payment = await this.service.incrementAuthorization({
      payment_id: this.id,
      amount,
      ...(key !== undefined ? { idempotency_key: key } : {}),
    });
    return new PaymentHandle(this.service, payment);
  }

  /** Releases an authorization that has no capture. */
  cancel(): Promise<PaymentHandle>;
  async cancel(...unexpected: unknown[]): Promise<PaymentHandle> {
    noArguments(
      unexpected,
      "payment.cancel()",
      "It releases the whole authorization; there is no partial cancel.",
    );
    return new PaymentHandle(this.service, await this.service.cancelPayment(this.id));
  }

  /** Re-reads the payment. */
  refresh(): Promise<PaymentHandle>;
  async refresh(...unexpected: unknown[]): Promise<PaymentHandle> {
    noArguments(unexpected, "payment.refresh()");
    return new PaymentHandle(this.service, await this.service.retrievePayment(this.id));
  }

  private async reasonId(reason: string): Promise<string> {
    if (reason.startsWith("refr_")) return reason;
    const [found] = await this.service.listRefundReasons({ code: reason });
    // An unknown code is passed on as an id, so the service reports it as not_found.
    return found?.id ?? reason;
  }
}
