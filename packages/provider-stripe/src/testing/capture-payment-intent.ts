import { formatAmount } from "./amount-rules";
import { recordBalanceTransaction } from "./charge-events";
import { latestChargeOf, renderPaymentIntent } from "./charges";
import { disputeIfTestCardSays } from "./disputes";
import type { FakeRoute } from "./fake-route";
import { pathParam } from "./fake-route";
import { findPaymentIntent, originOf } from "./payment-intent-params";
import {
  expandList,
  mergeMetadata,
  optionalBoolean,
  optionalInteger,
  optionalMetadata,
} from "./request-params";
import { invalidParam, invalidRequest, unexpectedState } from "./stripe-errors";

/**
 * `POST /v1/payment_intents/:id/capture`: captures all or part of a hold.
 * Without multicapture the rest is released and the intent succeeds; with it
 * (`request_multicapture: if_available` on a card), `final_capture=false`
 * keeps the intent in `requires_capture` with less left to capture.
 */
/** Stripe's limit on the captures of one PaymentIntent (multicapture). */
export const MAX_CAPTURES = 50;

export const capturePaymentIntentRoute: FakeRoute = {
  method: "POST",
  path: "/v1/payment_intents/:id/capture",
  params: new Set([
    "amount_to_capture",
    "final_capture",
    "metadata",
    "statement_descriptor",
    "statement_descriptor_suffix",
  ]),
  handle(context, request) {
    const { params } = request;
    const intent = findPaymentIntent(context, pathParam(request, "id"));
    const requested = optionalInteger(params, "amount_to_capture");
    const finalCapture = optionalBoolean(params, "final_capture") ?? true;
    const metadata = optionalMetadata(params);
    if (requested !== undefined && requested < 1) {
      throw invalidParam("This value must be greater than or equal to 1.", {
        param: "amount_to_capture",
      });
    }
    if (intent.status !== "requires_capture") {
      throw unexpectedState(
        `This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
        renderPaymentIntent(context, intent),
      );
    }
    const charge = latestChargeOf(context, intent);
    const multicapture =
      intent.payment_method_options.card?.request_multicapture === "if_available" &&
      charge.payment_method_details.type === "card";
    if (!finalCapture && !multicapture) {
      throw invalidRequest(
        "final_capture=false is only allowed on a PaymentIntent with multicapture available.",
        {
          param: "final_capture",
        },
      );
    }
    const captures = context.state.captureCounts.get(charge.id) ?? 0;
    if (captures >= MAX_CAPTURES || (!finalCapture && captures + 1 >= MAX_CAPTURES)) {
      throw invalidRequest(
        `A PaymentIntent can be captured at most ${MAX_CAPTURES} times, the last one final; this one has been captured ${captures} times.`,
        { param: "final_capture", code: "payment_intent_unexpected_state" },
      );
    }
    const amount = requested ?? intent.amount_capturable;
    if (amount > intent.amount_capturable) {
      throw invalidRequest(
        `The amount to capture (${formatAmount(amount, intent.currency)}) is greater than the amount capturable on this PaymentIntent (${formatAmount(intent.amount_capturable, intent.currency)}).`,
        {
          param: "amount_to_capture",
          code: "amount_too_large",
          payment_intent: renderPaymentIntent(context, intent),
        },
      );
    }
    intent.metadata = mergeMetadata(intent.metadata, metadata);
    context.state.captureCounts.set(charge.id, captures + 1);
    intent.amount_received += amount;
    charge.amount_captured += amount;
    charge.captured = true;
    recordBalanceTransaction(context, charge);
    if (!finalCapture) {
      intent.amount_capturable -= amount;
      context.emit("payment_intent.amount_capturable_updated", intent, originOf(request));
    } else {
      // The uncaptured rest of the hold is released.
      intent.amount_capturable = 0;
      intent.status = "succeeded";
      context.emit("payment_intent.succeeded", intent, originOf(request));
    }
    context.emit("charge.captured", charge, originOf(request));
    disputeIfTestCardSays(context, charge);
    return { body: renderPaymentIntent(context, intent, expandList(params)) };
  },
};
