import { createHash } from "node:crypto";
import { TenderError } from "../errors/tender-error";
import type {
  PaymentMethodRecord,
  PaymentProviderV1,
  ProviderCustomer,
} from "../provider/payment-provider";
import { assertJsonValue } from "../records/json-value";
import type { AccountHolder } from "../records/records";
import { getProvider, inTransaction, mustGet, type ServiceContext } from "./service-context";
import {
  describe,
  fieldsOf,
  optionalObject,
  optionalString,
  rejectUnknownKeys,
  requireId,
  requireObject,
} from "./validate-input";

export interface CreateAccountHolderInput {
  provider_id: string;
  context: { customer: ProviderCustomer };
}

/**
 * Registers a customer with a provider (a Stripe customer, say). Idempotent:
 * the same provider and customer id return the same account holder, and the
 * provider is asked once.
 */
export async function createAccountHolder(
  ctx: ServiceContext,
  input: unknown,
): Promise<AccountHolder> {
  const { provider, customer } = readHolderInput(ctx, input, "createAccountHolder(input)");
  const id = accountHolderId(provider.id, customer.id);
  const existing = await inTransaction(ctx, ({ tx }) => tx.get("account_holders", id));
  if (existing) return existing;
  const create = requireMethod(provider, provider.createAccountHolder, "createAccountHolder");
  const created = await create.call(provider, { customer, idempotency_key: id });
  const now = ctx.now();
  const record: AccountHolder = {
    id,
    created_at: now,
    updated_at: now,
    provider_id: provider.id,
    customer_id: customer.id,
    external_id: created.id,
    email: customer.email ?? null,
    data: created.data,
    metadata: null,
  };
  try {
    await inTransaction(ctx, ({ tx }) => tx.insert("account_holders", record));
    return record;
  } catch (error) {
    // A concurrent create won the insert; both asked the provider with one key, so it is one customer.
    if (TenderError.isInstance(error) && error.code === "duplicate") {
      return inTransaction(ctx, ({ tx }) => mustGet(tx, "account_holders", id));
    }
    throw error;
  }
}

export async function updateAccountHolder(
  ctx: ServiceContext,
  input: unknown,
): Promise<AccountHolder> {
  const fields = requireObject(input, "updateAccountHolder(input)");
  rejectUnknownKeys(fields, ["id", "context"], "updateAccountHolder(input)");
  const id = requireId(fields.id, "id");
  const holder = await inTransaction(ctx, ({ tx }) => mustGet(tx, "account_holders", id));
  const provider = getProvider(ctx, holder.provider_id);
  const customer = readContext(fields.context);
  const update = requireMethod(provider, provider.updateAccountHolder, "updateAccountHolder");
  const updated = await update.call(provider, {
    customer,
    idempotency_key: `${id}:update:${Date.now()}`,
    account_holder: holder,
  });
  return inTransaction(ctx, ({ tx }) =>
    tx.update("account_holders", id, {
      data: updated.data,
      email: customer.email ?? holder.email,
      updated_at: ctx.now(),
    }),
  );
}

/**
 * Forgets an account holder. The provider's customer is detached, never
 * destroyed, unless `destroy: true` is passed.
 */
export async function deleteAccountHolder(
  ctx: ServiceContext,
  idInput: unknown,
  optionsInput: unknown = {},
): Promise<void> {
  const id = requireId(idInput, "deleteAccountHolder(id)");
  const options = optionalObject(optionsInput, "deleteAccountHolder(id, options)") ?? {};
  rejectUnknownKeys(options, ["destroy"], "deleteAccountHolder(id, options)");
  if (options.destroy !== undefined && typeof options.destroy !== "boolean") {
    throw new TenderError({
      code: "invalid_argument",
      message: `deleteAccountHolder(id, { destroy }) must be true (destroy the provider's customer) or false (detach it); got ${describe(options.destroy)}.`,
    });
  }
  const holder = await inTransaction(ctx, ({ tx }) => mustGet(tx, "account_holders", id));
  const provider = getProvider(ctx, holder.provider_id);
  if (provider.deleteAccountHolder) {
    await provider.deleteAccountHolder({
      customer: { id: holder.customer_id, email: holder.email },
      idempotency_key: `${id}:delete`,
      account_holder: holder,
      destroy: options.destroy === true,
    });
  }
  await inTransaction(ctx, ({ tx }) => tx.delete("account_holders", id));
}

