/** Where a provider sends the customer back: the order page, which authorizes and shows the result. */
export function returnUrlOf(origin: string, collectionId: string): string {
  return `${origin}/checkout/return?collection=${encodeURIComponent(collectionId)}`;
}

/** Where PayPal sends a buyer who cancelled there: the order page, which then authorizes nothing. */
export function cancelUrlOf(origin: string, collectionId: string): string {
  return `${returnUrlOf(origin, collectionId)}&cancelled=paypal`;
}
