import { renderPaymentIntent } from "./charges";
import type { CancellationReason, FakePaymentIntent, PaymentIntentStatus } from "./fake-objects";
import type { FakeRoute } from "./fake-route";
import { pathParam } from "./fake-route";
import type { EventOrigin, FakeStripeContext } from "./fake-stripe-state";
import { findPaymentIntent, originOf } from "./payment-intent-params";
import { expandList, optionalEnum } from "./request-params";
import { unexpectedState } from "./stripe-errors";

/** Statuses from which the merchant may cancel (a `processing` intent cannot be canceled in the fake). */
export const CANCELABLE: readonly PaymentIntentStatus[] = [
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
  "requires_capture",
];

const MERCHANT_REASONS = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"] as const;

/** Cancels an intent (releasing any hold) and emits `payment_intent.canceled`. */
export function cancelIntent(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  reason: CancellationReason | null,
  origin: EventOrigin,
): void {
  intent.status = "canceled";
  intent.cancellation_reason = reason;
  intent.canceled_at = context.nowSeconds();
  intent.amount_capturable = 0;
  intent.next_action = null;
  context.emit("payment_intent.canceled", intent, origin);
}

/** `POST /v1/payment_intents/:id/cancel`. */
export const cancelPaymentIntentRoute: FakeRoute = {
  method: "POST",
  path: "/v1/payment_intents/:id/cancel",
  params: new Set(["cancellation_reason"]),
  handle(context, request) {
    const intent = findPaymentIntent(context, pathParam(request, "id"));
    const reason = optionalEnum(request.params, MERCHANT_REASONS, "cancellation_reason") ?? null;
    if (!CANCELABLE.includes(intent.status)) {
      throw unexpectedState(
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: ${CANCELABLE.join(", ")}.`,
        renderPaymentIntent(context, intent),
      );
    }
    cancelIntent(context, intent, reason, originOf(request));
    return { body: renderPaymentIntent(context, intent, expandList(request.params)) };
  },
};
