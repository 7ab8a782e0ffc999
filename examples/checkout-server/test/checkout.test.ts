import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import {
  describeInBrowser,
  expectStatus,
  launchBrowser,
  screenshotFailure,
  screenshotForDocs,
} from "./support/browser";
import {
  CART_AMOUNT,
  orderPageCollection,
  payAtCheckout,
  stripeIntentOf,
} from "./support/checkout-steps";
import { onlyPayment, openShop, providerIdOf, type Shop } from "./support/shop";

describeInBrowser("the checkout, in Chromium", () => {
  let shop: Shop;
  let browser: Browser;
  let context: BrowserContext;
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
    context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    test.onTestFailed(() => screenshotFailure(page, test.task.name));
  });
  afterEach(async () => {
    await context?.close();
  });

  it("pays with the manual provider: the order page says paid and the books hold one authorized payment", async () => {
    await payAtCheckout(page, shop, { provider: "Pay by invoice (manual)" });
    const collectionId = await orderPageCollection(page);
    await expectStatus(page, /^Paid: €67\.00 with Pay by invoice \(manual\)/);

    const payment = onlyPayment(await shop.paymentsOf(collectionId));
    expect(payment).toMatchObject({
      provider_id: "manual",
      status: "authorized",
      amount: CART_AMOUNT,
    });
    const { body } = await shop.request(`/api/checkout/collections/${collectionId}`);
    expect(body).toMatchObject({ state: "paid", collection: { status: "authorized" } });
  });

  it("pays with Stripe's pm_card_visa: the payment holds what the PaymentIntent holds at Stripe", async () => {
    await page.goto(shop.url);
    await page.getByLabel("Card (Stripe)").check();
    await page.getByLabel("Test card").selectOption({ label: "Visa 4242: succeeds" });
    await screenshotForDocs(page, "checkout");
    await payAtCheckout(page, shop, { provider: "Card (Stripe)", card: "Visa 4242: succeeds" });
    const collectionId = await orderPageCollection(page);
    await expectStatus(page, /^Paid: €67\.00 with Card \(Stripe\)/);

    const payment = onlyPayment(await shop.paymentsOf(collectionId));
    const intent = stripeIntentOf(shop, providerIdOf(payment));
    expect(payment).toMatchObject({ provider_id: "stripe", status: "authorized", amount: 6700 });
    expect(intent).toMatchObject({
      status: "requires_capture",
      amount: payment.amount,
      amount_capturable: payment.amount,
      amount_received: payment.captured_amount,
      currency: "eur",
    });
  });

  it("shows a declined card's reason in the status region, and takes another card for the same order", async () => {
    await payAtCheckout(page, shop, { provider: "Card (Stripe)", card: "Visa 0002: declined" });
    await expectStatus(page, /^Declined: Your card was declined\..*Choose another card/);
    expect(new URL(page.url()).pathname).toBe("/");
    const declinedCollection = await page.locator("#checkout").getAttribute("data-collection");

    await payAtCheckout(page, shop, { provider: "Card (Stripe)", card: "Visa 4242: succeeds" });
    const collectionId = await orderPageCollection(page);
    expect(collectionId).toBe(declinedCollection);
    await expectStatus(page, /^Paid: €67\.00/);

    const sessions = await shop.sessionsOf(collectionId);
    const declined = sessions.find((session) => session.status === "error");
    expect(declined?.error).toMatchObject({
      code: "card_declined",
      decline_code: "generic_decline",
    });
    expect(stripeIntentOf(shop, providerIdOf(declined ?? { data: {} }))).toMatchObject({
      status: "requires_payment_method",
      amount_received: 0,
      last_payment_error: { code: "card_declined", decline_code: "generic_decline" },
    });
    const payment = onlyPayment(await shop.paymentsOf(collectionId));
    expect(stripeIntentOf(shop, providerIdOf(payment))).toMatchObject({
      status: "requires_capture",
      amount_capturable: payment.amount,
    });
  });

  it("passes 3D Secure on the challenge page and comes back paid", async () => {
    await payAtCheckout(page, shop, {
      provider: "Card (Stripe)",
      card: "Visa 3220: needs 3D Secure",
    });
    await page.waitForURL(/\/fake\/stripe\/3ds\//);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("3D Secure authentication");
    await page.getByRole("button", { name: "Complete authentication" }).click();
    const collectionId = await orderPageCollection(page);
    await expectStatus(page, /^Paid: €67\.00 with Card \(Stripe\)/);

    const payment = onlyPayment(await shop.paymentsOf(collectionId));
    expect(payment.status).toBe("authorized");
    expect(stripeIntentOf(shop, providerIdOf(payment))).toMatchObject({
      status: "requires_capture",
      amount_capturable: payment.amount,
      amount_received: 0,
    });
  });

  it("fails 3D Secure on the challenge page: the order page says so and nothing is held", async () => {
    await payAtCheckout(page, shop, {
      provider: "Card (Stripe)",
      card: "Visa 3220: needs 3D Secure",
    });
    await page.getByRole("button", { name: "Fail authentication" }).click();
    const collectionId = await orderPageCollection(page);
    await expectStatus(page, /^Authentication failed: .*Choose another card/);
    await expect
      .poll(() => page.getByRole("link", { name: "Choose another payment method" }).count())
      .toBe(1);

    expect(await shop.paymentsOf(collectionId)).toEqual([]);
    const [session] = await shop.sessionsOf(collectionId);
    expect(session).toMatchObject({
      status: "error",
      error: { code: "payment_intent_authentication_failure" },
    });
    expect(stripeIntentOf(shop, providerIdOf(session ?? { data: {} }))).toMatchObject({
      status: "requires_payment_method",
      amount_capturable: 0,
      amount_received: 0,
    });
  });

  it("pays with PayPal: the buyer approves on PayPal's page, comes back paid, and the books match PayPal's ledger", async () => {
    await payAtCheckout(page, shop, { provider: "PayPal" });
    await page.waitForURL(/\/fake\/paypal\/checkoutnow\?token=/);
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("Pay with PayPal");
    await page.getByRole("button", { name: "Approve" }).click();
    const collectionId = await orderPageCollection(page);
    await expectStatus(page, /^Paid: €67\.00 with PayPal/);

    const payment = onlyPayment(await shop.paymentsOf(collectionId));
    const orderId = providerIdOf(payment);
    expect(payment).toMatchObject({ provider_id: "paypal", status: "authorized", amount: 6700 });
    expect(shop.fakes.paypal.order(orderId)?.status).toBe("COMPLETED");
    // The money moves at PayPal only when captured: capture and refund through the admin API.
    const captured = await shop.request(`/api/admin/payments/${payment.id}/capture`, { body: {} });
    expect(captured.status).toBe(200);
    const refunded = await shop.request(`/api/admin/payments/${payment.id}/refund`, {
      body: { amount: "10.00", reason: "goodwill" },
    });
    expect(refunded.status).toBe(200);
    const books = await shop.server.tender.service.retrievePayment(payment.id);
    expect(shop.fakes.paypal.moved(orderId)).toEqual({
      captured: books.captured_amount,
      refunded: books.refunded_amount,
    });
    expect(books).toMatchObject({ captured_amount: 6700, refunded_amount: 1000 });
  });

  it("charges nothing to a buyer who cancels at PayPal, and lets them choose again", async () => {
    await payAtCheckout(page, shop, { provider: "PayPal" });
    await page.getByRole("button", { name: "Cancel" }).click();
    const collectionId = await orderPageCollection(page);
    await expectStatus(page, /^Cancelled at PayPal: nothing was charged\./);

    await page.getByRole("link", { name: "Choose another payment method" }).click();
    await payAtCheckout(page, shop, { provider: "Pay by invoice (manual)" });
    expect(await orderPageCollection(page)).toBe(collectionId);
    await expectStatus(page, /^Paid: €67\.00 with Pay by invoice/);

    const [payment, ...others] = await shop.paymentsOf(collectionId);
    expect(others).toEqual([]);
    expect(payment?.provider_id).toBe("manual");
    const paypalSession = (await shop.sessionsOf(collectionId)).find(
      (s) => s.provider_id === "paypal",
    );
    expect(shop.fakes.paypal.moved(providerIdOf(paypalSession ?? { data: {} }))).toEqual({
      captured: 0,
      refunded: 0,
    });
  });

  it("can be paid with the keyboard alone: arrow keys in the radio group, Tab to Pay, Enter", async () => {
    await page.goto(shop.url);
    await page.getByLabel("Pay by invoice (manual)").focus();
    await page.keyboard.press("ArrowDown");
    expect(await page.getByLabel("Card (Stripe)").isChecked()).toBe(true);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("test-card");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Pay €67.00");
    await page.keyboard.press("Enter");
    const collectionId = await orderPageCollection(page);
    await expectStatus(page, /^Paid: €67\.00 with Card \(Stripe\)/);
    expect(onlyPayment(await shop.paymentsOf(collectionId)).provider_id).toBe("stripe");
  });
});
