import { beforeEach, describe, expect, it } from "vitest";
import {
  authorizedPayment,
  expectBooksEqualPayPal,
  paypalService,
  useFakePayPal,
} from "./setup-paypal";

const DAY = 24 * 60 * 60 * 1000;
const start = Date.UTC(2030, 0, 1);
const fake = useFakePayPal({ now: () => start });

// PayPal's clock (the fake's advanceClock), the provider's and the service's move together.
let advanced = 0;
const now = () => new Date(start + advanced);
const advance = (ms: number) => {
  fake.advanceClock(ms);
  advanced += ms;
};
beforeEach(() => {
  advanced = 0;
});

const service = (settings: Parameters<typeof paypalService>[0] = {}) =>
  paypalService({ now, ...settings }, { now }).service;

const posts = (pattern: RegExp) =>
  fake.requests.filter((request) => request.method === "POST" && pattern.test(request.path));

describe("reauthorization after PayPal's 3-day honor period", () => {
  it("reauthorizes an authorization nothing was captured from, then captures the new one; the deadline stays PayPal's", async () => {
    const tender = service();
    const { payment } = await authorizedPayment(fake, tender);
    const original = String(payment.data.authorization_id);
    const deadline = payment.capture_before?.getTime();
    expect(deadline).toBe(Date.parse(fake.authorization(original)?.expiration_time ?? ""));

    advance(4 * DAY);
    const captured = await tender.capturePayment({ payment_id: payment.id, amount: 3000 });
    expect(posts(/\/reauthorize$/).map((request) => [request.path, request.requestId])).toEqual([
      [`/v2/payments/authorizations/${original}/reauthorize`, `${original}:reauthorize`],
    ]);
    const renewed = String(captured.data.authorization_id);
    expect(renewed).not.toBe(original);
    expect(captured.data.authorization_ids).toEqual([original, renewed]);
    expect(posts(/\/capture$/).map((request) => request.path)).toEqual([
      `/v2/payments/authorizations/${renewed}/capture`,
    ]);
    expect(fake.authorization(renewed)).toMatchObject({
      status: "PARTIALLY_CAPTURED",
      expiration_time: fake.authorization(original)?.expiration_time,
    });
    expect(captured.capture_before?.getTime()).toBe(deadline);

    // Later captures and the void go to the new authorization; it is not reauthorized again.
    advance(4 * DAY);
    await tender.capturePayment({ payment_id: payment.id });
    expect(posts(/\/reauthorize$/)).toHaveLength(1);
    expect(fake.authorization(renewed)?.status).toBe("CAPTURED");
    await expectBooksEqualPayPal(fake, tender, payment.id);
  });

  it("does not reauthorize within the honor period", async () => {
    const tender = service();
    const { payment } = await authorizedPayment(fake, tender);
    advance(2 * DAY);
    await tender.capturePayment({ payment_id: payment.id });
    expect(posts(/\/reauthorize$/)).toHaveLength(0);
    await expectBooksEqualPayPal(fake, tender, payment.id);
  });

  it("captures the original authorization after the honor period once something was captured from it", async () => {
    const tender = service();
    const { payment } = await authorizedPayment(fake, tender);
    await tender.capturePayment({ payment_id: payment.id, amount: 1000 });
    advance(5 * DAY);
    await tender.capturePayment({ payment_id: payment.id });
    expect(posts(/\/reauthorize$/)).toHaveLength(0);
    expect(fake.authorization(String(payment.data.authorization_id))?.status).toBe("CAPTURED");
    await expectBooksEqualPayPal(fake, tender, payment.id);
  });

  it("leaves the authorization alone with reauthorize: false", async () => {
    const tender = service({ reauthorize: false });
    const { payment } = await authorizedPayment(fake, tender);
    advance(10 * DAY);
    await tender.capturePayment({ payment_id: payment.id });
    expect(posts(/\/reauthorize$/)).toHaveLength(0);
    await expectBooksEqualPayPal(fake, tender, payment.id);
  });

  it("refuses to capture after PayPal's 29-day expiry, before any request", async () => {
    const tender = service();
    const { payment } = await authorizedPayment(fake, tender);
    advance(30 * DAY);
    const sent = fake.requests.length;
    await expect(tender.capturePayment({ payment_id: payment.id })).rejects.toMatchObject({
      code: "capture_expired",
    });
    expect(fake.requests).toHaveLength(sent);
    await expectBooksEqualPayPal(fake, tender, payment.id);
  });
});
