import type { CollectionHandle, SessionHandle } from "@tender/client";
import { match } from "ts-pattern";
import {
  type CheckoutProviderId,
  type CheckoutProviders,
  isCheckoutProviderId,
  TEST_CARDS,
  TEST_SEPA_DEBIT,
} from "./checkout-providers";
import { invalidArgument } from "./http/api-error";
import { optionalText } from "./http/read-json-body";
import { cancelUrlOf, returnUrlOf } from "./return-urls";

/** How the customer chose to pay, checked against what the checkout offers. */
export type PaymentChoice =
  | { provider: "manual" }
  | { provider: "stripe"; paymentMethod: string }
  | { provider: "stripe-sepa" }
  | { provider: "paypal" };

/** Reads `{ provider, payment_method? }`; anything the checkout does not offer is `invalid_argument`. */
export function paymentChoiceOf(
  body: Record<string, unknown>,
  offered: readonly CheckoutProviderId[],
): PaymentChoice {
  const provider = body.provider;
  if (!isCheckoutProviderId(provider) || !offered.includes(provider)) {
    throw invalidArgument(
      `provider must be one of ${offered.join(", ")}; got ${JSON.stringify(provider) ?? "nothing"}.`,
    );
  }
  const paymentMethod = optionalText(body, "payment_method");
  if (provider !== "stripe") {
    if (paymentMethod !== undefined) {
      throw invalidArgument(`payment_method is for the stripe provider only, not ${provider}.`);
    }
    return { provider };
  }
  const cards: readonly string[] = TEST_CARDS.map((card) => card.paymentMethod);
  if (paymentMethod === undefined || !cards.includes(paymentMethod)) {
    throw invalidArgument(`payment_method must be one of the test cards ${cards.join(", ")}.`);
  }
  return { provider, paymentMethod };
}

/** Opens a session for what the collection still owes, with each provider's own typed data. */
export function openCheckoutSession(
  collection: CollectionHandle<CheckoutProviders>,
  choice: PaymentChoice,
  origin: string,
): Promise<SessionHandle> {
  const return_url = returnUrlOf(origin, collection.id);
  return match(choice)
    .with({ provider: "manual" }, () =>
      collection.sessions.create("manual", { reference: collection.id }),
    )
    .with({ provider: "stripe" }, ({ paymentMethod }) =>
      collection.sessions.create("stripe", { payment_method: paymentMethod, return_url }),
    )
    .with({ provider: "stripe-sepa" }, () =>
      collection.sessions.create("stripe-sepa", { payment_method: TEST_SEPA_DEBIT, return_url }),
    )
    .with({ provider: "paypal" }, () =>
      collection.sessions.create("paypal", {
        return_url,
        cancel_url: cancelUrlOf(origin, collection.id),
        description: "Tender shop order",
      }),
    )
    .exhaustive();
}
