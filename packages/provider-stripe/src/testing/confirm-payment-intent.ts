import { match } from "ts-pattern";
import { createCharge, renderPaymentIntent } from "./charges";
import { disputeIfTestCardSays } from "./disputes";
import type {
  FakeNextAction,
  FakePaymentError,
  FakePaymentIntent,
  FakePaymentMethod,
} from "./fake-objects";
import type { EventOrigin, FakeStripeContext } from "./fake-stripe-state";
import { behaviourOf } from "./payment-methods";
import { cardError, type FakeStripeError, invalidRequest, unexpectedState } from "./stripe-errors";

/** What a confirmation brings besides the intent. */
export interface ConfirmOptions {
  /** A payment method given with this confirmation, resolved already. */
  method?: FakePaymentMethod;
  returnUrl?: string;
  /** `off_session=true`: the customer is absent, so a card that needs 3D Secure fails. */
  offSession?: boolean;
  origin: EventOrigin;
}

const CONFIRMABLE = ["requires_payment_method", "requires_confirmation"] as const;

function isConfirmable(status: FakePaymentIntent["status"]): boolean {
  return CONFIRMABLE.some((allowed) => allowed === status);
}

/**
 * Confirms an intent; the outcome follows the payment method's test behaviour.
 * A decline changes the intent and then throws the 402 Stripe answers.
 */
export function confirmPaymentIntent(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  options: ConfirmOptions,
): void {
  const method = assertCanConfirm(context, intent, options.method);
  intent.payment_method = method.id;
  intent.last_payment_error = null;
  intent.next_action = null;
  if (options.returnUrl) context.state.returnUrls.set(intent.id, options.returnUrl);
  const behaviour = behaviourOf(context, method);
  match(behaviour.outcome)
    .with({ type: "succeed" }, () => authorizeOrCapture(context, intent, method, options.origin))
    .with({ type: "authenticate" }, () => {
      if (!options.offSession) return requireAction(context, intent, options.origin);
      throw failPayment(context, intent, method, options.origin, {
        type: "card_error",
        code: "authentication_required",
        decline_code: "authentication_required",
        message: "Your card was declined. This transaction requires authentication.",
      });
    })
    .with({ type: "decline" }, (outcome) => {
      throw failPayment(context, intent, method, options.origin, {
        type: "card_error",
        code: outcome.code,
        decline_code: outcome.declineCode,
        message: outcome.message,
        ...(outcome.param ? { param: outcome.param } : {}),
      });
    })
    .with({ type: "process" }, () => {
      createCharge(context, intent, method, { status: "pending", captured: true });
      intent.status = "processing";
      saveForFutureUsage(context, intent, method);
      context.emit("payment_intent.processing", intent, options.origin);
    })
    .exhaustive();
}

/**
 * The checks a confirmation makes before it changes anything: the status, a
 * payment method, and whether the intent accepts that method. Returns the method.
 */
export function assertCanConfirm(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  given: FakePaymentMethod | undefined,
): FakePaymentMethod {
  if (!isConfirmable(intent.status)) {
    const message =
      intent.status === "succeeded"
        ? "You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed."
        : `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(", ")}.`;
    throw unexpectedState(message, renderPaymentIntent(context, intent));
  }
  const method =
    given ??
    (intent.payment_method ? context.state.paymentMethods.get(intent.payment_method) : undefined);
  if (method === undefined) {
    throw unexpectedState(
      "You cannot confirm this PaymentIntent because it's missing a payment method. Update the PaymentIntent with a payment method and then confirm it again.",
      renderPaymentIntent(context, intent),
    );
  }
  if (
    intent.automatic_payment_methods === null &&
    !intent.payment_method_types.includes(method.type)
  ) {
    throw invalidRequest(
      `The PaymentMethod provided (${method.type}) is not allowed for this PaymentIntent. Please attach a payment method of one of the following types: ${intent.payment_method_types.join(", ")}.`,
      { param: "payment_method" },
    );
  }
  if (method.type !== "card" && intent.capture_method === "manual") {
    throw invalidRequest(
      `The PaymentMethod type ${method.type} does not support capture_method=manual.`,
      { param: "capture_method" },
    );
  }
  return method;
}

/** A successful authorization: a hold (manual capture) or a captured payment. */
export function authorizeOrCapture(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
  origin: EventOrigin,
): void {
  intent.next_action = null;
  saveForFutureUsage(context, intent, method);
  if (intent.capture_method === "manual") {
    createCharge(context, intent, method, { status: "succeeded", captured: false });
    intent.status = "requires_capture";
    intent.amount_capturable = intent.amount;
    context.emit("payment_intent.amount_capturable_updated", intent, origin);
    return;
  }
  const charge = createCharge(context, intent, method, { status: "succeeded", captured: true });
  intent.status = "succeeded";
  intent.amount_received = intent.amount;
  context.emit("payment_intent.succeeded", intent, origin);
  disputeIfTestCardSays(context, charge);
}

function requireAction(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  origin: EventOrigin,
): void {
  const source = context.newId("src");
  const stripeJs = `https://hooks.stripe.com/redirect/authenticate/${source}?client_secret=${source}_secret`;
  const returnUrl = context.state.returnUrls.get(intent.id);
  const action: FakeNextAction =
    returnUrl === undefined
      ? {
          type: "use_stripe_sdk",
          use_stripe_sdk: { type: "three_d_secure_redirect", stripe_js: stripeJs, source },
        }
      : { type: "redirect_to_url", redirect_to_url: { url: stripeJs, return_url: returnUrl } };
  intent.status = "requires_action";
  intent.next_action = action;
  context.emit("payment_intent.requires_action", intent, origin);
}

/**
 * A failed attempt: a failed charge, the intent back to `requires_payment_method`
 * with `last_payment_error`, and the 402 to throw (the intent inside it).
 */
export function failPayment(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
  origin: EventOrigin,
  error: Omit<FakePaymentError, "charge" | "payment_method" | "doc_url">,
): FakeStripeError {
  const charge = createCharge(context, intent, method, {
    status: "failed",
    captured: false,
    failure: { code: error.decline_code ?? error.code, message: error.message },
  });
  recordFailure(intent, method, { ...error, charge: charge.id });
  context.emit("payment_intent.payment_failed", intent, origin);
  return cardError({
    code: error.code,
    message: error.message,
    charge: charge.id,
    payment_intent: renderPaymentIntent(context, intent),
    payment_method: structuredClone(method),
    ...(error.decline_code ? { decline_code: error.decline_code } : {}),
    ...(error.param ? { param: error.param } : {}),
  });
}

/** Puts an intent back to `requires_payment_method` with the error; Stripe then forgets the method. */
export function recordFailure(
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
  error: Omit<FakePaymentError, "payment_method" | "doc_url">,
): void {
  intent.status = "requires_payment_method";
  intent.next_action = null;
  intent.payment_method = null;
  intent.amount_capturable = 0;
  intent.last_payment_error = {
    ...error,
    doc_url: `https://stripe.com/docs/error-codes/${error.code.replaceAll("_", "-")}`,
    payment_method: structuredClone(method),
  };
}

/** With `setup_future_usage` and a customer, a successful payment saves the method to the customer. */
function saveForFutureUsage(
  context: FakeStripeContext,
  intent: FakePaymentIntent,
  method: FakePaymentMethod,
): void {
  if (intent.setup_future_usage === null || intent.customer === null) return;
  if (method.customer === null && context.state.customers.has(intent.customer))
    method.customer = intent.customer;
}
