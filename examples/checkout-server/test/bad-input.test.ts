import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idIn, openShop, type Shop } from "./support/shop";

/** Everything the server could have written, and every request it could have sent to a provider. */
async function snapshot(shop: Shop) {
  const { service } = shop.server.tender;
  const all = { take: 10_000 };
  return JSON.stringify({
    collections: await service.listPaymentCollections({}, all),
    sessions: await service.listPaymentSessions({}, all),
    payments: await service.listPayments({}, all),
    captures: await service.listCaptures({}, all),
    refunds: await service.listRefunds({}, all),
    reasons: await service.listRefundReasons({}, all),
    disputes: await service.listDisputes({}, all),
    stripeRequests: shop.fakes.stripe.requests.length,
    payPalRequests: shop.fakes.paypal.requests.length,
  });
}

interface BadRequest {
  name: string;
  path: string | ((ids: Ids) => string);
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  code: string;
}

interface Ids {
  collection: string;
  paidCollection: string;
  payment: string;
  session: string;
}

const CART = { items: [{ sku: "tee", quantity: 1 }] };

const BAD_REQUESTS: BadRequest[] = [
  {
    name: "a body sent as text/plain",
    path: "/api/checkout/collections",
    body: JSON.stringify(CART),
    headers: { "content-type": "text/plain" },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "a body that is not JSON",
    path: "/api/checkout/collections",
    body: '{"items": [',
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "a JSON array for a body",
    path: "/api/checkout/collections",
    body: [CART],
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "a field the route does not take",
    path: "/api/checkout/collections",
    body: { ...CART, amount: 1 },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "a __proto__ field",
    path: "/api/checkout/collections",
    body: '{"items":[{"sku":"tee","quantity":1}],"__proto__":{"x":1}}',
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "no items",
    path: "/api/checkout/collections",
    body: {},
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "an empty cart",
    path: "/api/checkout/collections",
    body: { items: [] },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "an item the shop does not sell",
    path: "/api/checkout/collections",
    body: { items: [{ sku: "yacht", quantity: 1 }] },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "a quantity of 0",
    path: "/api/checkout/collections",
    body: { items: [{ sku: "tee", quantity: 0 }] },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "a quantity as a string",
    path: "/api/checkout/collections",
    body: { items: [{ sku: "tee", quantity: "2" }] },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "a fractional quantity",
    path: "/api/checkout/collections",
    body: { items: [{ sku: "tee", quantity: 1.5 }] },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "an item listed twice",
    path: "/api/checkout/collections",
    body: {
      items: [
        { sku: "tee", quantity: 1 },
        { sku: "tee", quantity: 1 },
      ],
    },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "a line with an extra field",
    path: "/api/checkout/collections",
    body: { items: [{ sku: "tee", quantity: 1, price: 1 }] },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "a session for an unknown collection",
    path: "/api/checkout/collections/paycol_unknown/sessions",
    body: { provider: "manual" },
    status: 404,
    code: "not_found",
  },
  {
    name: "a provider the checkout does not offer",
    path: (ids) => `/api/checkout/collections/${ids.collection}/sessions`,
    body: { provider: "bitcoin" },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "Stripe without a test card",
    path: (ids) => `/api/checkout/collections/${ids.collection}/sessions`,
    body: { provider: "stripe" },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "Stripe with a payment method not offered",
    path: (ids) => `/api/checkout/collections/${ids.collection}/sessions`,
    body: { provider: "stripe", payment_method: "pm_card_mastercard" },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "a payment method for the manual provider",
    path: (ids) => `/api/checkout/collections/${ids.collection}/sessions`,
    body: { provider: "manual", payment_method: "pm_card_visa" },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "a session for a collection already paid",
    path: (ids) => `/api/checkout/collections/${ids.paidCollection}/sessions`,
    body: { provider: "stripe", payment_method: "pm_card_visa" },
    status: 409,
    code: "collection_already_authorized",
  },
  {
    name: "authorizing an unknown session",
    path: "/api/checkout/sessions/payses_unknown/authorize",
    body: {},
    status: 404,
    code: "not_found",
  },
  {
    name: "authorizing with a body",
    path: (ids) => `/api/checkout/sessions/${ids.session}/authorize`,
    body: { payment_method: "pm_card_visa" },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "the status of an unknown collection",
    path: "/api/checkout/collections/paycol_unknown",
    status: 404,
    code: "not_found",
  },
  {
    name: "listing payments in a status that does not exist",
    path: "/api/admin/payments?status=paid",
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "listing collections in a status that does not exist",
    path: "/api/admin/collections?status=open",
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "capturing an amount in minor units",
    path: (ids) => `/api/admin/payments/${ids.payment}/capture`,
    body: { amount: 1000 },
    status: 400,
    code: "invalid_amount",
  },
  {
    name: "capturing a fraction of a cent",
    path: (ids) => `/api/admin/payments/${ids.payment}/capture`,
    body: { amount: "10.001" },
    status: 400,
    code: "invalid_amount",
  },
  {
    name: "capturing a negative amount",
    path: (ids) => `/api/admin/payments/${ids.payment}/capture`,
    body: { amount: "-10.00" },
    status: 400,
    code: "invalid_amount",
  },
  {
    name: "capturing nothing",
    path: (ids) => `/api/admin/payments/${ids.payment}/capture`,
    body: { amount: "0.00" },
    status: 400,
    code: "invalid_amount",
  },
  {
    name: "capturing a word",
    path: (ids) => `/api/admin/payments/${ids.payment}/capture`,
    body: { amount: "ten" },
    status: 400,
    code: "invalid_amount",
  },
  {
    name: "capturing more than was authorized",
    path: (ids) => `/api/admin/payments/${ids.payment}/capture`,
    body: { amount: "250.00" },
    status: 409,
    code: "capture_exceeds_authorized",
  },
  {
    name: "capturing an unknown payment",
    path: "/api/admin/payments/pay_unknown/capture",
    body: {},
    status: 404,
    code: "not_found",
  },
  {
    name: "refunding what was never captured",
    path: (ids) => `/api/admin/payments/${ids.payment}/refund`,
    body: { amount: "5.00", reason: "returned" },
    status: 409,
    code: "nothing_to_refund",
  },
  {
    name: "refunding without a reason",
    path: (ids) => `/api/admin/payments/${ids.payment}/refund`,
    body: { amount: "5.00" },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "refunding under a reason that does not exist",
    path: (ids) => `/api/admin/payments/${ids.payment}/refund`,
    body: { amount: "5.00", reason: "whim" },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "a refund note of 501 characters",
    path: (ids) => `/api/admin/payments/${ids.payment}/refund`,
    body: { amount: "5.00", reason: "returned", note: "x".repeat(501) },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "cancelling with an amount",
    path: (ids) => `/api/admin/payments/${ids.payment}/cancel`,
    body: { amount: "5.00" },
    status: 400,
    code: "invalid_argument",
  },
  {
    name: "a Stripe webhook with a forged signature",
    path: "/webhooks/stripe",
    body: { id: "evt_forged", type: "payment_intent.succeeded" },
    headers: { "stripe-signature": "t=1,v1=forged" },
    status: 400,
    code: "webhook_signature_invalid",
  },
  {
    name: "a PayPal webhook without PayPal's headers",
    path: "/webhooks/paypal",
    body: { id: "WH-forged", event_type: "PAYMENT.CAPTURE.COMPLETED" },
    status: 400,
    code: "webhook_signature_invalid",
  },
  {
    name: "an API route that does not exist",
    path: "/api/checkout/refunds",
    body: {},
    status: 404,
    code: "not_found",
  },
];

