import type {
  ProviderIncrementAuthorizationInput as IncrementAuthorizationInput,
  IncrementAuthorizationResult,
} from "@tender/core";
import type Stripe from "stripe";
import type { StripeIntentView } from "./map-stripe-status";
import { toStripeAmount } from "./stripe-currency";
import { toProviderError } from "./stripe-error";
import { dataOf, intentIdOf, mustView } from "./stripe-intent-data";
import { keyAnsweredForGood, nothingMoved } from "./stripe-money-movements";

interface IncrementContext {
  id: string;
  client: () => Stripe;
  retrieve: (intentId: string) => Promise<StripeIntentView>;
}

/**
 * `POST /v1/payment_intents/:id/increment_authorization`: raises the hold to
 * the new total. Stripe declines with `card_declined` (definite: the intent
 * stays capturable for its old amount). After a stored 5xx for the key, the
 * intent's own amount says whether this increment happened: the core sends
 * one increment per payment at a time and totals only grow, so the intent
 * holding the requested total means it did.
 */
export function stripeIncrementAuthorization({ id, client, retrieve }: IncrementContext) {
  const answer = (intent: StripeIntentView, input: IncrementAuthorizationInput) => ({
    amount: intent.amount,
    data: { ...input.data, ...dataOf(intent) },
    ...(intent.capture_before ? { capture_before: intent.capture_before } : {}),
  });
  return async function incrementAuthorization(
    input: IncrementAuthorizationInput,
  ): Promise<IncrementAuthorizationResult> {
    const intentId = intentIdOf(input.data, id);
    const amount = toStripeAmount(input.amount, input.currency_code, { charge: true });
    try {
      const raised = await client().paymentIntents.incrementAuthorization(
        intentId,
        { amount, expand: ["latest_charge"] },
        { idempotencyKey: input.idempotency_key },
      );
      return answer(mustView(raised, id), input);
    } catch (error) {
      const providerError = toProviderError(error, id, input.idempotency_key);
      if (!keyAnsweredForGood(providerError)) throw providerError;
      const intent = await retrieve(intentId);
      if (intent.amount >= input.amount) return answer(intent, input);
      throw nothingMoved(providerError, id, `the increment of ${intentId} to ${input.amount}`);
    }
  };
}
