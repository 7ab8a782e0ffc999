import type { Payment, PaymentModuleService, PaymentStatus } from "@tender/core";
import { type AmountInput, type CheckedAmount, toMinorUnits } from "./amount-input";

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
  ) {}

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
  /** What may still be captured (pending captures aside): not what was captured or released. */
  get capturable(): number {
    const { amount, captured_amount, released_amount, canceled_at } = this.record;
    return canceled_at === null ? amount - captured_amount - released_amount : 0;
  }
  /** What may still be refunded (pending refunds aside). */
  get refundable(): number {
    return this.record.captured_amount - this.record.refunded_amount;
  }

  /** Captures the payment, in full or in part. */
  async capture<TAmount = number>(options: CaptureOptions<TAmount> = {}): Promise<PaymentHandle> {
    const payment = await this.service.capturePayment({
      payment_id: this.id,
      ...(options.amount !== undefined
        ? { amount: toMinorUnits(options.amount, this.currency) }
        : {}),
      ...(options.idempotencyKey ? { idempotency_key: options.idempotencyKey } : {}),
    });
    return new PaymentHandle(this.service, payment);
  }

  /** Refunds captured money, in full or in part. */
  async refund<TAmount = number>(options: RefundOptions<TAmount> = {}): Promise<PaymentHandle> {
    const reasonId = options.reason ? await this.reasonId(options.reason) : undefined;
    const payment = await this.service.refundPayment({
      payment_id: this.id,
      ...(options.amount !== undefined
        ? { amount: toMinorUnits(options.amount, this.currency) }
        : {}),
      ...(reasonId ? { refund_reason_id: reasonId } : {}),
      ...(options.note !== undefined ? { note: options.note } : {}),
      ...(options.idempotencyKey ? { idempotency_key: options.idempotencyKey } : {}),
    });
    return new PaymentHandle(this.service, payment);
  }

  /** Releases an authorization that has no capture. */
  async cancel(): Promise<PaymentHandle> {
    return new PaymentHandle(this.service, await this.service.cancelPayment(this.id));
  }

  /** Re-reads the payment. */
  async refresh(): Promise<PaymentHandle> {
    return new PaymentHandle(this.service, await this.service.retrievePayment(this.id));
  }

  private async reasonId(reason: string): Promise<string> {
    if (reason.startsWith("refr_")) return reason;
    const [found] = await this.service.listRefundReasons({ code: reason });
    // An unknown code is passed on as an id, so the service reports it as not_found.
    return found?.id ?? reason;
  }
}
