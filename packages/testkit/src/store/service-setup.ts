import {
  createPaymentModuleService,
  type PaymentModuleService,
  type PaymentStore,
} from "@tender/core";
import { type ScriptedProvider, scriptedProvider } from "@tender/core/testing";
import { pause } from "./gate";

/** A card provider that answers after a short, varying delay, so concurrent calls interleave. */
export function slowCard(): ScriptedProvider {
  return scriptedProvider({
    id: "card",
    authorize: async (input, call) => {
      await pause(1 + (call % 3));
      return { status: "authorized", data: input.data };
    },
    capture: async (input, call) => {
      await pause(1 + (call % 3));
      return { data: input.data };
    },
    refund: async (input, call) => {
      await pause(1 + (call % 3));
      return { status: "succeeded", data: input.data };
    },
  });
}

/** A service over `store`, a usd collection of `amount`, its session and authorized payment. */
export async function authorizedPayment(
  store: PaymentStore,
  provider: ScriptedProvider,
  amount = 1000,
): Promise<{
  service: PaymentModuleService;
  collectionId: string;
  paymentId: string;
}> {
  const service = createPaymentModuleService({ providers: [provider], store });
  const collection = await service.createPaymentCollections({ currency_code: "usd", amount });
  const session = await service.createPaymentSession(collection.id, {
    provider_id: provider.id,
    currency_code: "usd",
    amount,
  });
  const payment = await service.authorizePaymentSession(session.id);
  return { service, collectionId: collection.id, paymentId: payment.id };
}

export function fulfilled<T>(results: PromiseSettledResult<T>[]): T[] {
  return results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
}

export function rejected<T>(results: PromiseSettledResult<T>[]): unknown[] {
  return results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
}

export const sum = (items: Array<{ amount: number }>) =>
  items.reduce((total, item) => total + item.amount, 0);
