import type { PaymentProviderV1 } from "@tender/core";
import { orderData, readPaymentData } from "./paypal-data";
import { refused, toProviderError } from "./paypal-error";
import type { PayPalOrderView } from "./paypal-objects";
import { type PayPalContext, readOrder } from "./paypal-orders";

/** An order whose authorization holds nothing any more: voided, or lapsed. */
function released(order: PayPalOrderView): boolean {
  const status = order.authorizations.at(-1)?.status;
  return status === "VOIDED" || status === "EXPIRED";
}

/**
 * Cancel voids the order's current authorization (the newest, after a
 * reauthorization); one voided or expired already is answered as released.
 * After any failure the authorization is read back: voided is the answer.
 * `retrievePayment` reads the whole id chain back from PayPal's order.
 */
export function paypalCancel(ctx: PayPalContext): Pick<PaymentProviderV1, "cancelPayment"> & {
  retrievePayment: NonNullable<PaymentProviderV1["retrievePayment"]>;
} {
  return {
    async cancelPayment(input) {
      const data = readPaymentData(input.data, ctx.id);
      if (data.intent === "CAPTURE")
        throw refused(
          ctx.id,
          "invalid_request",
          `PayPal order ${data.order_id} was captured at once (capture: "automatic"); refund it instead.`,
        );
      const order = await readOrder(ctx, data.order_id);
      const authorization = order.authorizations.at(-1);
      if (authorization === undefined)
        throw refused(
          ctx.id,
          "invalid_request",
          `PayPal order ${order.id} has no authorization to void.`,
        );
      if (released(order)) return { data: orderData(order, input.data) };
      const key = input.idempotency_key ?? `${input.session_id}:cancel`;
      try {
        await ctx.api().voidAuthorization(authorization.id, key);
      } catch (error) {
        const failure = toProviderError(error, ctx.id, key);
        const after = await readOrder(ctx, data.order_id).catch(() => undefined);
        if (after !== undefined && released(after)) return { data: orderData(after, input.data) };
        throw failure;
      }
      return { data: orderData(await readOrder(ctx, data.order_id), input.data) };
    },

    async retrievePayment(input) {
      const data = readPaymentData(input.data, ctx.id);
      return { data: orderData(await readOrder(ctx, data.order_id), input.data) };
    },
  };
}
