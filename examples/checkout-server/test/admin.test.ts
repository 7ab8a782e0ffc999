import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import {
  describeInBrowser,
  expectStatus,
  launchBrowser,
  screenshotFailure,
  screenshotForDocs,
} from "./support/browser";
import {
  orderPageCollection,
  payAtCheckout,
  refundedAtStripe,
  stripeIntentOf,
} from "./support/checkout-steps";
import { onlyPayment, openShop, providerIdOf, type Shop } from "./support/shop";

describeInBrowser("the admin page, in Chromium", () => {
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

  /** A card payment made at the checkout, as a customer would. */
  async function paidByCard(): Promise<{
    collectionId: string;
    paymentId: string;
    intentId: string;
  }> {
    await payAtCheckout(page, shop, { provider: "Card (Stripe)", card: "Visa 4242: succeeds" });
    const collectionId = await orderPageCollection(page);
    await expectStatus(page, /^Paid:/);
    const payment = onlyPayment(await shop.paymentsOf(collectionId));
    return { collectionId, paymentId: payment.id, intentId: providerIdOf(payment) };
  }

  it("captures part of a card payment and refunds part of that under a reason; the books match Stripe's", async () => {
    const { paymentId, intentId } = await paidByCard();
    await page.goto(`${shop.url}/admin`);
    const section = page.getByRole("region", { name: new RegExp(paymentId) });
    await expect.poll(() => section.textContent()).toContain("Status authorized");

    await section.getByLabel("Capture amount (EUR)").fill("40.00");
    await section.getByRole("button", { name: "Capture" }).click();
    await expectStatus(page, new RegExp(`^Captured: €40\\.00 of €67\\.00 on ${paymentId}\\.`));
    await expect.poll(() => section.textContent()).toContain("Status partially_captured");

    await section.getByLabel("Refund amount (EUR)").fill("15.00");
    await section.getByLabel("Refund reason").selectOption({ label: "Arrived damaged" });
    await section.getByRole("button", { name: "Refund" }).click();
    await expectStatus(page, new RegExp(`^Refunded: €15\\.00 of €40\\.00 on ${paymentId}\\.`));
    await expect.poll(() => section.textContent()).toContain("€15.00 (succeeded, damaged)");

    const books = await shop.server.tender.service.retrievePayment(paymentId);
    const intent = stripeIntentOf(shop, intentId);
    expect(books).toMatchObject({ captured_amount: 4000, refunded_amount: 1500 });
    expect(books.captured_amount).toBe(intent.amount_received);
    expect(books.refunded_amount).toBe(refundedAtStripe(shop, intentId));
    const [refund] = await shop.server.tender.service.listRefunds({ payment_id: paymentId });
    const [damaged] = await shop.server.tender.service.listRefundReasons({ code: "damaged" });
    expect(refund?.refund_reason_id).toBe(damaged?.id);

    // A chargeback at Stripe reaches the admin page by its webhook.
    const opened = await shop.request(`/fake/stripe/payment_intents/${intentId}/dispute`, {
      method: "POST",
    });
    expect(opened.status).toBe(200);
    await expect
      .poll(
        async () =>
          (await shop.server.tender.service.listDisputes({ payment_id: paymentId })).length,
        {
          timeout: 30_000,
        },
      )
      .toBe(1);
    await page.reload();
    const disputes = page.getByRole("table").filter({ hasText: "Evidence due" });
    await expect.poll(() => disputes.textContent()).toContain(paymentId);
    const atStripe = [...shop.fakes.stripe.disputes.values()].filter(
      (dispute) => dispute.charge === intent.latest_charge,
    );
    expect(atStripe).toHaveLength(1);
    await expect
      .poll(
        async () => (await shop.server.tender.service.retrievePayment(paymentId)).disputed_amount,
      )
      .toBe(atStripe[0]?.amount);
    await screenshotForDocs(page, "admin");
  });

  it("cancels an authorized payment from the admin page and filters payments by status", async () => {
    const { paymentId, intentId } = await paidByCard();
    await page.goto(`${shop.url}/admin?payments=authorized`);
    const section = page.getByRole("region", { name: new RegExp(paymentId) });
    await section.getByRole("button", { name: "Cancel" }).click();
    await expectStatus(page, new RegExp(`^Canceled: ${paymentId} released €67\\.00\\.`));

    await page.getByLabel("Payment status").selectOption("canceled");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/payments=canceled/);
    const listed = page.locator("section.payment");
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.first().getAttribute("data-payment")).toBe(paymentId);

    expect(await shop.server.tender.service.retrievePayment(paymentId)).toMatchObject({
      status: "canceled",
      captured_amount: 0,
    });
    expect(stripeIntentOf(shop, intentId)).toMatchObject({
      status: "canceled",
      amount_received: 0,
    });
  });

  it("refuses an amount it cannot capture with Tender's reason, and captures nothing", async () => {
    const { paymentId, intentId } = await paidByCard();
    await page.goto(`${shop.url}/admin`);
    const section = page.getByRole("region", { name: new RegExp(paymentId) });
    await section.getByLabel("Capture amount (EUR)").fill("99.00");
    await section.getByRole("button", { name: "Capture" }).click();
    await expectStatus(page, /^Refused \(capture_exceeds_authorized\): /);
    await section.getByLabel("Capture amount (EUR)").fill("1.005");
    await section.getByRole("button", { name: "Capture" }).click();
    await expectStatus(page, /^Refused \(invalid_amount\): /);

    expect(await shop.server.tender.service.listCaptures({ payment_id: paymentId })).toEqual([]);
    expect(stripeIntentOf(shop, intentId)).toMatchObject({
      status: "requires_capture",
      amount_received: 0,
    });
  });
});
