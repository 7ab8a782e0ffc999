import {
  defineProvider,
  type PaymentProviderV1,
  ProviderError,
  type ProviderPaymentResult,
  providerId,
} from "@tender/provider";
import type { GiftCardHold, GiftCardLedger } from "./gift-card-ledger";

/** What a gift-card session carries: the card's code. */
export type GiftCardSessionData = { card: string };

export interface GiftCardSettings<TId extends string> {
  /** The id sessions name; `"gift-card"` unless given. */
  id?: TId;
  /** The service holding the balances. */
  ledger: GiftCardLedger;
}

/**
 * A gift-card (store-credit) provider: it authorizes up to the card's
 * balance (a partial authorization when the balance is short), captures
 * and refunds in parts, and releases what a cancel leaves. Its balances
 * live in the gift-card service's ledger, never in Tender.
 *
 * @example
 * ```ts
 * const ledger = giftCardLedger();
 * ledger.issue("GC-1000", 2000);
 * const service = createPaymentModuleService({ providers: [giftCard({ ledger }), manual()] });
 * ```
 */
export function giftCard<const TId extends string = "gift-card">(
  settings: GiftCardSettings<TId>,
): PaymentProviderV1<NoInfer<TId>, GiftCardSessionData> {
  const id = providerId(settings.id, "gift-card");
  const { ledger } = settings;

  const refused = (code: "card_declined" | "invalid_request", message: string) =>
    new ProviderError({ providerId: id, code, definite: true, message });
  const holdOf = (data: Record<string, unknown>): GiftCardHold => {
    const hold = typeof data.hold_id === "string" ? ledger.hold(data.hold_id) : undefined;
    if (!hold)
      throw refused("invalid_request", `This payment has no gift-card hold; authorize it first.`);
    return hold;
  };
  const cardOf = (data: Record<string, unknown>): string => {
    if (typeof data.card !== "string" || data.card.length === 0) {
      throw refused(
        "invalid_request",
        'A gift-card session needs data.card, the card\'s code: { card: "GC-1000" }.',
      );
    }
    return data.card;
  };
  const statusOf = (data: Record<string, unknown>): ProviderPaymentResult => {
    const hold = typeof data.hold_id === "string" ? ledger.hold(data.hold_id) : undefined;
    if (!hold) return { status: "pending", raw_status: "open", data };
    if (hold.released) return { status: "canceled", raw_status: "released", data };
    if (hold.captured >= hold.amount) {
      return { status: "captured", raw_status: "redeemed", data, captured_amount: hold.captured };
    }
    return { status: "authorized", raw_status: "held", data, authorized_amount: hold.amount };
  };

  const provider = defineProvider<GiftCardSessionData>()({
    id,
    capabilities: { partialCapture: true, multipleCaptures: true, partialRefund: true },
    async initiatePayment(input) {
      return { status: "pending", raw_status: "open", data: { card: cardOf(input.data) } };
    },
    async authorizePayment(input) {
      const card = cardOf(input.data);
      const hold = ledger.placeHold(input.idempotency_key, card, input.amount);
      if (!hold)
        throw refused(
          "card_declined",
          `Gift card ${card.slice(-4)} is not known; ask for another payment method.`,
        );
      if (hold.amount === 0) {
        return {
          status: "error",
          raw_status: "empty",
          data: { card },
          error: {
            code: "card_declined",
            decline_code: "insufficient_funds",
            message: "The gift card has no balance left.",
          },
        };
      }
      // Up to the balance: Tender books what was held and another session pays the rest.
      return {
        status: "authorized",
        raw_status: "held",
        data: { card, hold_id: hold.id },
        authorized_amount: hold.amount,
      };
    },
    async capturePayment(input) {
      ledger.capture(input.idempotency_key, holdOf(input.data).id, input.amount);
      return { data: input.data };
    },
    async refundPayment(input) {
      ledger.refund(input.idempotency_key, holdOf(input.data).id, input.amount);
      return { status: "succeeded", data: input.data };
    },
    async cancelPayment(input) {
      ledger.release(input.idempotency_key ?? `${input.session_id}:cancel`, holdOf(input.data).id);
      return { data: input.data };
    },
    async retrievePayment(input) {
      return { data: input.data };
    },
    async getPaymentStatus(input) {
      return statusOf(input.data);
    },
  });
  return provider;
}