export interface ListPaymentMethodsInput {
  account_holder_id: string;
}

/** The saved payment methods of an account holder, as its provider lists them. */
export async function listPaymentMethods(
  ctx: ServiceContext,
  input: unknown,
): Promise<PaymentMethodRecord[]> {
  const fields = requireObject(input, "listPaymentMethods(input)");
  rejectUnknownKeys(fields, ["account_holder_id"], "listPaymentMethods(input)");
  const id = requireId(fields.account_holder_id, "account_holder_id");
  const holder = await inTransaction(ctx, ({ tx }) => mustGet(tx, "account_holders", id));
  const provider = getProvider(ctx, holder.provider_id);
  const list = requireMethod(provider, provider.listPaymentMethods, "listPaymentMethods");
  return list.call(provider, { account_holder: holder });
}

export interface CreatePaymentMethodsInput {
  account_holder_id: string;
  data: Record<string, unknown>;
}

/** Saves a payment method for an account holder at its provider. */
export async function createPaymentMethods(
  ctx: ServiceContext,
  input: unknown,
): Promise<PaymentMethodRecord> {
  const fields = requireObject(input, "createPaymentMethods(input)");
  rejectUnknownKeys(fields, ["account_holder_id", "data"], "createPaymentMethods(input)");
  const id = requireId(fields.account_holder_id, "account_holder_id");
  // Sent to the provider and hashed into the idempotency key as JSON: it must be a JSON value.
  const data = requireObject(fields.data, "data");
  assertJsonValue(fields.data, "data");
  const holder = await inTransaction(ctx, ({ tx }) => mustGet(tx, "account_holders", id));
  const provider = getProvider(ctx, holder.provider_id);
  const save = requireMethod(provider, provider.savePaymentMethod, "savePaymentMethod");
  return save.call(provider, {
    account_holder: holder,
    data,
    idempotency_key: `${id}:method:${createHash("sha256").update(JSON.stringify(data)).digest("hex").slice(0, 32)}`,
  });
}

function readHolderInput(ctx: ServiceContext, input: unknown, where: string) {
  const fields = requireObject(input, where);
  rejectUnknownKeys(fields, ["provider_id", "context"], where);
  const provider = getProvider(ctx, requireId(fields.provider_id, "provider_id"));
  const customer = readContext(fields.context);
  return { provider, customer };
}

/** The `context` of an account holder's create or update: `{ customer }` and nothing else. */
function readContext(value: unknown): ProviderCustomer {
  const context = requireObject(value, "context");
  rejectUnknownKeys(context, ["customer"], "context");
  return readCustomer(context.customer);
}

const CUSTOMER_FIELDS = fieldsOf<ProviderCustomer>()(["id", "email", "name", "phone"]);

function readCustomer(value: unknown): ProviderCustomer {
  const fields = requireObject(value, "context.customer");
  rejectUnknownKeys(fields, CUSTOMER_FIELDS, "context.customer");
  const customer: ProviderCustomer = { id: requireId(fields.id, "context.customer.id") };
  for (const key of ["email", "name", "phone"] as const) {
    const given = optionalString(fields[key], `context.customer.${key}`);
    if (given !== undefined) customer[key] = given;
  }
  assertJsonValue(customer, "context.customer");
  return customer;
}

function requireMethod<T>(provider: PaymentProviderV1, method: T | undefined, name: string): T {
  if (method === undefined) {
    throw new TenderError({
      code: "capability_not_supported",
      message: `Provider ${provider.id} does not implement ${name}; use a provider with account holders.`,
    });
  }
  return method;
}

function accountHolderId(providerId: string, customerId: string): string {
  const digest = createHash("sha256").update(`${providerId}\u0000${customerId}`).digest("hex");
  return `acchld_${digest.slice(0, 26)}`;
}
