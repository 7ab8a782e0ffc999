import { formatAmount } from "./amount-rules";
import { assertNotChargedBack } from "./disputes";
import type { FakeCharge, FakeRefund } from "./fake-objects";
import { type FakeRoute, pathParam } from "./fake-route";
import type { EventOrigin, FakeStripeContext } from "./fake-stripe-state";
import { refundNulls } from "./object-defaults";
import { originOf } from "./payment-intent-params";
import { behaviourOf } from "./payment-methods";
import { optionalEnum, optionalInteger, optionalMetadata, optionalString } from "./request-params";
import { settleRiskOfRefundedCharge } from "./risk-signals";
import { invalidParam, invalidRequest, missingReference, resourceMissing } from "./stripe-errors";

const REASONS = ["duplicate", "fraudulent", "requested_by_customer"] as const;

/** Refunds that still count against the charge (a failed or canceled one gives the amount back). */
function outstandingRefunds(context: FakeStripeContext, charge: FakeCharge): number {
  let total = 0;
  for (const refund of context.state.refunds.values()) {
    if (refund.charge === charge.id && refund.status !== "failed" && refund.status !== "canceled")
      total += refund.amount;
  }
  return total;
}

function syncChargeRefunds(context: FakeStripeContext, charge: FakeCharge): void {
  charge.amount_refunded = outstandingRefunds(context, charge);
  charge.refunded = charge.amount_captured > 0 && charge.amount_refunded >= charge.amount_captured;
}

/** The charge a refund request points at: `payment_intent`'s latest charge, or `charge`. */
function chargeToRefund(
  context: FakeStripeContext,
  intentId: string | undefined,
  chargeId: string | undefined,
): FakeCharge {
  if (intentId !== undefined) {
    const intent = context.state.paymentIntents.get(intentId);
    if (intent === undefined) throw missingReference("payment_intent", intentId, "payment_intent");
    const charge =
      intent.latest_charge === null ? undefined : context.state.charges.get(intent.latest_charge);
    if (charge === undefined || intent.amount_received === 0) {
      throw invalidRequest(
        `This PaymentIntent (${intent.id}) does not have a successful charge to refund; its status is ${intent.status}. Cancel an uncaptured PaymentIntent instead.`,
        { param: "payment_intent", code: "payment_intent_unexpected_state" },
      );
    }
    return charge;
  }
  if (chargeId === undefined)
    throw invalidParam("Missing required param: payment_intent.", {
      param: "payment_intent",
      code: "parameter_missing",
    });
  const charge = context.state.charges.get(chargeId);
  if (charge === undefined) throw missingReference("charge", chargeId, "charge");
  return charge;
}

/**
 * Creates a refund as `POST /v1/refunds` does, or as the Dashboard does
 * (no metadata, no request): what is left of the charge when no amount is
 * given; `refund.created` and `charge.refunded` follow. A charge whose
 * chargeback is open or lost is refused (`charge_disputed`).
 */
export function createRefund(
  context: FakeStripeContext,
  request: {
    intentId: string | undefined;
    chargeId: string | undefined;
    amount: number | undefined;
    reason: FakeRefund["reason"];
    metadata: Record<string, string>;
  },
  origin: EventOrigin,
): FakeRefund {
  const { amount } = request;
  const charge = chargeToRefund(context, request.intentId, request.chargeId);
  assertNotChargedBack(context, charge);
  const left = charge.amount_captured - outstandingRefunds(context, charge);
  if (left <= 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
      code: "charge_already_refunded",
    });
  }
  if (amount !== undefined && amount > left) {
    throw invalidRequest(
      `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(left, charge.currency)})`,
      { param: "amount", code: "amount_too_large" },
    );
  }
  const method = context.state.paymentMethods.get(charge.payment_method);
  const pending = method !== undefined && behaviourOf(context, method).refunds === "pending";
  const refund: FakeRefund = {
    id: context.newId("re"),
    object: "refund",
    ...refundNulls(),
    amount: amount ?? left,
    // Stripe books a refund at once, even one the bank has yet to settle.
    balance_transaction: context.newId("txn"),
    charge: charge.id,
    created: context.nowSeconds(),
    currency: charge.currency,
    customer: charge.customer,
    metadata: request.metadata,
    payment_intent: charge.payment_intent,
    payment_method: charge.payment_method,
    reason: request.reason,
    status: pending ? "pending" : "succeeded",
  };
  context.state.refunds.set(refund.id, refund);
  syncChargeRefunds(context, charge);
  context.emit("refund.created", refund, origin);
  context.emit("charge.refunded", charge, origin);
  settleRiskOfRefundedCharge(context, charge);
  return refund;
}

