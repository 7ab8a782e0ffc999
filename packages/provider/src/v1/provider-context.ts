/**
 * The customer, as the application describes them to a provider.
 *
 * @example
 * ```ts
 * const customer: ProviderCustomer = { id: "cus_local_1", email: "ada@example.com" };
 * ```
 */
export interface ProviderCustomer {
  id: string;
  email?: string | null;
  name?: string | null;
  phone?: string | null;
}

/**
 * The provider's customer record for an application's customer (an account
 * holder), as the core hands it to the provider.
 *
 * @example
 * ```ts
 * const holder: ProviderAccountHolder = { id: "acch_1", external_id: "cus_Stripe1", data: {} };
 * ```
 */
export interface ProviderAccountHolder {
  /** Tender's account holder id. */
  id: string;
  /** The provider's id of the customer. */
  external_id: string;
  data: Record<string, unknown>;
}

/**
 * Facts about the customer and the checkout, given to initiate and authorize
 * (the application's `context` on the session, plus the account holder).
 *
 * @example
 * ```ts
 * const context: ProviderContext = { customer: { id: "cus_1" }, return_url: "https://shop.example/return" };
 * ```
 */
export interface ProviderContext {
  customer?: ProviderCustomer;
  account_holder?: ProviderAccountHolder;
  idempotency_key?: string;
  [key: string]: unknown;
}
