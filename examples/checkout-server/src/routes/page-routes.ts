import { readFile } from "node:fs/promises";
import { Hono } from "hono";
import {
  collectionStatusOf,
  listCollectionViews,
  listDisputeViews,
  listPaymentViews,
  paymentStatusOf,
} from "../admin-books";
import { DEFAULT_CART, priceCart } from "../catalog";
import type { CheckoutDeps } from "../checkout-deps";
import { PROVIDER_LABELS, TEST_CARDS } from "../checkout-providers";
import { adminPage } from "../pages/admin-page";
import { checkoutPage } from "../pages/checkout-page";
import { orderPage } from "../pages/order-page";
import { cartOf, readCheckoutStatus } from "../read-checkout-status";

/** Sessions the customer may have finished at the provider's page, to authorize on return. */
const AWAITING = new Set(["pending", "requires_more"]);

/** The browser scripts, served as they are in src/browser/. */
async function loadAssets(): Promise<Map<string, string>> {
  const names = ["checkout.js", "admin.js"];
  const files = await Promise.all(
    names.map((name) => readFile(new URL(`../browser/${name}`, import.meta.url), "utf8")),
  );
  return new Map(names.map((name, index) => [name, files[index] ?? ""]));
}

/** The HTML pages: the checkout, the order page a customer returns to, the admin. */
export async function pageRoutes(deps: CheckoutDeps): Promise<Hono> {
  const routes = new Hono();
  const assets = await loadAssets();
  const { tender } = deps;

  routes.get("/assets/:name", (c) => {
    const script = assets.get(c.req.param("name"));
    if (script === undefined) return c.text("Not found", 404);
    return c.body(script, 200, { "content-type": "text/javascript; charset=utf-8" });
  });

  routes.get("/", async (c) => {
    const collectionId = c.req.query("collection") || null;
    const status = collectionId
      ? await readCheckoutStatus(tender, collectionId)
      : { state: "unpaid" as const, message: "Not paid yet." };
    return c.html(
      checkoutPage({
        cart: priceCart(DEFAULT_CART),
        providers: deps.offered.map((id) => ({ id, label: PROVIDER_LABELS[id] })),
        testCards: TEST_CARDS,
        collectionId,
        status,
      }),
    );
  });

  routes.get("/checkout/return", async (c) => {
    const collectionId = c.req.query("collection") ?? "";
    const collection = await tender.collection(collectionId);
    const cancelled = c.req.query("cancelled") === "paypal";
    if (!cancelled) {
      // The customer is back from the provider's page: ask it where the payment stands.
      const sessions = await collection.sessions.list();
      const waiting = sessions
        .filter((session) => AWAITING.has(session.status))
        .sort((a, b) => b.record.created_at.getTime() - a.record.created_at.getTime())[0];
      // An outcome that is not authorized is shown from the books below, as any other.
      await waiting?.authorize();
    }
    const status = await readCheckoutStatus(tender, collectionId);
    // The books cannot tell a buyer who cancelled at PayPal from one still there: the page says it.
    const shown =
      cancelled && status.state !== "paid"
        ? { state: "unpaid" as const, message: "Cancelled at PayPal: nothing was charged." }
        : status;
    return c.html(
      orderPage({
        collectionId: collection.id,
        cart: cartOf(collection.record),
        status: shown,
        follow: shown === status,
      }),
    );
  });

  routes.get("/admin", async (c) => {
    const collectionStatus = collectionStatusOf(c.req.query("collections"));
    const paymentStatus = paymentStatusOf(c.req.query("payments"));
    const [collections, payments, disputes, reasons] = await Promise.all([
      listCollectionViews(tender, collectionStatus),
      listPaymentViews(tender, { status: paymentStatus }),
      listDisputeViews(tender),
      tender.service.listRefundReasons(),
    ]);
    return c.html(
      adminPage({
        collections,
        payments,
        disputes,
        reasons,
        filters: { collectionStatus, paymentStatus },
      }),
    );
  });

  return routes;
}
