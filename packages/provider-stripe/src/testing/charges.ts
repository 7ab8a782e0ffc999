import { cardAuthorizationDetails } from "./card-authorization";
import { chargeCard, chargeSepaDebit } from "./card-details";
import { announceCharge } from "./charge-events";
import { chargeOutcome } from "./charge-outcome";
import type {
  FakeCharge,
  FakePaymentIntent,
  FakePaymentMethod,
  FakePaymentMethodDetails,
  FakeThreeDSecure,
} from "./fake-objects";
import type { EventOrigin, FakeStripeContext } from "./fake-stripe-state";
import { CALCULATED_STATEMENT_DESCRIPTOR, chargeNulls } from "./object-defaults";
import { behaviourOf } from "./payment-methods";

function detailsOf(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
  threeDSecure: FakeThreeDSecure | undefined,
  authorized: { amount: number; chargeId: string } | null,
): FakePaymentMethodDetails {
  if (method.type === "sepa_debit") {
    return {
      type: "sepa_debit",
      sepa_debit: chargeSepaDebit(method.sepa_debit, context.newId("mandate")),
    };
  }
  return {
    type: "card",
    card: {
      ...chargeCard(method.card, authorized),
      ...cardAuthorizationDetails(intent, method.card, context.nowSeconds()),
      three_d_secure: threeDSecure ?? null,
    },
  };
}

/**
 * Records a charge attempt for the intent, makes it the intent's
 * `latest_charge` and announces it (`charge.succeeded`, `charge.pending` or
 * `charge.failed`). A synchronous capture (`capture_method: automatic`) has
 * its balance transaction at once.
 */
export function createCharge(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
  outcome: {
    status: FakeCharge["status"];
    captured: boolean;
    /** A decline: Stripe's error code (`failure_code`) and the issuer's decline code (`outcome.reason`). */
    failure?: { code: string; declineCode?: string; message: string };
    /** The 3D Secure authentication this attempt went through, if any. */
    threeDSecure?: FakeThreeDSecure;
  },
  origin: EventOrigin,
): FakeCharge {
  const id = context.newId("ch");
  const approved = outcome.failure === undefined;
  const paidNow = outcome.captured && outcome.status === "succeeded";
  const charge: FakeCharge = {
    id,
    object: "charge",
    ...chargeNulls(),
    amount: intent.amount,
    amount_captured: paidNow ? intent.amount : 0,
    amount_refunded: 0,
    balance_transaction:
      paidNow && intent.capture_method === "automatic" ? context.newId("txn") : null,
    billing_details: structuredClone(method.billing_details),
    calculated_statement_descriptor: CALCULATED_STATEMENT_DESCRIPTOR,
    captured: outcome.captured,
    created: context.nowSeconds(),
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    disputed: false,
    failure_code: outcome.failure?.code ?? null,
    failure_message: outcome.failure?.message ?? null,
    livemode: false,
    metadata: { ...intent.metadata },
    paid: outcome.status === "succeeded",
    payment_intent: intent.id,
    payment_method: method.id,
    outcome: chargeOutcome(
      behaviourOf(context, method),
      approved
        ? { approved: true }
        : { approved: false, declineCode: outcome.failure?.declineCode ?? "generic_decline" },
    ),
    payment_method_details: detailsOf(
      context,
      intent,
      method,
      outcome.threeDSecure,
      approved && method.type === "card" ? { amount: intent.amount, chargeId: id } : null,
    ),
    receipt_url: approved ? `https://pay.stripe.com/receipts/payment/${id}` : null,
    refunded: false,
    review: null,
    status: outcome.status,
  };
  context.state.charges.set(charge.id, charge);
  intent.latest_charge = charge.id;
  announceCharge(context, charge, intent, origin);
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
