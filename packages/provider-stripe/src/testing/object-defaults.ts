/*
 * The fields Stripe always sends on the objects the fake keeps that the fake
 * never sets (Connect, shipping, statement descriptors, ...): `null`, or
 * their empty value, as Stripe shows them on a test-mode account without
 * those features.
 */

/** An address with nothing filled in, as `billing_details.address` shows one. */
export interface FakeAddress {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
}

/**
 * `billing_details` of a PaymentMethod, copied onto its charges.
 *
 * @example
 * ```ts
 * fake.paymentMethods.get(id)?.billing_details.address.country; // null
 * ```
 */
export interface FakeBillingDetails {
  address: FakeAddress;
  email: string | null;
  name: string | null;
  phone: string | null;
  tax_id: string | null;
}

/** Billing details with nothing known about the payer. */
export function emptyBillingDetails(): FakeBillingDetails {
  return {
    address: {
      city: null,
      country: null,
      line1: null,
      line2: null,
      postal_code: null,
      state: null,
    },
    email: null,
    name: null,
    phone: null,
    tax_id: null,
  };
}

/** What a PaymentIntent always shows of the features the fake leaves out. */
export function paymentIntentNulls() {
  return {
    allowed_payment_method_types: null,
    application: null,
    application_fee_amount: null,
    customer_account: null,
    excluded_payment_method_types: null,
    managed_payments: null,
    on_behalf_of: null,
    payment_method_configuration_details: null,
    payment_record: null,
    processing: null,
    receipt_email: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    transfer_group: null,
  } as const;
}

/** What a charge always shows of the features the fake leaves out. */
export function chargeNulls() {
  return {
    application: null,
    application_fee: null,
    application_fee_amount: null,
    failure_balance_transaction: null,
    fraud_details: {},
    on_behalf_of: null,
    receipt_email: null,
    receipt_number: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    transfer_data: null,
    transfer_group: null,
  } as const;
}

/** What a refund always shows of the features the fake leaves out. */
export function refundNulls() {
  return {
    customer_account: null,
    receipt_number: null,
    source_transfer_reversal: null,
    transfer_reversal: null,
  } as const;
}

/** What a SetupIntent always shows of the features the fake leaves out. */
export function setupIntentNulls() {
  return {
    allowed_payment_method_types: null,
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: null,
    excluded_payment_method_types: null,
    mandate: null,
    on_behalf_of: null,
    payment_method_configuration_details: null,
    single_use_mandate: null,
  } as const;
}

/** The statement descriptor Stripe computes for the fake's (imaginary) account. */
export const CALCULATED_STATEMENT_DESCRIPTOR = "TENDER FAKE STRIPE";
