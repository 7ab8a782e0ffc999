/*
 * The Stripe objects the fake keeps, shaped like Stripe's JSON: every field
 * Stripe's SDK types mark always present is there (`null` when unset; see
 * stripe-shapes.generated.ts), with the optional ones the fake sets.
 */
import type {
  FakeChargeCardFields,
  FakeChargeSepaDebit,
  FakePaymentMethodCard,
  FakePaymentMethodSepaDebit,
} from "./card-details";
import type { FakeChargeOutcome } from "./charge-outcome";
import type { FakeCustomer } from "./fake-record-objects";
import type { chargeNulls, FakeBillingDetails, paymentIntentNulls } from "./object-defaults";

export type {
  FakeCustomer,
  FakeRefund,
  FakeSetupIntent,
  RefundStatus,
  StripeEventLike,
} from "./fake-record-objects";

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
export interface FakePaymentIntent extends ReturnType<typeof paymentIntentNulls> {
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
  payment_method_options: { card?: FakeCardPaymentMethodOptions };
  payment_method_types: string[];
  /** The Radar review the charge is (or was last) in, or null. */
  review: string | null;
  setup_future_usage: "on_session" | "off_session" | null;
  status: PaymentIntentStatus;
}

/**
 * `payment_method_options.card` of a PaymentIntent, as Stripe returns it: the
 * `request_*` flags appear once a request set them.
 *
 * @example
 * ```ts
 * fake.paymentIntents.get(id)?.payment_method_options.card?.request_three_d_secure; // "automatic"
 * ```
 */
export interface FakeCardPaymentMethodOptions {
  installments: null;
  mandate_options: null;
  network: null;
  request_extended_authorization?: "if_available" | "never";
  request_incremental_authorization?: "if_available" | "never";
  request_multicapture?: "if_available" | "never";
  request_three_d_secure: "automatic" | "any" | "challenge";
}

/**
 * `payment_method_details.card.three_d_secure` of a charge that went through 3D Secure.
 *
 * @example
 * ```ts
 * const details = fake.charges.get(chargeId)?.payment_method_details;
 * if (details?.type === "card") details.card.three_d_secure?.result; // "authenticated"
 * ```
 */
export interface FakeThreeDSecure {
  authentication_flow: "challenge" | "frictionless";
  electronic_commerce_indicator: "01" | "02" | "05" | "06" | "07" | null;
  exemption_indicator: null;
  result: "authenticated" | "attempt_acknowledged";
  result_reason: null;
  transaction_id: string;
  version: "2.2.0";
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
      card: FakeCardDetails &
        FakeChargeCardFields & {
          capture_before?: number;
          extended_authorization?: { status: "enabled" | "disabled" };
          incremental_authorization?: { status: "available" | "unavailable" };
          multicapture?: { status: "available" | "unavailable" };
          three_d_secure?: FakeThreeDSecure | null;
        };
    }
  | { type: "sepa_debit"; sepa_debit: FakeChargeSepaDebit };

/**
 * A charge (`ch_...`), the attempt behind a PaymentIntent.
 *
 * @example
 * ```ts
 * fake.charges.get(String(intent.latest_charge))?.amount_refunded; // 250
 * ```
 */
export interface FakeCharge extends ReturnType<typeof chargeNulls> {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  /** Set once the money moved: at capture, or just after it with `automatic_async` (`charge.updated`). */
  balance_transaction: string | null;
  billing_details: FakeBillingDetails;
  calculated_statement_descriptor: string | null;
  captured: boolean;
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  /** True once the charge is charged back (an inquiry does not count); it stays true. */
  disputed: boolean;
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  metadata: Record<string, string>;
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  outcome: FakeChargeOutcome;
  payment_method_details: FakePaymentMethodDetails;
  receipt_url: string | null;
  refunded: boolean;
  /** The Radar review the charge is (or was last) in, or null. */
  review: string | null;
  status: "succeeded" | "pending" | "failed";
}

interface FakePaymentMethodBase {
  id: string;
  object: "payment_method";
  billing_details: FakeBillingDetails;
  created: number;
  customer: FakeCustomer["id"] | null;
  customer_account: null;
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
  | (FakePaymentMethodBase & { type: "card"; card: FakePaymentMethodCard })
  | (FakePaymentMethodBase & { type: "sepa_debit"; sepa_debit: FakePaymentMethodSepaDebit });
