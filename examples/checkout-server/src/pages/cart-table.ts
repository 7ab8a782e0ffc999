import { formatAmount } from "@tender/core";
import { html } from "hono/html";
import type { PricedCart } from "../catalog";
import type { Html } from "./layout";

export function cartTable(cart: PricedCart): Html {
  const money = (amount: number) => formatAmount(amount, cart.currency);
  return html`<table>
<caption class="muted">Prices include VAT.</caption>
<thead><tr><th scope="col">Item</th><th scope="col" class="amount">Quantity</th><th scope="col" class="amount">Price</th><th scope="col" class="amount">Subtotal</th></tr></thead>
<tbody>
${cart.lines.map(
  (line) =>
    html`<tr><td>${line.name}</td><td class="amount">${line.quantity}</td><td class="amount">${money(line.unitAmount)}</td><td class="amount">${money(line.amount)}</td></tr>`,
)}
</tbody>
<tfoot><tr><th scope="row" colspan="3">Total</th><td class="amount"><strong>${money(cart.amount)}</strong></td></tr></tfoot>
</table>`;
}