describe("bad input to the JSON API", () => {
  let shop: Shop;
  let ids: Ids;

  beforeAll(async () => {
    shop = await openShop();
    const open = await shop.request("/api/checkout/collections", { body: CART });
    const paid = await shop.request("/api/checkout/collections", { body: CART });
    const collection = idIn(open.body, "collection");
    const paidCollection = idIn(paid.body, "collection");
    const card = await shop.request(`/api/checkout/collections/${paidCollection}/sessions`, {
      body: { provider: "stripe", payment_method: "pm_card_visa" },
    });
    const authorized = await shop.request(
      `/api/checkout/sessions/${idIn(card.body, "session")}/authorize`,
      { body: {} },
    );
    expect(authorized.status).toBe(200);
    const manual = await shop.request(`/api/checkout/collections/${collection}/sessions`, {
      body: { provider: "manual" },
    });
    const [payment] = await shop.paymentsOf(paidCollection);
    ids = {
      collection,
      paidCollection,
      payment: payment?.id ?? "",
      session: idIn(manual.body, "session"),
    };
    await shop.server.deliverWebhooks();
  });
  afterAll(async () => {
    await shop?.close();
  });

  it.each(BAD_REQUESTS)("answers $name with $status $code, writing nothing", async (bad) => {
    const before = await snapshot(shop);
    const answer = await shop.request(typeof bad.path === "string" ? bad.path : bad.path(ids), {
      ...(bad.method !== undefined ? { method: bad.method } : {}),
      ...(bad.body !== undefined ? { body: bad.body } : {}),
      ...(bad.headers !== undefined ? { headers: bad.headers } : {}),
    });
    expect(answer).toMatchObject({
      status: bad.status,
      body: { error: { code: bad.code, message: expect.any(String) } },
    });
    expect(await snapshot(shop)).toBe(before);
  });

  it("lists the providers on offer, and collections and payments by status", async () => {
    const providers = await shop.request("/api/providers");
    expect(providers).toMatchObject({
      status: 200,
      body: {
        providers: [
          { id: "manual" },
          { id: "stripe", test_cards: expect.any(Array) },
          { id: "stripe-sepa" },
          { id: "paypal" },
        ],
      },
    });
    const authorized = await shop.request("/api/admin/collections?status=authorized");
    expect(authorized).toMatchObject({
      status: 200,
      body: { collections: [{ id: ids.paidCollection, status: "authorized" }] },
    });
    const payments = await shop.request("/api/admin/payments?status=authorized");
    expect(payments).toMatchObject({
      status: 200,
      body: {
        payments: [{ id: ids.payment, provider: "stripe", amount: { formatted: "€25.00" } }],
      },
    });
  });

  it("takes the same requests once they are right", async () => {
    const answer = await shop.request(`/api/admin/payments/${ids.payment}/capture`, {
      body: { amount: "10.00" },
    });
    expect(answer).toMatchObject({ status: 200, body: { payment: { captured: { minor: 1000 } } } });
  });
});
