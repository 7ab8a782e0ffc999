import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import {
  describeInBrowser,
  expectStatus,
  launchBrowser,
  screenshotFailure,
} from "./support/browser";
import { orderPageCollection, payAtCheckout, stripeIntentOf } from "./support/checkout-steps";
import { onlyPayment, openShop, providerIdOf, type Shop } from "./support/shop";

describeInBrowser("a webhook landing after the redirect, in Chromium", () => {
  let shop: Shop;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser(); // first: without Chromium nothing else starts
    // Webhooks go out only when the test says so, and the bank settles only when told to.
    shop = await openShop({ webhookEveryMs: null, sepaSettlesAfterMs: null });
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
  });
  beforeEach(async (test) => {
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(30_000);
    test.onTestFailed(() => screenshotFailure(page, test.task.name));
  });

  it("changes the order page's status region in place when the SEPA debit's webhook lands", async () => {
    await payAtCheckout(page, shop, { provider: "SEPA Direct Debit (Stripe)" });
    const collectionId = await orderPageCollection(page);
    await expectStatus(
      page,
      /^Processing: SEPA Direct Debit \(Stripe\) is confirming the payment\./,
    );
    const [session] = await shop.sessionsOf(collectionId);
    const intentId = providerIdOf(session ?? { data: {} });
    expect(stripeIntentOf(shop, intentId).status).toBe("processing");
    // A mark on this very page: it must still be there after the status changes (no reload).
    await page.evaluate(() => {
      document.body.dataset.sameDocument = "yes";
    });

    // The bank settles at Stripe; the books hear of it only through the webhook.
    const settled = await shop.request(`/fake/stripe/payment_intents/${intentId}/settle`, {
      body: { outcome: "succeeded" },
    });
    expect(settled.status).toBe(200);
    expect(stripeIntentOf(shop, intentId).status).toBe("succeeded");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await expectStatus(page, /^Processing:/);
    expect(await shop.paymentsOf(collectionId)).toEqual([]);

    const delivered = await shop.request("/fake/deliver", { method: "POST" });
    expect(delivered.status).toBe(200);
    await expectStatus(page, /^Paid: €67\.00 with SEPA Direct Debit \(Stripe\)/);
    expect(await page.evaluate(() => document.body.dataset.sameDocument)).toBe("yes");

    const payment = onlyPayment(await shop.paymentsOf(collectionId));
    const intent = stripeIntentOf(shop, intentId);
    expect(payment).toMatchObject({ provider_id: "stripe-sepa", status: "captured" });
    expect(payment.captured_amount).toBe(intent.amount_received);
    expect(payment.amount).toBe(intent.amount);
    expect(shop.log.some((line) => /webhook stripe evt_\S+: \w+, processed/.test(line))).toBe(true);
  });

  it("takes a 3D Secure return before its webhook, and the late webhook changes nothing", async () => {
    await payAtCheckout(page, shop, {
      provider: "Card (Stripe)",
      card: "Visa 3220: needs 3D Secure",
    });
    await page.getByRole("button", { name: "Complete authentication" }).click();
    const collectionId = await orderPageCollection(page);
    await expectStatus(page, /^Paid: €67\.00 with Card \(Stripe\)/);
    const before = onlyPayment(await shop.paymentsOf(collectionId));

    await shop.request("/fake/deliver", { method: "POST" });
    const after = onlyPayment(await shop.paymentsOf(collectionId));
    expect(after).toEqual(before);
    await expectStatus(page, /^Paid: €67\.00 with Card \(Stripe\)/);
    expect(stripeIntentOf(shop, providerIdOf(after))).toMatchObject({
      status: "requires_capture",
      amount_capturable: after.amount,
    });
  });
});
