import { validateChargeAmount } from "./amount-rules";
import { requested } from "./card-options";
import { latestChargeOf, renderPaymentIntent } from "./charges";
import type { FakeCharge, FakePaymentIntent } from "./fake-objects";
import { type FakeRoute, pathParam } from "./fake-route";
import type { FakeStripeContext } from "./fake-stripe-state";
import { findPaymentIntent, originOf } from "./payment-intent-params";
import {
  expandList,
  mergeMetadata,
  optionalMetadata,
  optionalString,
  requiredInteger,
} from "./request-params";
import { cardError, invalidRequest, unexpectedState } from "./stripe-errors";

/** Stripe's limit on incremental authorization attempts per PaymentIntent, declines included. */
export const MAX_INCREMENT_ATTEMPTS = 10;

/**
 * The reason an intent cannot be incremented, in Stripe's words where known:
 * only a hold whose card granted incremental authorization
 * (`payment_method_details.card.incremental_authorization.status: available`),
 * nothing of it captured yet.
 */
function refuseIneligible(context: FakeStripeContext, intent: FakePaymentIntent): FakeCharge {
  if (intent.status !== "requires_capture") {
    throw unexpectedState(
      `This PaymentIntent's authorization could not be incremented because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be incremented: requires_capture.`,
      renderPaymentIntent(context, intent),
    );
  }
  if (!requested(intent, "request_incremental_authorization")) {
    throw invalidRequest(
      "This PaymentIntent is not eligible for incremental authorization because you did not request support using `request_incremental_authorization` when you created or confirmed it.",
    );
  }
  const charge = latestChargeOf(context, intent);
  const details = charge.payment_method_details;
  if (details.type !== "card" || details.card.incremental_authorization?.status !== "available") {
    throw invalidRequest(
      "This PaymentIntent is not eligible for incremental authorization: incremental authorization is unavailable for its payment method (payment_method_details.card.incremental_authorization.status is unavailable).",
    );
  }
  if (charge.amount_captured > 0) {
    throw invalidRequest(
      "This PaymentIntent cannot be incremented because it has already been partially captured; an incremental authorization needs a completely uncaptured PaymentIntent.",
    );
  }
  return charge;
}

/**
 * `POST /v1/payment_intents/:id/increment_authorization`: raises a hold to a
 * higher total `amount`. Success updates the intent's `amount` and
 * `amount_capturable` and the charge's `amount`, with
 * `payment_intent.amount_capturable_updated` and `charge.updated`; a decline
 * (`fake.declineIncrements`) answers 402 `card_declined` and changes nothing.
 * At most 10 attempts, declines included.
 */
export const incrementAuthorizationRoute: FakeRoute = {
  method: "POST",
  path: "/v1/payment_intents/:id/increment_authorization",
  params: new Set(["amount", "description", "metadata", "statement_descriptor"]),
  handle(context, request) {
    const { params } = request;
    const intent = findPaymentIntent(context, pathParam(request, "id"));
    const amount = requiredInteger(params, "amount");
    validateChargeAmount(amount, intent.currency);
    const description = optionalString(params, "description");
    const metadata = optionalMetadata(params);
    optionalString(params, "statement_descriptor");
    const charge = refuseIneligible(context, intent);
    const attempts = context.state.incrementAttempts.get(intent.id) ?? 0;
    if (attempts >= MAX_INCREMENT_ATTEMPTS) {
      throw invalidRequest(
        `This PaymentIntent has reached the maximum of ${MAX_INCREMENT_ATTEMPTS} incremental authorization attempts, declines included.`,
      );
    }
    if (amount <= intent.amount) {
      throw invalidRequest(
        `The amount (${amount}) must be greater than the currently authorized amount (${intent.amount}).`,
        { param: "amount" },
      );
    }
    context.state.incrementAttempts.set(intent.id, attempts + 1);
    if (context.state.declinedIncrements.has(intent.id)) {
      throw cardError({
        code: "card_declined",
        decline_code: "generic_decline",
        message: "Your card was declined.",
        charge: charge.id,
        payment_intent: renderPaymentIntent(context, intent),
      });
    }
    const previous: Record<string, unknown> = { amount: charge.amount };
    intent.amount = amount;
    intent.amount_capturable = amount;
    if (description !== undefined) intent.description = description;
    intent.metadata = mergeMetadata(intent.metadata, metadata);
    charge.amount = amount;
    if (charge.payment_method_details.type === "card") {
      const card = charge.payment_method_details.card;
      if ("amount_authorized" in card && typeof card.amount_authorized === "number") {
        previous.payment_method_details = structuredClone(charge.payment_method_details);
        card.amount_authorized = amount;
      }
    }
    context.emit("payment_intent.amount_capturable_updated", intent, originOf(request));
    context.emit("charge.updated", charge, originOf(request), previous);
    return { body: renderPaymentIntent(context, intent, expandList(params)) };
  },
};

/** `fake.declineIncrements`: the issuer declines (or, with `false`, approves again) the intent's increments. */
export function declineIncrements(context: FakeStripeContext, id: string, decline: boolean): void {
  if (!context.state.paymentIntents.has(id))
    throw new Error(`declineIncrements: no PaymentIntent ${id} in the fake.`);
  if (decline) context.state.declinedIncrements.add(id);
  else context.state.declinedIncrements.delete(id);
}
