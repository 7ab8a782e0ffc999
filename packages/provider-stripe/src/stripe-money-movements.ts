import { type PaymentProviderV1, ProviderError } from "@tender/core";
import type Stripe from "stripe";
import type { StripeIntentView } from "./map-stripe-status";
import { toStripeAmount } from "./stripe-currency";
import { toProviderError } from "./stripe-error";
import { dataOf, intentIdOf, mustView, stringField } from "./stripe-intent-data";

export type Call = <T>(key: string | undefined, work: (stripe: Stripe) => Promise<T>) => Promise<T>;

interface MoneyMovementContext {
  id: string;
  client: () => Stripe;
  call: Call;
  retrieve: (intentId: string) => Promise<StripeIntentView>;
  multicapture: boolean;
}

/**
 * Capture, refund, cancel and delete on a PaymentIntent, each with the core's
 * idempotency key. Stripe replays a stored 5xx for the same key, so after one
 * the provider asks Stripe whether this very movement happened (a capture by
 * its own metadata marker on the intent, a refund by Tender's refund id in
 * its metadata, a cancel by the intent's status), never by a total that
 * another movement may have changed: it answers with what happened, or says
 * nothing moved and the request must go again under a new key.
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
      const marker = captureMarker(input.capture_id);
      const params: Stripe.PaymentIntentCaptureParams = {
        amount_to_capture: amountToCapture,
        // Set in the same request as the capture: the intent itself says which captures happened.
        metadata: { [marker]: String(amountToCapture) },
        ...(multicapture ? { final_capture: input.final } : {}),
      };
      const api = client();
      try {
        const captured = await api.paymentIntents.capture(intentId, params, {
          idempotencyKey: input.idempotency_key,
        });
        return { data: { ...input.data, ...dataOf(mustView(captured, id)) } };
      } catch (error) {
        const providerError = fail(error, input.idempotency_key);
        if (!keyAnsweredForGood(providerError)) throw providerError;
        const intent = await call(undefined, (s) => s.paymentIntents.retrieve(intentId));
        if (intent.metadata?.[marker] !== undefined) {
          return { data: { ...input.data, ...dataOf(mustView(intent, id)) } };
        }
        throw nothingMoved(providerError, id, `capture ${input.capture_id}`);
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
      let refund: Stripe.Refund;
      const api = client();
      try {
        refund = await api.refunds.create(
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
        );
      } catch (error) {
        const providerError = fail(error, input.idempotency_key);
        if (!keyAnsweredForGood(providerError)) throw providerError;
        const found = await findRefund(call, intentId, input.refund_id);
        if (found === undefined) throw nothingMoved(providerError, id, `refund ${input.refund_id}`);
        refund = found;
      }
      return {
        status: refundStatusOf(refund.status),
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
      const api = client();
      try {
        const canceled = await api.paymentIntents.cancel(
          intentId,
          { cancellation_reason: reason },
          input.idempotency_key ? { idempotencyKey: input.idempotency_key } : {},
        );
        return { data: { ...input.data, ...dataOf(mustView(canceled, id)) } };
      } catch (error) {
        const providerError = fail(error, input.idempotency_key);
        if (!keyAnsweredForGood(providerError)) throw providerError;
        const after = await retrieve(intentId);
        if (after.status === "canceled") return { data: { ...input.data, ...dataOf(after) } };
        throw nothingMoved(providerError, id, `the cancel of ${intentId}`);
      }
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

/** The metadata key a capture sets on its intent (Stripe keys are at most 40 characters). */
export function captureMarker(captureId: string): string {
  return `tc_${captureId}`.slice(0, 40);
}

/**
 * Stripe will answer this key the same way for ever: a 5xx it stored for the
 * key, or a 400 `idempotency_error` for a key first sent with other
 * parameters (the provider's settings changed before reconcile sent it
 * again). Either way only Stripe's own objects say whether the first request
 * under the key moved money. A 409 (the first request still running) is not one.
 */
export function keyAnsweredForGood(error: ProviderError): boolean {
  if (error.code === "idempotency_error") return error.statusCode === 400;
  return error.code === "api_error" && (error.statusCode ?? 500) >= 500;
}

/** Stripe's records show the request did not happen: it goes again under a new key. */
export function nothingMoved(
  cause: ProviderError,
  providerId: string,
  what: string,
): ProviderError {
  return new ProviderError({
    providerId,
    code: "api_error",
    retryable: true,
    retryUnderNewKey: true,
    message: `Stripe answered ${what} with an error it gives for ever for key ${cause.idempotencyKey ?? "(none)"}; Stripe's own records show it did not happen, so it goes again under a new key.`,
    ...(cause.statusCode !== undefined ? { statusCode: cause.statusCode } : {}),
    ...(cause.requestId ? { requestId: cause.requestId } : {}),
    ...(cause.idempotencyKey ? { idempotencyKey: cause.idempotencyKey } : {}),
    cause,
  });
}

/** Tender's refund at Stripe, found by the refund id it carries in its metadata. */
async function findRefund(
  call: Call,
  intentId: string,
  refundId: string,
): Promise<Stripe.Refund | undefined> {
  const refunds = await refundsAtStripe(call, intentId);
  return refunds.find((refund) => refund.metadata?.tender_refund_id === refundId);
}

/** Every refund of a PaymentIntent at Stripe, Tender's and the Dashboard's. */
export function refundsAtStripe(call: Call, intentId: string): Promise<Stripe.Refund[]> {
  return everyPage(call, (s, page) => s.refunds.list({ payment_intent: intentId, ...page }));
}

/** Every item of a Stripe list, page by page (100 at a time). */
export async function everyPage<TItem extends { id: string }>(
  call: Call,
  list: (
    stripe: Stripe,
    page: { limit: number; starting_after?: string },
  ) => Promise<Stripe.ApiList<TItem>>,
): Promise<TItem[]> {
  const all: TItem[] = [];
  let startingAfter: string | undefined;
  for (;;) {
    const page = await call(undefined, (s) =>
      list(s, { limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) }),
    );
    all.push(...page.data);
    const last = page.data.at(-1);
    if (!page.has_more || last === undefined) return all;
    startingAfter = last.id;
  }
}

/** A Stripe refund's status as the core's: `canceled` and `failed` (also after succeeding) are failed. */
export function refundStatusOf(status: string | null): "pending" | "succeeded" | "failed" {
  if (status === "succeeded") return "succeeded";
  return status === "failed" || status === "canceled" ? "failed" : "pending";
}
