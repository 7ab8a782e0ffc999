import type { FakePaymentIntent } from "./fake-objects";
import type { FormObject } from "./form-body";
import { invalidParam, invalidRequest } from "./stripe-errors";

/*
 * `off_session`: the customer is not in the checkout flow and cannot
 * authenticate. Stripe takes it only with a confirmation, and not on an
 * intent that also sets the card up for later (`setup_future_usage`).
 */

/** `off_session`: `true`/`false`, or `one_off`/`recurring` (both off-session), as Stripe takes it. */
export function readOffSession(params: FormObject): boolean {
  const value = params.off_session;
  if (value === undefined || value === "false") return false;
  if (value === "true" || value === "one_off" || value === "recurring") return true;
  throw invalidParam(`Invalid off_session: ${JSON.stringify(value)}`, { param: "off_session" });
}

/** On create: `off_session=true` needs `confirm=true`. */
export function assertOffSessionConfirms(offSession: boolean, confirm: boolean): void {
  if (offSession && !confirm) {
    throw invalidParam(
      "The parameter off_session cannot be passed when creating a PaymentIntent unless confirm is set to true.",
      { param: "off_session" },
    );
  }
}

/**
 * Refuses an off-session confirmation of an intent with `setup_future_usage`,
 * in Stripe's words: a card cannot be set up while the customer is away.
 */
export function assertOffSessionWithoutSetup(
  offSession: boolean,
  futureUsage: FakePaymentIntent["setup_future_usage"],
): void {
  if (offSession && futureUsage !== null) {
    throw invalidRequest(
      "You cannot confirm with the `off_session` parameter when `setup_future_usage` is also set on the PaymentIntent because you cannot set up future usages when processing payments off-session.",
      { param: "off_session" },
    );
  }
}
