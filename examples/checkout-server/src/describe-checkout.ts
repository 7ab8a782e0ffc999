import {
  formatAmount,
  type Payment,
  type PaymentCollection,
  type PaymentSession,
} from "@tender/core";
import { match, P } from "ts-pattern";
import { providerLabel } from "./checkout-providers";

/** Where the customer's payment stands, in one word the page can style and a sentence it shows. */
export type CheckoutState =
  | "unpaid"
  | "needs_action"
  | "processing"
  | "declined"
  | "paid"
  | "refunded"
  | "canceled";

export interface CheckoutDescription {
  state: CheckoutState;
  message: string;
}

/**
 * What the checkout's status region says about a collection, from its
 * records alone (never from what the browser last saw), so a page that
 * reloads, reconnects or hears an event late shows the same.
 */
export function describeCheckout(
  collection: PaymentCollection,
  sessions: readonly PaymentSession[],
  payments: readonly Payment[],
): CheckoutDescription {
  const money = (amount: number) => formatAmount(amount, collection.currency_code);
  const paidWith = payments.find((payment) => payment.surplus_at === null)?.provider_id;
  const by = paidWith === undefined ? "" : ` with ${providerLabel(paidWith)}`;
  const latest = [...sessions].sort((a, b) => b.created_at.getTime() - a.created_at.getTime())[0];
  return match(collection.status)
    .with("authorized", "partially_captured", "completed", () => ({
      state: "paid" as const,
      message: `Paid: ${money(collection.amount)}${by}. Thank you for your order.`,
    }))
    .with("partially_refunded", "refunded", () => ({
      state: "refunded" as const,
      message: `Refunded: ${money(collection.refunded_amount)} of ${money(collection.captured_amount)} paid${by}.`,
    }))
    .with("canceled", "expired", () => ({
      state: "canceled" as const,
      message: "Canceled: the payment was released and nothing was charged.",
    }))
    .with("not_paid", "awaiting", "requires_more", "partially_authorized", "failed", () =>
      describeSession(latest),
    )
    .exhaustive();
}

function describeSession(session: PaymentSession | undefined): CheckoutDescription {
  if (session === undefined) return { state: "unpaid", message: "Not paid yet." };
  const provider = providerLabel(session.provider_id);
  return match(session)
    .with({ status: "requires_more" }, () => ({
      state: "needs_action" as const,
      message: `Action needed: finish the payment with ${provider}.`,
    }))
    .with({ status: "processing" }, () => ({
      state: "processing" as const,
      message: `Processing: ${provider} is confirming the payment. This page updates when it does.`,
    }))
    .with(
      { status: "error", error: { code: P.string.includes("authentication") } },
      ({ error }) => ({
        state: "declined" as const,
        message: `Authentication failed: ${error.message} Choose another card or payment method.`,
      }),
    )
    .with({ status: "error" }, ({ error }) => ({
      state: "declined" as const,
      message: `Declined: ${error?.message ?? "the provider refused the payment."} Choose another card or payment method.`,
    }))
    .with({ status: P.union("pending", "authorized", "captured", "canceled") }, () => ({
      state: "unpaid" as const,
      message: "Not paid yet.",
    }))
    .exhaustive();
}
