import type { FakePaymentError } from "./fake-objects";
import type { refundNulls, setupIntentNulls } from "./object-defaults";

/*
 * The refund, customer, SetupIntent and event objects the fake keeps,
 * shaped like Stripe's JSON (every field the SDK marks always present).
 */

/**
 * A refund's status, as Stripe names it.
 *
 * @example
 * ```ts
 * fake.settleRefund(refund.id, "failed");
 * fake.refunds.get(refund.id)?.status; // "failed"
 * ```
 */
export type RefundStatus = "pending" | "requires_action" | "succeeded" | "failed" | "canceled";

/**
 * A refund (`re_...`).
 *
 * @example
 * ```ts
 * expect(fake.refunds.get(refund.id)).toMatchObject({ amount: 300, status: "succeeded" });
 * ```
 */
export interface FakeRefund extends ReturnType<typeof refundNulls> {
  id: string;
  object: "refund";
  amount: number;
  balance_transaction: string | null;
  charge: string;
  created: number;
  currency: string;
  customer: string | null;
  /** Only on a failed refund: the balance transaction that gave the amount back. */
  failure_balance_transaction?: string;
  /** Only on a failed refund, as Stripe sends it: why the bank returned it. */
  failure_reason?: "declined" | "expired_or_canceled_card" | "lost_or_stolen_card" | "unknown";
  metadata: Record<string, string>;
  payment_intent: string;
  payment_method: string;
  reason: "duplicate" | "fraudulent" | "requested_by_customer" | null;
  status: RefundStatus;
}

/**
 * A customer (`cus_...`).
 *
 * @example
 * ```ts
 * fake.customers.get(customer.id)?.email; // "ada@example.com"
 * ```
 */
export interface FakeCustomer {
  id: string;
  object: "customer";
  balance: number;
  created: number;
  description: string | null;
  email: string | null;
  default_source: null;
  invoice_settings: {
    custom_fields: null;
    default_payment_method: string | null;
    footer: null;
    rendering_options: null;
  };
  livemode: false;
  metadata: Record<string, string>;
  name: string | null;
  phone: string | null;
  shipping: null;
}

/**
 * A SetupIntent (`seti_...`), which saves a payment method for later.
 *
 * @example
 * ```ts
 * fake.setupIntents.get(setup.id)?.status; // "succeeded"
 * ```
 */
export interface FakeSetupIntent extends ReturnType<typeof setupIntentNulls> {
  id: string;
  object: "setup_intent";
  client_secret: string;
  created: number;
  customer: string | null;
  description: string | null;
  last_setup_error: FakePaymentError | null;
  /** The attempt (`setatt_...`) the latest confirmation made, or null before one. */
  latest_attempt: string | null;
  livemode: false;
  metadata: Record<string, string>;
  next_action: null;
  payment_method: string | null;
  payment_method_options: {
    card?: {
      mandate_options: null;
      network: null;
      request_three_d_secure: "automatic" | "any" | "challenge";
    };
  };
  payment_method_types: string[];
  status: "requires_payment_method" | "requires_confirmation" | "succeeded" | "canceled";
  usage: "on_session" | "off_session";
}

/**
 * A Stripe Event as delivered to webhook endpoints.
 *
 * @example
 * ```ts
 * fake.events.map((event) => event.type); // ["payment_intent.created", "payment_intent.succeeded"]
 * ```
 */
export interface StripeEventLike {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  /** The object as it was then; `previous_attributes` on a `*.updated` event says what changed. */
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}
