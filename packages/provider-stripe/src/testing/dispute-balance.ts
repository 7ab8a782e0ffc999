import { currencyExponent } from "./amount-rules";
import type { FakeStripeContext } from "./fake-stripe-state";

/**
 * Stripe's dispute fee in the United States: 15.00 USD, withdrawn with the
 * disputed amount and given back when the merchant wins. The fake's account
 * does no currency conversion: it takes 15 units of the dispute's currency.
 */
export const DISPUTE_FEE_MAJOR_UNITS = 15;

/** A fee line of a balance transaction. */
export interface FakeFeeDetail {
  amount: number;
  application: null;
  currency: string;
  description: "Dispute fee" | "Dispute fee refund";
  type: "stripe_fee";
}

/**
 * A balance transaction a chargeback makes: the withdrawal of the disputed
 * amount plus Stripe's dispute fee, and, when the merchant wins, the
 * reinstatement of both.
 *
 * @example
 * ```ts
 * fake.disputes.get(dispute.id)?.balance_transactions.map((txn) => txn.net); // [-2500] for 10.00 USD
 * ```
 */
export interface FakeBalanceTransaction {
  id: string;
  object: "balance_transaction";
  amount: number;
  available_on: number;
  balance_type: "payments";
  created: number;
  currency: string;
  description: string;
  exchange_rate: null;
  /** The dispute fee: positive when withdrawn, negative when given back. */
  fee: number;
  fee_details: FakeFeeDetail[];
  net: number;
  reporting_category: "dispute" | "dispute_reversal";
  source: string;
  status: "available";
  type: "adjustment";
}

/** The dispute fee in the currency's minor unit (1500 for USD). */
export function disputeFee(currency: string): number {
  return DISPUTE_FEE_MAJOR_UNITS * 10 ** currencyExponent(currency);
}

/**
 * The balance transaction of a chargeback's withdrawal (the amount and the
 * fee leave the balance) or of its reinstatement (both come back).
 */
export function disputeBalanceTransaction(
  context: FakeStripeContext,
  dispute: { id: string; amount: number; charge: string; currency: string },
  direction: "withdrawal" | "reinstatement",
): FakeBalanceTransaction {
  const withdrawal = direction === "withdrawal";
  const amount = withdrawal ? -dispute.amount : dispute.amount;
  const fee = withdrawal ? disputeFee(dispute.currency) : -disputeFee(dispute.currency);
  const now = context.nowSeconds();
  return {
    id: context.newId("txn"),
    object: "balance_transaction",
    amount,
    available_on: now,
    balance_type: "payments",
    created: now,
    currency: dispute.currency,
    description: `Chargeback ${withdrawal ? "withdrawal" : "reversal"} for ${dispute.charge}`,
    exchange_rate: null,
    fee,
    fee_details: [
      {
        amount: fee,
        application: null,
        currency: dispute.currency,
        description: withdrawal ? "Dispute fee" : "Dispute fee refund",
        type: "stripe_fee",
      },
    ],
    net: amount - fee,
    reporting_category: withdrawal ? "dispute" : "dispute_reversal",
    source: dispute.id,
    status: "available",
    type: "adjustment",
  };
}
