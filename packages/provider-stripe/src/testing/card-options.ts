import type { FakeCardPaymentMethodOptions, FakePaymentIntent } from "./fake-objects";
import type { FormObject } from "./form-body";
import { optionalEnum } from "./request-params";

/*
 * `payment_method_options[card]` of a PaymentIntent: what the request asks of
 * the card (multicapture, incremental and extended authorization, 3D Secure),
 * read from create, confirm and update, and echoed on the intent as Stripe
 * shows it.
 */

const IF_AVAILABLE = ["if_available", "never"] as const;

/**
 * `request_three_d_secure` values; `automatic` (the default) leaves it to
 * Stripe, `any` and `challenge` ask for 3D Secure on a card that supports it.
 *
 * @example
 * ```ts
 * THREE_D_SECURE_REQUESTS.includes("challenge"); // true
 * ```
 */
export const THREE_D_SECURE_REQUESTS = ["automatic", "any", "challenge"] as const;

/** The card options a request sets; `null` (an empty value) puts one back to its default. */
export type CardOptionRequest = {
  [Key in Exclude<keyof FakeCardPaymentMethodOptions, NullFields>]?:
    | FakeCardPaymentMethodOptions[Key]
    | null;
};

type NullFields = "installments" | "mandate_options" | "network";

/** The card options an intent accepting cards starts with, as Stripe returns them. */
export function defaultCardOptions(): FakeCardPaymentMethodOptions {
  return {
    installments: null,
    mandate_options: null,
    network: null,
    request_three_d_secure: "automatic",
  };
}

/** `payment_method_options` of a new intent: card options when it accepts cards. */
export function paymentMethodOptionsFor(
  types: readonly string[],
): FakePaymentIntent["payment_method_options"] {
  return types.includes("card") ? { card: defaultCardOptions() } : {};
}

function cardParam<TValue extends string>(
  params: FormObject,
  values: readonly TValue[],
  name: string,
) {
  return optionalEnum(params, values, "payment_method_options", "card", name);
}

/** The `payment_method_options[card][...]` a request sends, validated; `undefined` when it sends none. */
export function readCardOptions(params: FormObject): CardOptionRequest | undefined {
  const read: CardOptionRequest = {
    request_extended_authorization: cardParam(
      params,
      IF_AVAILABLE,
      "request_extended_authorization",
    ),
    request_incremental_authorization: cardParam(
      params,
      IF_AVAILABLE,
      "request_incremental_authorization",
    ),
    request_multicapture: cardParam(params, IF_AVAILABLE, "request_multicapture"),
    request_three_d_secure: cardParam(params, THREE_D_SECURE_REQUESTS, "request_three_d_secure"),
  };
  const given = Object.entries(read).filter(([, value]) => value !== undefined);
  return given.length === 0 ? undefined : Object.fromEntries(given);
}

/**
 * Applies requested card options to an intent, merging with what it has as
 * Stripe merges a hash parameter; an empty value removes an option
 * (`request_three_d_secure` goes back to `automatic`).
 */
export function applyCardOptions(
  intent: FakePaymentIntent,
  requested: CardOptionRequest | undefined,
): void {
  if (requested === undefined) return;
  const card: FakeCardPaymentMethodOptions = {
    ...defaultCardOptions(),
    ...intent.payment_method_options.card,
  };
  const { request_three_d_secure: threeDSecure, ...flags } = requested;
  if (threeDSecure !== undefined) card.request_three_d_secure = threeDSecure ?? "automatic";
  for (const [name, value] of Object.entries(flags)) {
    if (!isFlag(name)) continue;
    if (value === null) delete card[name];
    else if (value === "if_available" || value === "never") card[name] = value;
  }
  intent.payment_method_options = { ...intent.payment_method_options, card };
}

type Flag =
  | "request_extended_authorization"
  | "request_incremental_authorization"
  | "request_multicapture";

function isFlag(name: string): name is Flag {
  return (
    name === "request_extended_authorization" ||
    name === "request_incremental_authorization" ||
    name === "request_multicapture"
  );
}

/** Whether the intent asked for a card feature with `if_available`. */
export function requested(intent: FakePaymentIntent, option: Flag): boolean {
  return intent.payment_method_options.card?.[option] === "if_available";
}
