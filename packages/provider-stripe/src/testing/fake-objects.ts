/*
 * The Stripe objects the fake keeps, shaped like Stripe's JSON (the fields a
 * PaymentIntents integration reads; the rest of Stripe's fields are left out).
 */

/**
 * A PaymentIntent's status, as Stripe names it.
 *
 * @example
 * ```ts
 * const status: PaymentIntentStatus | undefined = fake.paymentIntents.get(id)?.status;
 * ```
 */
export type PaymentIntentStatus =
  | "requires_payment_method"
  | "requires_confirmation"
  | "requires_action"
  | "processing"
  | "requires_capture"
  | "succeeded"
  | "canceled";

/**
 * `capture_method` of a PaymentIntent.
 *
 * @example
 * ```ts
 * fake.paymentIntents.get(id)?.capture_method; // "automatic_async" unless the request chose
 * ```
 */
export type CaptureMethod = "automatic" | "automatic_async" | "manual";

/**
 * Why a PaymentIntent was canceled: the merchant's reasons, and Stripe's `automatic` (an expired hold).
 *
 * @example
 * ```ts
 * fake.expireAuthorization(id);
 * fake.paymentIntents.get(id)?.cancellation_reason; // "automatic"
 * ```
 */
export type CancellationReason =
  | "duplicate"
  | "fraudulent"
  | "requested_by_customer"
  | "abandoned"
  | "automatic"
  | "expired";

/**
 * `last_payment_error` / `last_setup_error`.
 *
 * @example
 * ```ts
 * fake.paymentIntents.get(id)?.last_payment_error?.decline_code; // "insufficient_funds"
 * ```
 */
export interface FakePaymentError {
  type: "card_error" | "invalid_request_error";
  code: string;
  decline_code?: string;
  message: string;
  param?: string;
  doc_url?: string;
  charge?: string;
  payment_method?: FakePaymentMethod;
}

/**
 * `next_action` of an intent that waits for the customer (3D Secure).
 *
 * @example
 * ```ts
 * const action = fake.paymentIntents.get(id)?.next_action;
 * if (action?.type === "redirect_to_url") action.redirect_to_url.return_url;
 * ```
 */
export type FakeNextAction =
  | { type: "redirect_to_url"; redirect_to_url: { url: string; return_url: string } }
  | {
      type: "use_stripe_sdk";
      use_stripe_sdk: { type: "three_d_secure_redirect"; stripe_js: string; source: string };
    };

/**
 * A PaymentIntent (`pi_...`); `latest_charge` is an id here and expands on request.
 *
 * @example
 * ```ts
 * expect(fake.paymentIntents.get(intent.id)).toMatchObject({ status: "requires_capture", amount_capturable: 1000 });
 * ```
 */
export interface FakePaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_received: number;
  automatic_payment_methods: { enabled: boolean } | null;
  canceled_at: number | null;
  cancellation_reason: CancellationReason | null;
  capture_method: CaptureMethod;
  client_secret: string;
  confirmation_method: "automatic";
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: FakePaymentError | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  next_action: FakeNextAction | null;
  payment_method: string | null;
  payment_method_options: { card?: { request_multicapture?: "if_available" | "never" } };
  payment_method_types: string[];
  /** The Radar review the charge is (or was last) in, or null. */
  review: string | null;
  setup_future_usage: "on_session" | "off_session" | null;
  status: PaymentIntentStatus;
}

/**
 * Card details as a PaymentMethod and a charge show them.
 *
 * @example
 * ```ts
 * const method = fake.paymentMethods.get(id);
 * if (method?.type === "card") method.card.last4; // "4242"
 * ```
 */
export interface FakeCardDetails {
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  funding: "credit" | "debit";
  country: string;
}

/**
 * What a charge records of the payment method it used.
 *
 * @example
 * ```ts
 * const details = fake.charges.get(chargeId)?.payment_method_details;
 * if (details?.type === "card") details.card.capture_before; // unix seconds, 7 days after authorization
 * ```
 */
export type FakePaymentMethodDetails =
  | {
      type: "card";
      card: FakeCardDetails & {
        capture_before?: number;
        multicapture?: { status: "available" | "unavailable" };
      };
    }
  | { type: "sepa_debit"; sepa_debit: { bank_code: string; country: string; last4: string } };

/**
 * A charge (`ch_...`), the attempt behind a PaymentIntent.
 *
 * @example
 * ```ts
 * fake.charges.get(String(intent.latest_charge))?.amount_refunded; // 250
 * ```
 */
export interface FakeCharge {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  balance_transaction: null;
  captured: boolean;
  created: number;
  currency: string;
  customer: string | null;
  /** True once the charge is charged back (an inquiry does not count); it stays true. */
  disputed: boolean;
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  metadata: Record<string, string>;
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details: FakePaymentMethodDetails;
  refunded: boolean;
  status: "succeeded" | "pending" | "failed";
}

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
export interface FakeRefund {
  id: string;
  object: "refund";
  amount: number;
  balance_transaction: null;
  charge: string;
  created: number;
  currency: string;
  failure_reason: string | null;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: "duplicate" | "fraudulent" | "requested_by_customer" | null;
  receipt_number: null;
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
  invoice_settings: { default_payment_method: string | null };
  livemode: false;
  metadata: Record<string, string>;
  name: string | null;
  phone: string | null;
}

interface FakePaymentMethodBase {
  id: string;
  object: "payment_method";
  billing_details: { email: string | null; name: string | null; phone: string | null };
  created: number;
  customer: string | null;
  livemode: false;
  metadata: Record<string, string>;
}

/**
 * A PaymentMethod (`pm_...`), made when a test id such as `pm_card_visa` is used.
 *
 * @example
 * ```ts
 * const method = fake.paymentMethods.get(setup.payment_method);
 * method?.customer; // the customer it was saved to
 * ```
 */
export type FakePaymentMethod =
  | (FakePaymentMethodBase & { type: "card"; card: FakeCardDetails })
  | (FakePaymentMethodBase & {
      type: "sepa_debit";
      sepa_debit: { bank_code: string; country: string; last4: string };
    });

/**
 * A SetupIntent (`seti_...`), which saves a payment method for later.
 *
 * @example
 * ```ts
 * fake.setupIntents.get(setup.id)?.status; // "succeeded"
 * ```
 */
export interface FakeSetupIntent {
  id: string;
  object: "setup_intent";
  client_secret: string;
  created: number;
  customer: string | null;
  description: string | null;
  last_setup_error: FakePaymentError | null;
  livemode: false;
  metadata: Record<string, string>;
  next_action: null;
  payment_method: string | null;
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
  data: { object: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}
