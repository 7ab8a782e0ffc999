import { ProviderError } from "../errors/provider-error";
import type { NextAction } from "./next-action";
import type { PaymentProviderV1 } from "./payment-provider-v1";
import { DEFAULT_CAPABILITIES, type ProviderCapabilities } from "./provider-capabilities";

/** The methods a provider must write itself; {@link defineProvider} fills the rest. */
export type RequiredProviderMethod =
  | "initiatePayment"
  | "authorizePayment"
  | "capturePayment"
  | "refundPayment"
  | "cancelPayment";

/** The methods {@link defineProvider} fills with a documented default when left out. */
export type DefaultedProviderMethod =
  | "updatePayment"
  | "deletePayment"
  | "getPaymentStatus"
  | "getWebhookActionAndData";

/**
 * What {@link defineProvider} takes: an id, the capabilities it supports
 * (the rest default to off), the required methods, and any optional ones.
 */
export type ProviderDefinition<
  TId extends string,
  TSessionData extends Record<string, unknown>,
  TNextAction extends NextAction,
> = {
  id: TId;
  capabilities?: Partial<ProviderCapabilities>;
} & Pick<PaymentProviderV1<TId, TSessionData, TNextAction>, RequiredProviderMethod> &
  Partial<Pick<PaymentProviderV1<TId, TSessionData, TNextAction>, DefaultedProviderMethod>> &
  Omit<
    PaymentProviderV1<TId, TSessionData, TNextAction>,
    | RequiredProviderMethod
    | DefaultedProviderMethod
    | "id"
    | "capabilities"
    | "specificationVersion"
    | "~types"
  >;

/**
 * Builds a v1 provider from the methods a plugin writes, keeping its literal
 * id and its session-data and next-action types for the typed client, with
 * documented defaults for the rest:
 *
 * - `capabilities`: {@link DEFAULT_CAPABILITIES}, with what you declare on top;
 * - `updatePayment`: answers `pending` with the updated data (nothing to change at your service);
 * - `deletePayment`: answers the data unchanged (nothing to close at your service);
 * - `getPaymentStatus` and `getWebhookActionAndData`: refuse, for a provider
 *   without webhooks (declare `capabilities.webhooks` and write both to take them).
 *
 * Give the session data's type as the first type argument when sessions
 * must carry some: the typed client then requires it in `sessions.create`.
 *
 * @example
 * ```ts
 * type GiftCardData = { card: string };
 * export const giftCard = (settings: { id?: string } = {}) =>
 *   defineProvider<GiftCardData>()({
 *     id: settings.id ?? "gift-card",
 *     capabilities: { partialCapture: true },
 *     async initiatePayment(input) { return { status: "pending", data: input.data } },
 *     // authorizePayment, capturePayment, refundPayment, cancelPayment ...
 *   });
 * ```
 */
export function defineProvider<
  TSessionData extends Record<string, unknown> = Record<string, unknown>,
  TNextAction extends NextAction = NextAction,
>() {
  return <const TId extends string>(
    definition: ProviderDefinition<TId, TSessionData, TNextAction>,
  ): PaymentProviderV1<TId, TSessionData, TNextAction> => {
    const { id, capabilities, ...methods } = definition;
    const refuse = (method: string) => async () => {
      throw new ProviderError({
        providerId: id,
        code: "configuration",
        definite: true,
        message: `Provider ${id} takes no webhooks (it has no ${method}); declare capabilities.webhooks and write getWebhookActionAndData and getPaymentStatus to take them.`,
      });
    };
    return {
      updatePayment: async (input) => ({ status: "pending", data: input.data }),
      deletePayment: async (input) => ({ data: input.data }),
      getPaymentStatus: refuse("getPaymentStatus"),
      getWebhookActionAndData: refuse("getWebhookActionAndData"),
      ...methods,
      specificationVersion: "v1",
      id,
      capabilities: { ...DEFAULT_CAPABILITIES, ...capabilities },
    };
  };
}
