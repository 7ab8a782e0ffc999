import { requested } from "./card-options";
import type { FakeCardDetails, FakePaymentIntent } from "./fake-objects";

/*
 * What a card authorization held for manual capture records on its charge:
 * the capture deadline and which flexible-acquiring features the card gave.
 */

/** How long an online card authorization stays capturable (Stripe's standard window). */
export const AUTHORIZATION_VALIDITY_SECONDS = 7 * 24 * 60 * 60;

/**
 * How long an extended authorization stays capturable. Stripe documents "up
 * to 30 days depending on the card network" (and merchant category); the
 * fake gives the 30 days of a lodging or rental merchant to every brand that has it.
 */
export const EXTENDED_AUTHORIZATION_VALIDITY_SECONDS = 30 * 24 * 60 * 60;

/** Brands Stripe offers extended and incremental authorizations on, online. */
const FLEXIBLE_BRANDS = new Set(["visa", "mastercard", "amex", "discover"]);

/** The fields of `payment_method_details.card` an authorization for manual capture sets. */
export interface CardAuthorizationDetails {
  capture_before: number;
  extended_authorization: { status: "enabled" | "disabled" };
  incremental_authorization: { status: "available" | "unavailable" };
  multicapture?: { status: "available" | "unavailable" };
}

/**
 * The capture deadline and features of a hold on `card` authorized at
 * `nowSeconds`; `undefined` when the intent captures automatically.
 */
export function cardAuthorizationDetails(
  intent: FakePaymentIntent,
  card: FakeCardDetails,
  nowSeconds: number,
): CardAuthorizationDetails | undefined {
  if (intent.capture_method !== "manual") return undefined;
  const flexible = FLEXIBLE_BRANDS.has(card.brand);
  const extended = flexible && requested(intent, "request_extended_authorization");
  const incremental = flexible && requested(intent, "request_incremental_authorization");
  return {
    capture_before:
      nowSeconds +
      (extended ? EXTENDED_AUTHORIZATION_VALIDITY_SECONDS : AUTHORIZATION_VALIDITY_SECONDS),
    extended_authorization: { status: extended ? "enabled" : "disabled" },
    incremental_authorization: { status: incremental ? "available" : "unavailable" },
    ...(requested(intent, "request_multicapture")
      ? { multicapture: { status: "available" as const } }
      : {}),
  };
}
