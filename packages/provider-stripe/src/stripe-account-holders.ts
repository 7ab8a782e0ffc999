import type { PaymentProviderV1 } from "@tender/core";
import type Stripe from "stripe";

type Call = <T>(key: string | undefined, work: (stripe: Stripe) => Promise<T>) => Promise<T>;

type AccountHolderMethods = Required<
  Pick<
    PaymentProviderV1,
    | "createAccountHolder"
    | "updateAccountHolder"
    | "deleteAccountHolder"
    | "listPaymentMethods"
    | "savePaymentMethod"
  >
>;

/**
 * Account holders as Stripe customers, and their saved payment methods
 * (saved through SetupIntents). Deleting an account holder detaches it from
 * Tender; the Stripe customer is destroyed only when the caller asks.
 */
export function stripeAccountHolders(providerId: string, call: Call): AccountHolderMethods {
  return {
    async createAccountHolder(input) {
      const customer = await call(input.idempotency_key, (s) =>
        s.customers.create(
          {
            ...(input.customer.email ? { email: input.customer.email } : {}),
            ...(input.customer.name ? { name: input.customer.name } : {}),
            ...(input.customer.phone ? { phone: input.customer.phone } : {}),
            metadata: { tender_customer_id: input.customer.id, tender_provider_id: providerId },
          },
          { idempotencyKey: input.idempotency_key },
        ),
      );
      return { id: customer.id, data: { id: customer.id, email: customer.email ?? null } };
    },

    async updateAccountHolder(input) {
      const externalId = input.account_holder?.external_id ?? "";
      const customer = await call(input.idempotency_key, (s) =>
        s.customers.update(externalId, {
          ...(input.customer.email ? { email: input.customer.email } : {}),
          ...(input.customer.name ? { name: input.customer.name } : {}),
          ...(input.customer.phone ? { phone: input.customer.phone } : {}),
        }),
      );
      return { id: customer.id, data: { id: customer.id, email: customer.email ?? null } };
    },

    async deleteAccountHolder(input) {
      const externalId = input.account_holder?.external_id ?? "";
      if (input.destroy) {
        await call(input.idempotency_key, (s) => s.customers.del(externalId));
        return;
      }
      // Detach: Tender forgets the customer; Stripe keeps it, its payment methods and its history.
      await call(input.idempotency_key, (s) =>
        s.customers.update(externalId, {
          metadata: { tender_customer_id: "", tender_provider_id: "" },
        }),
      );
    },

    async listPaymentMethods(input) {
      const list = await call(undefined, (s) =>
        s.paymentMethods.list({ customer: input.account_holder.external_id, limit: 100 }),
      );
      return list.data.map((method) => ({
        id: method.id,
        data: {
          type: method.type,
          ...(method.card
            ? {
                brand: method.card.brand,
                last4: method.card.last4,
                exp_month: method.card.exp_month,
                exp_year: method.card.exp_year,
              }
            : {}),
        },
      }));
    },

    async savePaymentMethod(input) {
      const paymentMethod =
        typeof input.data.payment_method === "string" ? input.data.payment_method : undefined;
      const setup = await call(input.idempotency_key, (s) =>
        s.setupIntents.create(
          {
            customer: input.account_holder.external_id,
            usage: "off_session",
            ...(paymentMethod ? { payment_method: paymentMethod, confirm: true } : {}),
          },
          { idempotencyKey: input.idempotency_key },
        ),
      );
      const savedId =
        typeof setup.payment_method === "string"
          ? setup.payment_method
          : (setup.payment_method?.id ?? paymentMethod ?? setup.id);
      return {
        id: savedId,
        data: { setup_intent: setup.id, status: setup.status, client_secret: setup.client_secret },
      };
    },
  };
}
