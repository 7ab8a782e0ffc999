import { formatAmount, TenderError } from "@tender/core";
import { type Context, Hono } from "hono";
import type { CheckoutDeps } from "../checkout-deps";
import { invalidArgument } from "../http/api-error";
import { readJsonBody } from "../http/read-json-body";
import { errorPage } from "../pages/error-page";
import { threeDSecurePage } from "../pages/three-d-secure-page";

/** The fake PayPal's buyer pages, at the address PayPal's approve links point to (inside msw). */
const FAKE_PAYPAL_CHECKOUT = "https://www.sandbox.paypal.com/checkoutnow";

/**
 * What the fakes' own web pages would be, served by this server so a real
 * browser can use them: the fake Stripe's 3D Secure challenge and the fake
 * PayPal's approve page. Beside them, dev routes for what a bank or a
 * webhook sender would do: deliver the pending webhooks now, settle a SEPA
 * debit, open a dispute.
 */
export function fakeProviderRoutes(deps: CheckoutDeps): Hono {
  const routes = new Hono();
  const stripe = deps.fakeStripe;

  routes.post("/deliver", async (c) => {
    await readJsonBody(c, []);
    await deps.deliverWebhooks();
    return c.json({ delivered: true });
  });

  routes.get("/paypal/checkoutnow", async (c) => {
    const page = await fetch(deps.fakePayPal.approveUrl(c.req.query("token") ?? ""));
    const text = (await page.text()).replaceAll(FAKE_PAYPAL_CHECKOUT, "/fake/paypal/checkoutnow");
    return c.html(text, page.status === 404 ? 404 : 200);
  });

  routes.post("/paypal/checkoutnow/:decision", async (c) => {
    const token = encodeURIComponent(c.req.query("token") ?? "");
    const decision = encodeURIComponent(c.req.param("decision"));
    const answer = await fetch(`${FAKE_PAYPAL_CHECKOUT}/${decision}?token=${token}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: await c.req.text(),
    });
    const location = answer.headers.get("location");
    if (answer.status === 303 && location !== null) return c.redirect(location, 303);
    return c.html(await answer.text(), answer.status === 404 ? 404 : 409);
  });

  if (stripe === null) return routes;

  routes.get("/stripe/3ds/:intentId", (c) => {
    const intentId = c.req.param("intentId");
    const intent = stripe.paymentIntents.get(intentId);
    if (intent === undefined) {
      return c.html(errorPage("Not found", "The fake Stripe has no such PaymentIntent."), 404);
    }
    return c.html(
      threeDSecurePage({
        intentId,
        amount: formatAmount(intent.amount, intent.currency),
        returnUrl: sameOriginUrl(c, c.req.query("return")),
      }),
    );
  });

  routes.post("/stripe/3ds/:intentId", async (c) => {
    const intentId = c.req.param("intentId");
    const form = await c.req.parseBody();
    const back = new URL(sameOriginUrl(c, form.return));
    try {
      if (form.decision === "complete") stripe.completeThreeDS(intentId);
      else if (form.decision === "fail") stripe.failThreeDS(intentId);
      else throw invalidArgument('decision is "complete" or "fail".');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return c.html(
        errorPage("Cannot do that", message),
        TenderError.isInstance(error) ? 400 : 409,
      );
    }
    // As Stripe's redirect does: the intent and how the challenge went.
    back.searchParams.set("payment_intent", intentId);
    back.searchParams.set("redirect_status", form.decision === "complete" ? "succeeded" : "failed");
    return c.redirect(back.toString(), 303);
  });

  routes.post("/stripe/payment_intents/:intentId/settle", async (c) => {
    const body = await readJsonBody(c, ["outcome"]);
    const outcome = body.outcome ?? "succeeded";
    if (outcome !== "succeeded" && outcome !== "failed") {
      throw invalidArgument('outcome is "succeeded" (the default) or "failed".');
    }
    return fakeAnswer(c, () => deps.bank?.settle(c.req.param("intentId"), outcome));
  });

  routes.post("/stripe/payment_intents/:intentId/dispute", async (c) => {
    await readJsonBody(c, []);
    return fakeAnswer(c, () => stripe.createDispute(c.req.param("intentId")));
  });

  return routes;
}

/** A return address on this server: anything else would make the page an open redirect. */
function sameOriginUrl(c: Context, value: unknown): string {
  const origin = new URL(c.req.url).origin;
  if (typeof value === "string" && URL.canParse(value) && new URL(value).origin === origin) {
    return value;
  }
  throw invalidArgument(`return must be an address on this server (${origin}/...).`);
}

/** A fake's helper throws a plain Error for a step its state refuses: a 409. */
function fakeAnswer(c: Context, act: () => unknown): Response {
  try {
    return c.json({ done: true, result: act() ?? null });
  } catch (error) {
    if (TenderError.isInstance(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return c.json({ error: { code: "invalid_state_transition", message } }, 409);
  }
}
