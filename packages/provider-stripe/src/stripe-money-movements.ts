import type { PaymentProviderV1 } from "@tender/core";
import type Stripe from "stripe";
import type { StripeIntentView } from "./map-stripe-status";
import { toStripeAmount } from "./stripe-currency";
import { toProviderError } from "./stripe-error";
import { dataOf, intentIdOf, mustView, numberField, stringField } from "./stripe-intent-data";

type Call = <T>(key: string | undefined, work: (stripe: Stripe) => Promise<T>) => Promise<T>;

interface MoneyMovementContext {
  id: string;
  client: () => Stripe;
  call: Call;
  retrieve: (intentId: string) => Promise<StripeIntentView>;
  multicapture: boolean;
}

/**
 * Capture, refund, cancel and delete on a PaymentIntent, each with the core's
 * idempotency key. A capture answered by a stored 500 asks Stripe what
 * happened before anything is sent again.
 */
export function stripeMoneyMovements({
  id,
  client,
  call,
  retrieve,
  multicapture,
}: MoneyMovementContext): Pick<
  PaymentProviderV1,
  "capturePayment" | "refundPayment" | "cancelPayment" | "deletePayment"
> {
  const fail = (error: unknown, key?: string) => toProviderError(error, id, key);
  return {
    async capturePayment(input) {
      const intentId = intentIdOf(input.data, id);
      const amountToCapture = toStripeAmount(input.amount, input.currency_code, { charge: false });
      const params: Stripe.PaymentIntentCaptureParams = {
        amount_to_capture: amountToCapture,
        ...(multicapture ? { final_capture: input.final } : {}),
      };
      const capture = (key: string) =>
        client().paymentIntents.capture(intentId, params, { idempotencyKey: key });
      try {
        return {
          data: { ...input.data, ...dataOf(mustView(await capture(input.idempotency_key), id)) },
        };
      } catch (error) {
        const providerError = fail(error, input.idempotency_key);
        if (providerError.code !== "api_error") throw providerError;
        // Stripe replays a stored 500 for the same key, so ask the intent what happened.
        const before = numberField(input.data, "amount_received") ?? 0;
        const now = await retrieve(intentId);
        if (now.amount_received >= before + input.amount)
          return { data: { ...input.data, ...dataOf(now) } };
        if (now.status !== "requires_capture" || now.amount_capturable < input.amount)
          throw providerError;
        // The first attempt finished without capturing: a new key cannot capture twice.
        return call(`${input.idempotency_key}:after-5xx`, async () => ({
          data: {
            ...input.data,
            ...dataOf(mustView(await capture(`${input.idempotency_key}:after-5xx`), id)),
          },
        }));
      }
    },

    async refundPayment(input) {
      const intentId = intentIdOf(input.data, id);
      const amount = toStripeAmount(input.amount, input.currency_code, { charge: false });
      const reason =
        input.reason === "duplicate" ||
        input.reason === "fraudulent" ||
        input.reason === "requested_by_customer"
          ? input.reason
          : undefined;
      const refund = await call(input.idempotency_key, (s) =>
        s.refunds.create(
          {
            payment_intent: intentId,
            amount,
            ...(reason ? { reason } : {}),
            metadata: {
              tender_refund_id: input.refund_id,
              tender_payment_id: input.payment_id,
              session_id: stringField(input.data, "session_id") ?? "",
              ...(input.note ? { note: input.note.slice(0, 500) } : {}),
            },
          },
          { idempotencyKey: input.idempotency_key },
        ),
      );
      const status =
        refund.status === "succeeded"
          ? "succeeded"
          : refund.status === "failed" || refund.status === "canceled"
            ? "failed"
            : "pending";
      return {
        status,
        data: { stripe_refund_id: refund.id, stripe_status: refund.status ?? null },
      };
    },

    async cancelPayment(input) {
      const intentId = intentIdOf(input.data, id);
      const current = await retrieve(intentId);
      if (current.status === "canceled") return { data: { ...input.data, ...dataOf(current) } };
      const reasonInput = stringField(input.data, "cancellation_reason");
      const reason =
        reasonInput === "duplicate" || reasonInput === "fraudulent" || reasonInput === "abandoned"
          ? reasonInput
          : "requested_by_customer";
      const canceled = await call(input.idempotency_key, async (s) =>
        mustView(
          await s.paymentIntents.cancel(
            intentId,
            { cancellation_reason: reason },
            input.idempotency_key ? { idempotencyKey: input.idempotency_key } : {},
          ),
          id,
        ),
      );
      return { data: { ...input.data, ...dataOf(canceled) } };
    },

    async deletePayment(input) {
      const intentId = stringField(input.data, "id");
      if (!intentId) return { data: input.data };
      const current = await retrieve(intentId);
      if (["succeeded", "canceled", "processing", "requires_capture"].includes(current.status)) {
        return { data: { ...input.data, ...dataOf(current) } };
      }
      const canceled = await call(input.idempotency_key, async (s) =>
        mustView(await s.paymentIntents.cancel(intentId, { cancellation_reason: "abandoned" }), id),
      );
      return { data: { ...input.data, ...dataOf(canceled) } };
    },
  };
}
