import {
  PAYMENT_COLLECTION_STATUSES,
  PAYMENT_STATUSES,
  type RefundReason,
  toDecimalString,
} from "@tender/core";
import { html } from "hono/html";
import { providerLabel } from "../checkout-providers";
import type { CollectionView, DisputeView, PaymentView } from "../record-views";
import { type Html, layout } from "./layout";

export interface AdminPageProps {
  collections: readonly CollectionView[];
  payments: readonly PaymentView[];
  disputes: readonly DisputeView[];
  reasons: readonly RefundReason[];
  filters: { collectionStatus: string | undefined; paymentStatus: string | undefined };
}

/**
 * The back office: collections and payments (each filtered by status), a
 * payment's captures and refunds, its Capture, Refund and Cancel forms, and
 * disputes. admin.js sends the forms to the admin JSON API.
 */
export function adminPage(props: AdminPageProps): Html {
  const body = html`<h1>Admin</h1>
<p id="admin-status" class="status" role="status" aria-live="polite"></p>
<form method="get" action="/admin" aria-label="Filter by status" class="actions">
${statusSelect("collection-status", "collections", "Collection status", PAYMENT_COLLECTION_STATUSES, props.filters.collectionStatus)}
${statusSelect("payment-status", "payments", "Payment status", PAYMENT_STATUSES, props.filters.paymentStatus)}
<button type="submit" class="secondary">Filter</button>
</form>
<h2>Collections</h2>
${props.collections.length === 0 ? html`<p>No collections${props.filters.collectionStatus ? " in this status" : ""}.</p>` : collectionsTable(props.collections)}
<h2>Payments</h2>
${props.payments.length === 0 ? html`<p>No payments${props.filters.paymentStatus ? " in this status" : ""}.</p>` : props.payments.map((payment) => paymentSection(payment, props.reasons))}
<h2>Disputes</h2>
${props.disputes.length === 0 ? html`<p>No disputes.</p>` : disputesTable(props.disputes)}`;
  return layout({ title: "Admin · Tender shop", body, script: "/assets/admin.js" });
}

function statusSelect(
  id: string,
  name: string,
  label: string,
  statuses: readonly string[],
  selected: string | undefined,
): Html {
  return html`<div><label for="${id}">${label}</label>
<select id="${id}" name="${name}">
<option value="">Any</option>
${statuses.map((status) => html`<option value="${status}"${status === selected ? html` selected` : ""}>${status}</option>`)}
</select></div>`;
}

function collectionsTable(collections: readonly CollectionView[]): Html {
  return html`<table>
<thead><tr><th scope="col">Collection</th><th scope="col">Status</th><th scope="col" class="amount">Amount</th><th scope="col" class="amount">Authorized</th><th scope="col" class="amount">Captured</th><th scope="col" class="amount">Refunded</th><th scope="col">Created</th></tr></thead>
<tbody>
${collections.map(
  (c) =>
    html`<tr><td><a href="/checkout/return?collection=${encodeURIComponent(c.id)}"><code>${c.id}</code></a></td><td>${c.status}</td><td class="amount">${c.amount.formatted}</td><td class="amount">${c.authorized.formatted}</td><td class="amount">${c.captured.formatted}</td><td class="amount">${c.refunded.formatted}</td><td class="nowrap">${c.created_at.slice(0, 16).replace("T", " ")}</td></tr>`,
)}
</tbody>
</table>`;
}

function paymentSection(payment: PaymentView, reasons: readonly RefundReason[]): Html {
  const headingId = `heading-${payment.id}`;
  const decimal = (minor: number) => toDecimalString(minor, payment.currency);
  const currency = payment.currency.toUpperCase();
  const canCapture = payment.capturable.minor > 0;
  const canRefund = payment.refundable.minor > 0;
  const canCancel = payment.captured.minor === 0 && payment.status === "authorized";
  return html`<section class="payment" aria-labelledby="${headingId}" data-payment="${payment.id}">
<h3 id="${headingId}">Payment <code>${payment.id}</code>: ${payment.amount.formatted} by ${providerLabel(payment.provider)}</h3>
<p>Status <strong>${payment.status}</strong> · captured ${payment.captured.formatted} · refunded ${payment.refunded.formatted}${payment.released.minor > 0 ? ` · released ${payment.released.formatted}` : ""}${payment.disputed.minor > 0 ? ` · disputed ${payment.disputed.formatted}` : ""} · collection <code>${payment.collection_id}</code>${payment.provider_reference ? html` · at the provider <code>${payment.provider_reference}</code>` : ""}</p>
${payment.captures.length > 0 ? html`<p>Captures: ${payment.captures.map((c, i) => html`${i > 0 ? ", " : ""}${c.amount.formatted} (${c.status})`)}</p>` : ""}
${payment.refunds.length > 0 ? html`<p>Refunds: ${payment.refunds.map((r, i) => html`${i > 0 ? ", " : ""}${r.amount.formatted} (${r.status}${r.reason ? `, ${r.reason}` : ""})`)}</p>` : ""}
<div class="actions">
${
  canCapture
    ? html`<form data-payment-action="capture" data-payment-id="${payment.id}">
<label for="capture-${payment.id}">Capture amount (${currency})</label>
<input id="capture-${payment.id}" name="amount" inputmode="decimal" size="8" required value="${decimal(payment.capturable.minor)}">
<button type="submit">Capture</button>
</form>`
    : ""
}
${
  canRefund
    ? html`<form data-payment-action="refund" data-payment-id="${payment.id}">
<label for="refund-${payment.id}">Refund amount (${currency})</label>
<input id="refund-${payment.id}" name="amount" inputmode="decimal" size="8" required value="${decimal(payment.refundable.minor)}">
<label for="reason-${payment.id}">Refund reason</label>
<select id="reason-${payment.id}" name="reason">
${reasons.map((reason) => html`<option value="${reason.code}">${reason.label}</option>`)}
</select>
<button type="submit">Refund</button>
</form>`
    : ""
}
${
  canCancel
    ? html`<form data-payment-action="cancel" data-payment-id="${payment.id}">
<button type="submit" class="secondary">Cancel</button>
</form>`
    : ""
}
</div>
</section>`;
}

function disputesTable(disputes: AdminPageProps["disputes"]): Html {
  return html`<table>
<thead><tr><th scope="col">Dispute</th><th scope="col">Payment</th><th scope="col">Status</th><th scope="col">Reason</th><th scope="col" class="amount">Amount</th><th scope="col">Evidence due</th></tr></thead>
<tbody>
${disputes.map(
  (d) =>
    html`<tr><td><code>${d.provider_dispute_id}</code></td><td><code>${d.payment_id}</code></td><td>${d.status}</td><td>${d.reason ?? ""}</td><td class="amount">${d.amount.formatted}</td><td>${d.evidence_due_by?.slice(0, 10) ?? ""}</td></tr>`,
)}
</tbody>
</table>`;
}
