import { Hono } from "hono";
import type { CheckoutDeps } from "./checkout-deps";
import { apiError } from "./http/api-error";
import { errorPage } from "./pages/error-page";
import { adminApi } from "./routes/admin-api";
import { eventStream } from "./routes/event-stream";
import { fakeProviderRoutes } from "./routes/fake-provider-routes";
import { pageRoutes } from "./routes/page-routes";
import { storefrontApi } from "./routes/storefront-api";
import { webhookRoutes } from "./routes/webhook-routes";

/** Paths answered in JSON, errors included; the rest are pages. */
const JSON_PREFIXES = [
  "/api/",
  "/webhooks/",
  "/events/",
  "/fake/deliver",
  "/fake/stripe/payment_intents/",
];

/**
 * The whole site as one Hono app. Errors are answered where they are
 * thrown from: `{ error: { code, message } }` with the status of Tender's
 * code on the JSON routes, an HTML page on the others.
 */
export async function createCheckoutApp(deps: CheckoutDeps): Promise<Hono> {
  const app = new Hono();
  app.route("/api", storefrontApi(deps));
  app.route("/api/admin", adminApi(deps));
  app.route("/webhooks", webhookRoutes(deps));
  app.route("/events", eventStream(deps));
  app.route("/fake", fakeProviderRoutes(deps));
  app.route("/", await pageRoutes(deps));

  const wantsJson = (path: string) => JSON_PREFIXES.some((prefix) => path.startsWith(prefix));
  app.notFound((c) =>
    wantsJson(c.req.path)
      ? c.json(
          { error: { code: "not_found", message: `No route for ${c.req.method} ${c.req.path}.` } },
          404,
        )
      : c.html(errorPage("Not found", "There is no page at this address."), 404),
  );
  app.onError((error, c) => {
    const { status, body } = apiError(error);
    if (status >= 500) console.error(`${c.req.method} ${c.req.path} failed:`, error);
    return wantsJson(c.req.path)
      ? c.json(body, status)
      : c.html(
          errorPage(status === 404 ? "Not found" : "Something went wrong", body.error.message),
          status,
        );
  });
  return app;
}
