import { type HttpHandler, HttpResponse, http } from "msw";
import { approveOrder, cancelApproval } from "./buyer";
import type { FakePayPalContext } from "./fake-paypal-context";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, content: string, status = 200): Response {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${content}
</main>
</body>
</html>`;
  return new HttpResponse(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}

function withQuery(base: string, query: Record<string, string>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * The buyer's pages at PayPal: GET `/checkoutnow?token=ORDER` shows the
 * order with an Approve and a Cancel button (real `<button>`s in labelled
 * forms); posting them approves (redirect to `return_url?token=&PayerID=`)
 * or cancels (redirect to `cancel_url?token=`), 303.
 */
export function approvePageHandlers(context: FakePayPalContext): HttpHandler[] {
  const base = `${context.webBase}/checkoutnow`;
  return [
    http.get(base, ({ request }) => {
      const token = new URL(request.url).searchParams.get("token") ?? "";
      const record = context.state.orders.get(token);
      if (record === undefined)
        return page("Order not found", "<p>This checkout link is not valid.</p>", 404);
      const unit = record.order.purchase_units[0];
      const amount = unit ? `${unit.amount.value} ${unit.amount.currency_code}` : "";
      const id = escapeHtml(token);
      const action = (name: string) => `${base}/${name}?token=${encodeURIComponent(token)}`;
      return page(
        "Pay with PayPal",
        `<p>Order <strong>${id}</strong>: <span data-testid="amount">${escapeHtml(amount)}</span> to ${escapeHtml(unit?.payee.email_address ?? "")}.</p>
<p>Status: <span role="status">${escapeHtml(record.order.status)}</span></p>
<form method="post" action="${escapeHtml(action("approve"))}" aria-label="Approve the payment">
<button type="submit" name="decision" value="approve">Approve</button>
</form>
<form method="post" action="${escapeHtml(action("cancel"))}" aria-label="Cancel and return to the merchant">
<button type="submit" name="decision" value="cancel">Cancel</button>
</form>`,
      );
    }),
    http.post(`${base}/:decision`, ({ request, params }) => {
      const token = new URL(request.url).searchParams.get("token") ?? "";
      const record = context.state.orders.get(token);
      if (record === undefined)
        return page("Order not found", "<p>This checkout link is not valid.</p>", 404);
      try {
        if (params.decision === "approve") approveOrder(context, token);
        else if (params.decision === "cancel") cancelApproval(context, token);
        else return page("Not found", "<p>Unknown action.</p>", 404);
      } catch (error) {
        return page(
          "Cannot do that",
          `<p role="alert">${escapeHtml(String((error as Error).message))}</p>`,
          409,
        );
      }
      const approved = params.decision === "approve";
      const target = approved ? record.returnUrl : record.cancelUrl;
      if (target === undefined)
        return page(
          approved ? "Payment approved" : "Payment cancelled",
          "<p>You can close this window.</p>",
        );
      const location = withQuery(
        target,
        approved ? { token, PayerID: "FAKEBUYER0001" } : { token },
      );
      return new HttpResponse(null, { status: 303, headers: { location } });
    }),
  ];
}
