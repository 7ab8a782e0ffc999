import {
  defineProvider,
  type PaymentProviderV1,
  ProviderError,
  providerId,
  TenderError,
} from "@tender/core";
import type { PayPalNextAction } from "./map-paypal-status";
import { paypalCancel } from "./paypal-cancel";
import { paypalCaptures } from "./paypal-captures";
import { lazyPayPalApi, type PayPalApi } from "./paypal-client";
import type { PayPalSessionData } from "./paypal-data";
import { refusedBeforeSending } from "./paypal-error";
import type { PayPalContext } from "./paypal-orders";
import { paypalRefunds } from "./paypal-refunds";
import { paypalSessions } from "./paypal-sessions";
import { type PayPalProviderSettings, resolveWebhookId } from "./paypal-settings";
import { readPayPalWebhook } from "./paypal-webhook";

/** The PayPal provider: a v1 provider, with the calls PayPal adds. */
export interface PayPalProvider<TId extends string = "paypal">
  extends PaymentProviderV1<TId, PayPalSessionData, PayPalNextAction> {
  /** The payment's id chain as PayPal's order has it now; reconcile refreshes a payment with it. */
  retrievePayment: NonNullable<PaymentProviderV1["retrievePayment"]>;
  /** Every refund of the order, Tender's (one per Tender refund, however it was split) and the dashboard's. */
  listRefunds: NonNullable<PaymentProviderV1["listRefunds"]>;
  /** The API the provider talks to (made on first use, from the settings or the environment). */
  readonly api: () => PayPalApi;
}

/**
 * The PayPal provider, on Orders v2 and the official `@paypal/paypal-server-sdk`:
 * an order per session, approved by the buyer at PayPal (the session asks
 * for it with a `redirect_to_url` next action), then authorized (captured in
 * one or several parts, refunded per capture, voided) or, with
 * `capture: "automatic"`, captured at once. Webhooks are verified by PayPal.
 *
 * @example
 * ```ts
 * const service = createPaymentModuleService({
 *   providers: [paypal({ environment: "sandbox", returnUrl: "https://shop.example/paypal/return" })],
 * });
 * const session = await service.createPaymentSession(collection.id, {
 *   provider_id: "paypal", currency_code: "eur", amount: 5000,
 * });
 * // Send the buyer to session.next_action.redirect_url; when PayPal sends them back:
 * const payment = await service.authorizePaymentSession(session.id);
 * ```
 */
export function paypal<const TId extends string = "paypal">(
  settings: PayPalProviderSettings<TId> = {},
): PayPalProvider<NoInfer<TId>> {
  const id = providerId<TId>(settings.id, "paypal");
  const api = lazyPayPalApi(settings, id);
  const ctx: PayPalContext = { id, api };
  const automatic = settings.capture === "automatic";
  const sessions = paypalSessions(ctx, settings);
  const captures = paypalCaptures(ctx, settings);
  const refunds = paypalRefunds(ctx);
  const cancel = paypalCancel(ctx);
  const guard = refusingUnsent(id);
  const retrievePayment = guard(cancel.retrievePayment);
  const listRefunds = guard(refunds.listRefunds);
  const provider = defineProvider<PayPalSessionData, PayPalNextAction>()({
    id,
    capabilities: {
      partialCapture: true,
      multipleCaptures: !automatic,
      partialRefund: true,
      webhooks: true,
      automaticCapture: automatic,
      local: false,
    },
    initiatePayment: guard(sessions.initiatePayment),
    updatePayment: guard(sessions.updatePayment),
    authorizePayment: guard(sessions.authorizePayment),
    getPaymentStatus: guard(sessions.getPaymentStatus),
    capturePayment: guard(captures.capturePayment),
    refundPayment: guard(refunds.refundPayment),
    listRefunds,
    cancelPayment: guard(cancel.cancelPayment),
    retrievePayment,
    getWebhookActionAndData: guard((payload) =>
      readPayPalWebhook(ctx, resolveWebhookId(settings), payload),
    ),
  });
  return { ...provider, retrievePayment, listRefunds, api };
}

/**
 * Our own checks refuse a request before anything reaches PayPal (a
 * currency PayPal does not take, a missing credential): that refusal is
 * definite, nothing moved. Anything PayPal answered is already a
 * `ProviderError`, classified by `toProviderError`.
 */
function refusingUnsent(providerId: string) {
  return <TInput, TOutput>(method: (input: TInput) => Promise<TOutput>) =>
    async (input: TInput): Promise<TOutput> => {
      try {
        return await method(input);
      } catch (error) {
        if (TenderError.isInstance(error) && !ProviderError.isProviderError(error))
          throw refusedBeforeSending(error, providerId);
        throw error;
      }
    };
}