/** `POST /v1/refunds` and `GET /v1/refunds/:id`. */
export const refundRoutes: FakeRoute[] = [
  {
    method: "POST",
    path: "/v1/refunds",
    params: new Set([
      "payment_intent",
      "charge",
      "amount",
      "reason",
      "metadata",
      "instructions_email",
      "refund_application_fee",
      "reverse_transfer",
    ]),
    handle(context, request) {
      const { params } = request;
      const amount = optionalInteger(params, "amount");
      if (amount !== undefined && amount < 1)
        throw invalidParam("This value must be greater than or equal to 1.", { param: "amount" });
      const refund = createRefund(
        context,
        {
          intentId: optionalString(params, "payment_intent") ?? undefined,
          chargeId: optionalString(params, "charge") ?? undefined,
          amount,
          reason: optionalEnum(params, REASONS, "reason") ?? null,
          metadata: optionalMetadata(params) ?? {},
        },
        originOf(request),
      );
      return { body: refund };
    },
  },
  {
    // Newest first, as Stripe lists; `payment_intent` or `charge` narrows it, `starting_after` pages.
    method: "GET",
    path: "/v1/refunds",
    params: new Set(["payment_intent", "charge", "limit", "starting_after", "ending_before"]),
    handle(context, request) {
      const intentId = optionalString(request.params, "payment_intent");
      const chargeId = optionalString(request.params, "charge");
      const limit = optionalInteger(request.params, "limit") ?? 10;
      if (limit < 1 || limit > 100) {
        throw invalidParam("This value must be between 1 and 100.", { param: "limit" });
      }
      const after = optionalString(request.params, "starting_after");
      let matching = [...context.state.refunds.values()]
        .filter((refund) => !intentId || refund.payment_intent === intentId)
        .filter((refund) => !chargeId || refund.charge === chargeId)
        .reverse();
      if (after !== undefined && after !== null) {
        const index = matching.findIndex((refund) => refund.id === after);
        if (index < 0) throw resourceMissing("refund", after, "starting_after");
        matching = matching.slice(index + 1);
      }
      return {
        body: {
          object: "list",
          data: matching.slice(0, limit),
          has_more: matching.length > limit,
          url: "/v1/refunds",
        },
      };
    },
  },
  {
    method: "GET",
    path: "/v1/refunds/:id",
    params: new Set(),
    handle(context, request) {
      const id = pathParam(request, "id");
      const refund = context.state.refunds.get(id);
      if (refund === undefined) throw resourceMissing("refund", id, "refund");
      return { body: refund };
    },
  },
];

/**
 * Settles a pending refund, or fails one that had succeeded (Stripe fails a
 * refund later when the customer's bank returns it). A failed refund gives its
 * amount back to the charge; events `refund.updated`, `charge.refund.updated`
 * and, on failure, `refund.failed`.
 */
export function settleRefund(
  context: FakeStripeContext,
  refundId: string,
  outcome: "succeeded" | "failed",
): void {
  const refund = context.state.refunds.get(refundId);
  if (refund === undefined) throw new Error(`settleRefund: no refund ${refundId} in the fake.`);
  const reversal = refund.status === "succeeded" && outcome === "failed";
  if (refund.status !== "pending" && !reversal) {
    throw new Error(
      `settleRefund: refund ${refundId} is ${refund.status}; only a pending refund settles, and only a succeeded one fails later.`,
    );
  }
  const origin: EventOrigin = { id: null, idempotency_key: null };
  refund.status = outcome;
  if (outcome === "failed") {
    // Stripe adds both only once a refund fails: why, and the transaction that gave the money back.
    refund.failure_reason = "declined";
    refund.failure_balance_transaction = context.newId("txn");
  }
  const charge = context.state.charges.get(refund.charge);
  if (charge) syncChargeRefunds(context, charge);
  context.emit("refund.updated", refund, origin);
  context.emit("charge.refund.updated", refund, origin);
  if (outcome === "failed") context.emit("refund.failed", refund, origin);
}
