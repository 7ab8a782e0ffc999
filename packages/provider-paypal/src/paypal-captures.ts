import { type PaymentProviderV1, ProviderError } from "@tender/core";
import { match } from "ts-pattern";
import { toPayPalMoney } from "./paypal-currency";
import {
  type PayPalPaymentData,
  readPaymentData,
  withAuthorization,
  withCapture,
} from "./paypal-data";
import { refused, toProviderError, unreadable } from "./paypal-error";
import { type PayPalCaptureView, viewAuthorization, viewCapture } from "./paypal-objects";
import { type PayPalContext, readOrder } from "./paypal-orders";
import type { PayPalProviderSettings } from "./paypal-settings";

/** PayPal honors an authorization's funds for 3 days; after that a reauthorization renews them (once). */
export const HONOR_PERIOD_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * Captures of an AUTHORIZE order's authorization: partial and several
 * (`final_capture` only on the last), each with the capture's key as
 * PayPal-Request-Id and Tender's capture id as `invoice_id`. After any
 * failure the order is read back and the capture found by its invoice id,
 * never by totals: if PayPal made it, that is the answer. A PENDING capture
 * is not booked: it stays an unknown outcome until PayPal completes (or
 * declines) it, and reconcile asks again.
 */
export function paypalCaptures(
  ctx: PayPalContext,
  settings: PayPalProviderSettings<string>,
): Pick<PaymentProviderV1, "capturePayment"> {
  const now = () => (settings.now?.() ?? new Date()).getTime();

  /** The capture as it stands now: booked, still pending (unknown outcome), or refused. */
  const settle = async (data: PayPalPaymentData, capture: PayPalCaptureView, key: string) => {
    const fresh =
      capture.status === "PENDING"
        ? (viewCapture(await ctx.api().getCapture(capture.id)) ?? capture)
        : capture;
    return match(fresh.status)
      .with("COMPLETED", "PARTIALLY_REFUNDED", "REFUNDED", () => ({
        data: withCapture(data, fresh),
      }))
      .with("PENDING", () => {
        throw new ProviderError({
          providerId: ctx.id,
          code: "payment_processing",
          retryable: true,
          idempotencyKey: key,
          message: `PayPal holds capture ${fresh.id} as PENDING (${fresh.status_reason ?? "no reason given"}); it is booked once PayPal completes it (reconcilePayment asks again).`,
        });
      })
      .with("DECLINED", "FAILED", (status) => {
        throw new ProviderError({
          providerId: ctx.id,
          code: "card_declined",
          definite: true,
          idempotencyKey: key,
          declineCode: status.toLowerCase(),
          message: `PayPal ${status.toLowerCase()} capture ${fresh.id}: nothing was captured.`,
        });
      })
      .exhaustive();
  };

  /** Tender's capture at PayPal, found on the order by the invoice id it was sent with. */
  const ownCapture = async (orderId: string, captureId: string) => {
    const order = await readOrder(ctx, orderId);
    const mine = order.captures.filter((capture) => capture.invoice_id === captureId);
    return mine.find((capture) => capture.status !== "DECLINED") ?? mine.at(-1);
  };

  /**
   * After the honor period, an authorization nothing was captured from is
   * reauthorized (once, under a request id of its own, so a retry gets the
   * same new authorization) and the capture goes to the new one.
   */
  const renewIfDue = async (data: PayPalPaymentData): Promise<PayPalPaymentData> => {
    const [original, ...later] = data.authorization_ids ?? [];
    const authorizedAt = Date.parse(data.authorized_at ?? "");
    const expires = Date.parse(data.capture_before ?? "");
    const due =
      settings.reauthorize !== false &&
      original !== undefined &&
      later.length === 0 &&
      (data.captures ?? []).length === 0 &&
      now() >= authorizedAt + HONOR_PERIOD_MS &&
      !(now() >= expires);
    if (!due) return data;
    const requestId = `${original}:reauthorize`;
    let answer: unknown;
    try {
      answer = await ctx.api().reauthorize(original, requestId);
    } catch (error) {
      const failure = toProviderError(error, ctx.id, requestId);
      // Refused: the first authorization is still valid until it expires, and is captured.
      if (failure.definite) return data;
      throw failure;
    }
    const renewed = viewAuthorization(answer);
    if (renewed === undefined) throw unreadable(ctx.id, "an authorization", requestId);
    return withAuthorization(data, renewed);
  };

  return {
    async capturePayment(input) {
      const data = readPaymentData(input.data, ctx.id);
      if (data.intent === "CAPTURE")
        throw refused(
          ctx.id,
          "invalid_request",
          `PayPal order ${data.order_id} was captured when it was authorized (capture: "automatic"); there is nothing to capture.`,
        );
      const amount = toPayPalMoney(input.amount, input.currency_code);
      const key = input.idempotency_key;
      const current = await renewIfDue(data);
      const authorizationId = current.authorization_id;
      if (authorizationId === undefined)
        throw refused(
          ctx.id,
          "invalid_request",
          `PayPal order ${data.order_id} has no authorization to capture.`,
        );
      let answer: unknown;
      try {
        answer = await ctx.api().captureAuthorization(authorizationId, key, {
          amount: { currencyCode: amount.currency_code, value: amount.value },
          finalCapture: input.final,
          // Tender's capture id: the order shows whose capture this is, whatever happens to the answer.
          invoiceId: input.capture_id,
        });
      } catch (error) {
        const failure = toProviderError(error, ctx.id, key);
        const found = await ownCapture(data.order_id, input.capture_id).catch(() => undefined);
        if (found === undefined) throw failure;
        return settle(current, found, key);
      }
      const capture = viewCapture(answer) ?? (await ownCapture(data.order_id, input.capture_id));
      if (capture === undefined) throw unreadable(ctx.id, "a capture", key);
      return settle(current, capture, key);
    },
  };
}
