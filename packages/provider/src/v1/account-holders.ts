import type { ProviderAccountHolder, ProviderCustomer } from "./provider-context";

/**
 * `createAccountHolder` / `updateAccountHolder` / `deleteAccountHolder`: the
 * provider's customer for an application's customer. Key
 * `<provider>:<customer id>:account-holder` (create) and the like.
 *
 * @example
 * ```ts
 * async createAccountHolder({ customer, idempotency_key }) { return { id: "cus_1", data: {} } }
 * ```
 */
export interface AccountHolderInput {
  customer: ProviderCustomer;
  idempotency_key: string;
  account_holder?: Pick<ProviderAccountHolder, "external_id" | "data">;
}

/** The provider's customer: its id (the account holder's `external_id`) and data. */
export interface AccountHolderResult {
  id: string;
  data: Record<string, unknown>;
}

/** A saved payment method at the provider. */
export interface PaymentMethodRecord {
  id: string;
  data: Record<string, unknown>;
}

/** `listPaymentMethods`: the customer's saved methods; changes nothing. */
export interface ListPaymentMethodsInput {
  account_holder: Pick<ProviderAccountHolder, "external_id" | "data">;
}

/** `savePaymentMethod`: save a method for the customer (a SetupIntent, say). */
export interface SavePaymentMethodInput {
  account_holder: Pick<ProviderAccountHolder, "external_id" | "data">;
  data: Record<string, unknown>;
  idempotency_key: string;
}
