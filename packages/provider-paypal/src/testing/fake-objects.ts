import type { PayPalMoney } from "./money";

/**
 * A HATEOAS link as PayPal writes it.
 *
 * @example
 * ```ts
 * const approve = fake.order(orderId)?.links.find((link: PayPalLink) => link.rel === "payer-action");
 * ```
 */
export interface PayPalLink {
  href: string;
  rel: string;
  method: "GET" | "POST" | "PATCH";
}

/**
 * `supplementary_data.related_ids` of an authorization, capture or refund.
 *
 * @example
 * ```ts
 * const ids: RelatedIds | undefined = fake.capture(captureId)?.supplementary_data.related_ids;
 * ```
 */
export interface RelatedIds {
  order_id?: string;
  authorization_id?: string;
  capture_id?: string;
}

/**
 * An Orders v2 purchase unit as the fake stores it.
 *
 * @example
 * ```ts
 * const unit: FakePurchaseUnit | undefined = fake.order(orderId)?.purchase_units[0];
 * unit?.payments?.captures?.find((capture) => capture.invoice_id === "tc_1");
 * ```
 */
export interface FakePurchaseUnit {
  reference_id: string;
  amount: PayPalMoney & { breakdown?: unknown };
  custom_id?: string;
  invoice_id?: string;
  description?: string;
  payee: { email_address: string; merchant_id: string };
  payments?: {
    authorizations?: FakeAuthorization[];
    captures?: FakeCapture[];
    refunds?: FakeRefund[];
  };
}

/**
 * An Orders v2 order (PayPal's shape), with its payments.
 *
 * @example
 * ```ts
 * const order: FakeOrder | undefined = fake.order(orderId);
 * expect(order?.status).toBe("COMPLETED");
 * ```
 */
export interface FakeOrder {
  id: string;
  intent: "AUTHORIZE" | "CAPTURE";
  status: "CREATED" | "PAYER_ACTION_REQUIRED" | "APPROVED" | "COMPLETED" | "VOIDED";
  purchase_units: FakePurchaseUnit[];
  payment_source?: { paypal: Record<string, unknown> };
  payer?: Record<string, unknown>;
  create_time: string;
  update_time: string;
  links: PayPalLink[];
}

/**
 * A Payments v2 authorization (PayPal's shape).
 *
 * @example
 * ```ts
 * const authorization: FakeAuthorization | undefined = fake.authorization(authorizationId);
 * expect(authorization?.status).toBe("PARTIALLY_CAPTURED");
 * ```
 */
export interface FakeAuthorization {
  id: string;
  status:
    | "CREATED"
    | "PARTIALLY_CAPTURED"
    | "CAPTURED"
    | "VOIDED"
    | "EXPIRED"
    | "DENIED"
    | "PENDING";
  status_details?: { reason: string };
  amount: PayPalMoney;
  invoice_id?: string;
  custom_id?: string;
  seller_protection: { status: string; dispute_categories: string[] };
  expiration_time: string;
  create_time: string;
  update_time: string;
  supplementary_data: { related_ids: RelatedIds };
  links: PayPalLink[];
}

/**
 * A Payments v2 capture (PayPal's shape).
 *
 * @example
 * ```ts
 * const capture: FakeCapture | undefined = fake.capture(captureId);
 * expect(capture?.final_capture).toBe(true);
 * ```
 */
export interface FakeCapture {
  id: string;
  status: "COMPLETED" | "PENDING" | "DECLINED" | "PARTIALLY_REFUNDED" | "REFUNDED" | "FAILED";
  status_details?: { reason: string };
  amount: PayPalMoney;
  final_capture: boolean;
  invoice_id?: string;
  custom_id?: string;
  note_to_payer?: string;
  seller_protection: { status: string; dispute_categories: string[] };
  seller_receivable_breakdown: {
    gross_amount: PayPalMoney;
    paypal_fee: PayPalMoney;
    net_amount: PayPalMoney;
  };
  create_time: string;
  update_time: string;
  supplementary_data: { related_ids: RelatedIds };
  links: PayPalLink[];
}

/**
 * A Payments v2 refund (PayPal's shape); a reversal (chargeback) is one too.
 *
 * @example
 * ```ts
 * const refund: FakeRefund | undefined = fake.refund(refundId);
 * expect(refund?.amount).toEqual({ currency_code: "USD", value: "5.00" });
 * ```
 */
export interface FakeRefund {
  id: string;
  status: "COMPLETED" | "PENDING" | "FAILED" | "CANCELLED";
  status_details?: { reason: string };
  amount: PayPalMoney;
  invoice_id?: string;
  custom_id?: string;
  note_to_payer?: string;
  seller_payable_breakdown: {
    gross_amount: PayPalMoney;
    paypal_fee: PayPalMoney;
    net_amount: PayPalMoney;
    total_refunded_amount: PayPalMoney;
  };
  create_time: string;
  update_time: string;
  supplementary_data: { related_ids: RelatedIds };
  links: PayPalLink[];
}

/**
 * A dispute (Disputes v1 shape, trimmed to what Tender reads).
 *
 * @example
 * ```ts
 * const disputeId = fake.openDispute(captureId);
 * const created = fake.events.at(-1)?.resource as FakeDispute;
 * expect(created.dispute_id).toBe(disputeId);
 * ```
 */
export interface FakeDispute {
  dispute_id: string;
  create_time: string;
  update_time: string;
  disputed_transactions: Array<{ seller_transaction_id: string }>;
  reason: string;
  status: "OPEN" | "RESOLVED";
  dispute_amount: PayPalMoney;
  dispute_outcome?: { outcome_code: "RESOLVED_BUYER_FAVOUR" | "RESOLVED_SELLER_FAVOUR" };
  links: PayPalLink[];
}

/**
 * A webhook event as PayPal sends it.
 *
 * @example
 * ```ts
 * await fake.deliver(({ rawBody }) => {
 *   const event = JSON.parse(rawBody) as PayPalEvent;
 *   console.log(event.event_type);
 * });
 * ```
 */
export interface PayPalEvent {
  id: string;
  event_version: "1.0";
  create_time: string;
  resource_type: string;
  resource_version: "2.0";
  event_type: string;
  summary: string;
  resource: unknown;
  links: PayPalLink[];
}
