import type { PaymentCollection } from "@tender/core";
import { type PricedCart, priceCart } from "./catalog";
import type { CheckoutTender } from "./checkout-providers";
import { type CheckoutDescription, describeCheckout } from "./describe-checkout";
import { type CollectionView, collectionView } from "./record-views";

export interface CheckoutStatus extends CheckoutDescription {
  collection: CollectionView;
}

/** The status route's answer and each event stream message: read fresh from the books. */
export async function readCheckoutStatus(
  tender: CheckoutTender,
  collectionId: string,
): Promise<CheckoutStatus> {
  const collection = await tender.collection(collectionId);
  const [sessions, payments] = await Promise.all([
    collection.sessions.list(),
    collection.payments.list(),
  ]);
  return {
    collection: collectionView(collection.record),
    ...describeCheckout(
      collection.record,
      sessions.map((session) => session.record),
      payments.map((payment) => payment.record),
    ),
  };
}

/** The cart a collection was made for, kept in its metadata; null when it holds none we can read. */
export function cartOf(collection: PaymentCollection): PricedCart | null {
  try {
    return priceCart(collection.metadata?.cart);
  } catch {
    return null;
  }
}
