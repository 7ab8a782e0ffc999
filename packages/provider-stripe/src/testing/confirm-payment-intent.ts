import { renderPaymentIntent } from "./charges";
import type { FakeNextAction, FakePaymentIntent, FakePaymentMethod } from "./fake-objects";
import type { EventOrigin, FakeStripeContext } from "./fake-stripe-state";
import { behaviourOf } from "./payment-methods";
import { failPayment, settleAuthorization } from "./payment-outcomes";
import { invalidRequest, unexpectedState } from "./stripe-errors";
import { authenticationStep } from "./three-d-secure";

export { authorizeOrCapture, failPayment, recordFailure } from "./payment-outcomes";

/** What a confirmation brings besides the intent. */
export interface ConfirmOptions {
  /** A payment method given with this confirmation, resolved already. */
  method?: FakePaymentMethod;
  returnUrl?: string;
  /** `off_session=true`: the customer is absent, so a payment that needs 3D Secure fails. */
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
  const authentication = authenticationStep(
    context,
    intent,
    method,
    behaviour,
    options.offSession === true,
  );
  if (authentication === "challenge") {
    requireAction(context, intent, options.origin);
    return;
  }
  if (authentication === "refuse") {
    throw failPayment(context, intent, method, options.origin, {
      type: "card_error",
      code: "authentication_required",
      decline_code: "authentication_required",
      message: "Your card was declined. This transaction requires authentication.",
    });
  }
  const declined = settleAuthorization(context, intent, method, options.origin);
  if (declined) throw declined;
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
