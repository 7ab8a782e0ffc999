import { formatAmount, TenderError } from "@tender/core";
import { Hono } from "hono";
import { match } from "ts-pattern";
import { priceCart } from "../catalog";
import type { CheckoutDeps } from "../checkout-deps";
import { PROVIDER_LABELS, TEST_CARDS } from "../checkout-providers";
import { browserRedirectOf } from "../fakes/browser-redirect";
import { apiError } from "../http/api-error";
import { readJsonBody } from "../http/read-json-body";
import { openCheckoutSession, paymentChoiceOf } from "../open-checkout-session";
import { readCheckoutStatus } from "../read-checkout-status";
import { collectionView, sessionView } from "../record-views";

/**
 * The storefront's JSON API, which checkout.js calls: the providers on
 * offer, a collection for a cart, a session with the chosen provider, its
 * authorization, and where the collection stands.
 */
export function storefrontApi(deps: CheckoutDeps): Hono {
  const api = new Hono();

  api.get("/providers", (c) =>
    c.json({
      providers: deps.offered.map((id) => ({
        id,
        label: PROVIDER_LABELS[id],
        ...(id === "stripe" ? { test_cards: TEST_CARDS } : {}),
      })),
    }),
  );

  api.post("/checkout/collections", async (c) => {
    const body = await readJsonBody(c, ["items"]);
    const cart = priceCart(body.items);
    const collection = await deps.tender.collections.create({
      currency: cart.currency,
      amount: cart.amount,
      metadata: { cart: cart.lines.map(({ sku, quantity }) => ({ sku, quantity })) },
    });
    return c.json({ collection: collectionView(collection.record), cart }, 201);
  });

  api.get("/checkout/collections/:id", async (c) =>
    c.json(await readCheckoutStatus(deps.tender, c.req.param("id"))),
  );

  api.post("/checkout/collections/:id/sessions", async (c) => {
    const body = await readJsonBody(c, ["provider", "payment_method"]);
    const choice = paymentChoiceOf(body, deps.offered);
    const collection = await deps.tender.collection(c.req.param("id"));
    if (collection.remaining === 0) {
      // Tender would open it (for the whole amount again): a second payment of a paid order.
      throw new TenderError({
        code: "collection_already_authorized",
        message: `Collection ${collection.id} is paid already (${formatAmount(collection.authorized, collection.currency)} authorized): there is nothing left to pay.`,
      });
    }
    const session = await openCheckoutSession(collection, choice, new URL(c.req.url).origin);
    return c.json({ session: sessionView(session.record) }, 201);
  });

  api.post("/checkout/sessions/:id/authorize", async (c) => {
    await readJsonBody(c, []);
    const session = await deps.tender.session(c.req.param("id"));
    const outcome = await session.authorize();
    const checkout = await readCheckoutStatus(deps.tender, session.record.payment_collection_id);
    return match(outcome)
      .with({ status: "authorized" }, () => c.json({ outcome: "authorized", checkout }))
      .with({ status: "requires_more" }, ({ session: waiting }) =>
        c.json({
          outcome: "requires_more",
          redirect_url: browserRedirectOf(waiting.record, {
            origin: new URL(c.req.url).origin,
            fakeStripe: deps.fakeStripe !== null,
          }),
          checkout,
        }),
      )
      .with({ status: "processing" }, ({ session: processing }) => {
        const intentId = processing.record.data.id;
        if (processing.providerId === "stripe-sepa" && typeof intentId === "string") {
          deps.bank?.debitStarted(intentId);
        }
        return c.json({ outcome: "processing", checkout });
      })
      .with({ status: "failed" }, ({ error }) => {
        const { status, body } = apiError(error);
        return c.json({ ...body, checkout }, status);
      })
      .exhaustive();
  });

  return api;
}
