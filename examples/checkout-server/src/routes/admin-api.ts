import { parseAmount, TenderError } from "@tender/core";
import { Hono } from "hono";
import {
  collectionStatusOf,
  listCollectionViews,
  listDisputeViews,
  listPaymentViews,
  paymentStatusOf,
  readPaymentView,
} from "../admin-books";
import type { CheckoutDeps } from "../checkout-deps";
import { invalidArgument } from "../http/api-error";
import { optionalText, readJsonBody, requireText } from "../http/read-json-body";

/**
 * The back office's JSON API, which admin.js calls: collections and
 * payments by status, captures, refunds under a reason, cancels, disputes.
 * Amounts are decimal strings in the payment's currency ("12.50"), parsed
 * exactly (never rounded) before anything is sent.
 */
export function adminApi(deps: CheckoutDeps): Hono {
  const api = new Hono();
  const { tender } = deps;

  api.get("/collections", async (c) =>
    c.json({
      collections: await listCollectionViews(tender, collectionStatusOf(c.req.query("status"))),
    }),
  );

  api.get("/payments", async (c) =>
    c.json({
      payments: await listPaymentViews(tender, {
        status: paymentStatusOf(c.req.query("status")),
        collectionId: c.req.query("collection") || undefined,
      }),
    }),
  );

  api.get("/payments/:id", async (c) =>
    c.json({ payment: await readPaymentView(tender, c.req.param("id")) }),
  );

  api.get("/disputes", async (c) => c.json({ disputes: await listDisputeViews(tender) }));

  api.get("/refund-reasons", async (c) =>
    c.json({
      reasons: (await tender.service.listRefundReasons()).map(({ id, code, label }) => ({
        id,
        code,
        label,
      })),
    }),
  );

  api.post("/payments/:id/capture", async (c) => {
    const body = await readJsonBody(c, ["amount"]);
    const payment = await tender.payment(c.req.param("id"));
    const amount = optionalAmount(body, payment.currency);
    await payment.capture(amount === undefined ? {} : { amount });
    return c.json({ payment: await readPaymentView(tender, payment.id) });
  });

  api.post("/payments/:id/refund", async (c) => {
    const body = await readJsonBody(c, ["amount", "reason", "note"]);
    const payment = await tender.payment(c.req.param("id"));
    const amount = optionalAmount(body, payment.currency);
    const reason = requireText(body, "reason", 64);
    const note = optionalText(body, "note", 500);
    const reasons = await tender.service.listRefundReasons({ code: reason });
    if (reasons.length === 0) {
      const known = (await tender.service.listRefundReasons()).map((r) => r.code);
      throw invalidArgument(`reason must be a refund reason code, one of ${known.join(", ")}.`);
    }
    await payment.refund({
      reason,
      ...(amount !== undefined ? { amount } : {}),
      ...(note !== undefined ? { note } : {}),
    });
    return c.json({ payment: await readPaymentView(tender, payment.id) });
  });

  api.post("/payments/:id/cancel", async (c) => {
    await readJsonBody(c, []);
    const payment = await tender.payment(c.req.param("id"));
    await payment.cancel();
    return c.json({ payment: await readPaymentView(tender, payment.id) });
  });

  return api;
}

/** `amount`, a decimal string of the currency's major units; the rest when left out. */
function optionalAmount(body: Record<string, unknown>, currency: string): number | undefined {
  const value = body.amount;
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new TenderError({
      code: "invalid_amount",
      message: `amount is a decimal string in ${currency.toUpperCase()}, like "12.50"; got ${JSON.stringify(value)}.`,
    });
  }
  return parseAmount(value.trim(), currency);
}
