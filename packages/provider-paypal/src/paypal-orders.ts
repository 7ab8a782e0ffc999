import type { PayPalApi } from "./paypal-client";
import { unreadable } from "./paypal-error";
import { type PayPalOrderView, viewOrder } from "./paypal-objects";

/** What the provider's parts share: its id, the API (made on first use) and the settings they read. */
export interface PayPalContext {
  id: string;
  api: () => PayPalApi;
}

/** An order as PayPal has it now (GET /v2/checkout/orders/{id}, with its payments). */
export async function readOrder(ctx: PayPalContext, orderId: string): Promise<PayPalOrderView> {
  return mustBeOrder(ctx, await ctx.api().getOrder(orderId));
}

/** An answer that must be an order; anything else is not definite (the request may have been applied). */
export function mustBeOrder(ctx: PayPalContext, value: unknown, key?: string): PayPalOrderView {
  const order = viewOrder(value);
  if (order === undefined) throw unreadable(ctx.id, "an order", key);
  return order;
}
