import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import {
  describeInBrowser,
  expectStatus,
  launchBrowser,
  screenshotFailure,
} from "./support/browser";
import { orderPageCollection, payAtCheckout, stripeIntentOf } from "./support/checkout-steps";
import { collectionIdOf, onlyPayment, openShop, providerIdOf, type Shop } from "./support/shop";

describeInBrowser("a server restart in the middle of a payment, in Chromium", () => {
  let shop: Shop;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser(); // first: without Chromium nothing else starts
    shop = await openShop();
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

  it("finishes a 3D Secure payment begun before the restart, and keeps the orders paid before it", async () => {
    await payAtCheckout(page, shop, { provider: "Pay by invoice (manual)" });
    const paidBefore = await orderPageCollection(page);
    await expectStatus(page, /^Paid:/);

    await payAtCheckout(page, shop, {
      provider: "Card (Stripe)",
      card: "Visa 3220: needs 3D Secure",
      path: "/",
    });
    await page.waitForURL(/\/fake\/stripe\/3ds\//);
    const returnUrl = new URL(page.url()).searchParams.get("return") ?? "";
    const collectionId = collectionIdOf(returnUrl);
    expect((await shop.sessionsOf(collectionId)).map((session) => session.status)).toEqual([
      "requires_more",
    ]);

    // The customer is on the bank's page while the shop is redeployed.
    const urlBefore = shop.url;
    await shop.restart();
    expect(shop.url).toBe(urlBefore);

    await page.getByRole("button", { name: "Complete authentication" }).click();
    expect(await orderPageCollection(page)).toBe(collectionId);
    await expectStatus(page, /^Paid: €67\.00 with Card \(Stripe\)/);

    const payment = onlyPayment(await shop.paymentsOf(collectionId));
    const intent = stripeIntentOf(shop, providerIdOf(payment));
    expect(payment).toMatchObject({ status: "authorized", amount: intent.amount });
    expect(intent).toMatchObject({ status: "requires_capture", amount_capturable: payment.amount });
    // One session, one PaymentIntent: the restart sent nothing to Stripe twice.
    const sessionIds = (await shop.sessionsOf(collectionId)).map((session) => session.id);
    const intentsOfCollection = [...shop.fakes.stripe.paymentIntents.values()].filter((candidate) =>
      sessionIds.includes(candidate.metadata.session_id ?? ""),
    );
    expect(sessionIds).toHaveLength(1);
    expect(intentsOfCollection.map((candidate) => candidate.id)).toEqual([intent.id]);
    expect(onlyPayment(await shop.paymentsOf(paidBefore))).toMatchObject({
      provider_id: "manual",
      status: "authorized",
    });
    const reasons = await shop.server.tender.service.listRefundReasons();
    expect(reasons.map((reason) => reason.code).sort()).toEqual([
      "damaged",
      "duplicate",
      "goodwill",
      "returned",
    ]);
  });

  it("keeps an open order page following its collection across a restart (the event stream reconnects)", async () => {
    await payAtCheckout(page, shop, { provider: "SEPA Direct Debit (Stripe)", path: "/" });
    const collectionId = await orderPageCollection(page);
    await expectStatus(page, /^Processing:/);
    const [session] = await shop.sessionsOf(collectionId);
    const intentId = providerIdOf(session ?? { data: {} });

    await shop.restart();
    // The bank settles while the page is open; the webhook reaches the new server.
    const settled = await shop.request(`/fake/stripe/payment_intents/${intentId}/settle`, {
      body: { outcome: "succeeded" },
    });
    expect(settled.status).toBe(200);
    await expectStatus(page, /^Paid: €67\.00 with SEPA Direct Debit/);

    const payment = onlyPayment(await shop.paymentsOf(collectionId));
    expect(payment.captured_amount).toBe(stripeIntentOf(shop, intentId).amount_received);
  });
});
