import {
  CheckoutPaymentIntent,
  type OrderRequest,
  PaypalExperienceUserAction,
} from "@paypal/paypal-server-sdk";
import type { PaymentProviderV1, ProviderPaymentResult } from "@tender/core";
import { approvalOf, declineOf, toProviderResult } from "./map-paypal-status";
import { toPayPalMoney } from "./paypal-currency";
import { orderData, orderIdOf, stringField, userFields } from "./paypal-data";
import { refused, toProviderError } from "./paypal-error";
import { mustBeOrder, type PayPalContext, readOrder } from "./paypal-orders";
import type { PayPalProviderSettings } from "./paypal-settings";

type SessionMethods = Pick<
  PaymentProviderV1,
  "initiatePayment" | "updatePayment" | "authorizePayment" | "getPaymentStatus"
>;

/** Orders the buyer may still change or approve: an amount can be patched on them. */
const OPEN_ORDER = new Set(["CREATED", "SAVED", "PAYER_ACTION_REQUIRED", "APPROVED"]);

/**
 * The session's side of a PayPal payment, on Orders v2: an order per
 * session (intent AUTHORIZE, or CAPTURE with automatic capture), the buyer's
 * approval at PayPal, then the order's authorization (or capture). Every
 * answer is read from PayPal's order as it is now, so an authorization sent
 * again, or asked about after a lost answer, answers what happened.
 */
export function paypalSessions(
  ctx: PayPalContext,
  settings: PayPalProviderSettings<string>,
): SessionMethods {
  const intent =
    settings.capture === "automatic"
      ? CheckoutPaymentIntent.Capture
      : CheckoutPaymentIntent.Authorize;
  return {
    async initiatePayment(input) {
      const amount = toPayPalMoney(input.amount, input.currency_code);
      const returnUrl =
        stringField(input.data, "return_url") ??
        stringField(input.context, "return_url") ??
        settings.returnUrl;
      const cancelUrl =
        stringField(input.data, "cancel_url") ??
        stringField(input.context, "cancel_url") ??
        settings.cancelUrl;
      const description = stringField(input.data, "description");
      const body: OrderRequest = {
        intent,
        purchaseUnits: [
          {
            referenceId: "default",
            // The session names itself on the order: webhooks find it there.
            customId: input.session_id,
            amount: { currencyCode: amount.currency_code, value: amount.value },
            ...(description ? { description: description.slice(0, 127) } : {}),
          },
        ],
        paymentSource: {
          paypal: {
            experienceContext: {
              ...(returnUrl ? { returnUrl } : {}),
              ...(cancelUrl ? { cancelUrl } : {}),
              userAction: PaypalExperienceUserAction.PayNow,
            },
          },
        },
      };
      const order = mustBeOrder(
        ctx,
        await ctx.api().createOrder(body, input.idempotency_key),
        input.idempotency_key,
      );
      return toProviderResult(order, {
        ...userFields(input.data),
        ...(returnUrl ? { return_url: returnUrl } : {}),
        ...(cancelUrl ? { cancel_url: cancelUrl } : {}),
      });
    },

    async updatePayment(input) {
      const orderId = orderIdOf(input.data, ctx.id);
      const amount = toPayPalMoney(input.amount, input.currency_code);
      const current = await readOrder(ctx, orderId);
      const unchanged =
        current.currency === amount.currency_code && current.amount === input.amount;
      if (unchanged) return toProviderResult(current, input.data);
      if (!OPEN_ORDER.has(current.status)) {
        throw refused(
          ctx.id,
          "invalid_request",
          `PayPal order ${orderId} is ${current.status}: its amount can no longer change. Create a new session for the new amount.`,
        );
      }
      // A replace of the amount is idempotent: sending it again sets the same amount.
      await ctx.api().patchOrderAmount(orderId, amount);
      return toProviderResult(await readOrder(ctx, orderId), input.data);
    },

    async authorizePayment(input) {
      const orderId = orderIdOf(input.data, ctx.id);
      const order = await readOrder(ctx, orderId);
      // Not approved yet (requires_more), or authorized already (answered as it stands).
      if (order.status !== "APPROVED") return toProviderResult(order, input.data);
      const key = input.idempotency_key;
      try {
        const answer =
          order.intent === "CAPTURE"
            ? await ctx.api().captureOrder(orderId, key)
            : await ctx.api().authorizeOrder(orderId, key);
        return toProviderResult(mustBeOrder(ctx, answer, key), input.data);
      } catch (error) {
        const failure = toProviderError(error, ctx.id, key);
        if (failure.code === "card_declined" && failure.definite) {
          return declined(orderData(order, input.data), failure.providerCode ?? "DECLINED");
        }
        // PayPal's order says whether the authorization happened, whatever its answer was.
        const after = await readOrder(ctx, orderId).catch(() => undefined);
        if (after !== undefined && after.status !== "APPROVED")
          return toProviderResult(after, input.data);
        throw failure;
      }
    },

    async getPaymentStatus(input) {
      const orderId = stringField(input.data, "order_id");
      if (orderId === undefined) return { status: "pending", data: input.data };
      return toProviderResult(await readOrder(ctx, orderId), input.data);
    },
  };
}

/** A buyer whose funding source was refused: an error on the session, and the way back to PayPal's approval page. */
function declined(data: Record<string, unknown>, issue: string): ProviderPaymentResult {
  const approval = approvalOf(data);
  return {
    status: "error",
    raw_status: issue,
    data,
    error: declineOf(issue),
    ...(approval ? { next_action: approval } : {}),
  };
}
