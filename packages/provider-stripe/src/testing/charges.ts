import type {
  FakeCharge,
  FakePaymentIntent,
  FakePaymentMethod,
  FakePaymentMethodDetails,
} from "./fake-objects";
import type { FakeStripeContext } from "./fake-stripe-state";

/** How long an online card authorization stays capturable. */
export const AUTHORIZATION_VALIDITY_SECONDS = 7 * 24 * 60 * 60;

function detailsOf(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
): FakePaymentMethodDetails {
  if (method.type === "sepa_debit")
    return { type: "sepa_debit", sepa_debit: { ...method.sepa_debit } };
  const manual = intent.capture_method === "manual";
  return {
    type: "card",
    card: {
      ...method.card,
      ...(manual ? { capture_before: context.nowSeconds() + AUTHORIZATION_VALIDITY_SECONDS } : {}),
      ...(manual && intent.payment_method_options.card?.request_multicapture === "if_available"
        ? { multicapture: { status: "available" as const } }
        : {}),
    },
  };
}

/** Records a charge attempt for the intent and makes it the intent's `latest_charge`. */
export function createCharge(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
  outcome: {
    status: FakeCharge["status"];
    captured: boolean;
    failure?: { code: string; message: string };
  },
): FakeCharge {
  const charge: FakeCharge = {
    id: context.newId("ch"),
    object: "charge",
    amount: intent.amount,
    amount_captured: outcome.captured && outcome.status === "succeeded" ? intent.amount : 0,
    amount_refunded: 0,
    balance_transaction: null,
    captured: outcome.captured,
    created: context.nowSeconds(),
    currency: intent.currency,
    customer: intent.customer,
    disputed: false,
    failure_code: outcome.failure?.code ?? null,
    failure_message: outcome.failure?.message ?? null,
    livemode: false,
    metadata: { ...intent.metadata },
    paid: outcome.status === "succeeded",
    payment_intent: intent.id,
    payment_method: method.id,
    payment_method_details: detailsOf(context, intent, method),
    refunded: false,
    status: outcome.status,
  };
  context.state.charges.set(charge.id, charge);
  intent.latest_charge = charge.id;
  return charge;
}

/** The intent's latest charge; an intent that moved past confirmation always has one. */
export function latestChargeOf(context: FakeStripeContext, intent: FakePaymentIntent): FakeCharge {
  const charge =
    intent.latest_charge === null ? undefined : context.state.charges.get(intent.latest_charge);
  if (charge === undefined)
    throw new Error(`PaymentIntent ${intent.id} has no charge; it was never confirmed.`);
  return charge;
}

/**
 * An intent as the API answers it: `latest_charge` and `payment_method` are ids
 * unless the request listed them in `expand[]`.
 */
export function renderPaymentIntent(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  expand: readonly string[] = [],
): object {
  const charge =
    intent.latest_charge === null ? undefined : context.state.charges.get(intent.latest_charge);
  const method =
    intent.payment_method === null
      ? undefined
      : context.state.paymentMethods.get(intent.payment_method);
  return {
    ...structuredClone(intent),
    ...(expand.includes("latest_charge") && charge
      ? { latest_charge: structuredClone(charge) }
      : {}),
    ...(expand.includes("payment_method") && method
      ? { payment_method: structuredClone(method) }
      : {}),
  };
}
