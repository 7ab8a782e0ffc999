import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakePayPal } from "../src/testing/index.ts";

const fake = createFakePayPal({ environment: "production" });
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());
beforeEach(() => fake.reset());

async function bearer(): Promise<string> {
  const response = await fetch(`${fake.baseUrl}/v1/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from("fake-client-id:fake-client-secret").toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function createOrder(): Promise<string> {
  const response = await fetch(`${fake.baseUrl}/v2/checkout/orders`, {
    method: "POST",
    headers: { authorization: `Bearer ${await bearer()}`, "content-type": "application/json" },
    body: JSON.stringify({
      intent: "AUTHORIZE",
      purchase_units: [{ amount: { currency_code: "GBP", value: "9.99" } }],
      payment_source: {
        paypal: {
          experience_context: {
            return_url: "https://shop.example/return?session=1",
            cancel_url: "https://shop.example/cancel",
          },
        },
      },
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

function formAction(html: string, label: string): string {
  const match = new RegExp(
    `<form method="post" action="([^"]+)"[^>]*>\\s*<button type="submit"[^>]*>${label}</button>`,
  ).exec(html);
  if (match?.[1] === undefined) throw new Error(`no ${label} form`);
  return match[1].replaceAll("&#38;", "&");
}

describe("the fake PayPal's approve page", () => {
  it("serves the production API and an HTML page with accessible Approve and Cancel buttons", async () => {
    expect(fake.baseUrl).toBe("https://api-m.paypal.com");
    const orderId = await createOrder();
    expect(fake.approveUrl(orderId)).toBe(`https://www.paypal.com/checkoutnow?token=${orderId}`);
    const page = await fetch(fake.approveUrl(orderId));
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<h1>Pay with PayPal<\/h1>/);
    expect(html).toContain("9.99 GBP");
    expect(html).toMatch(/<button type="submit"[^>]*>Approve<\/button>/);
    expect(html).toMatch(/<button type="submit"[^>]*>Cancel<\/button>/);
    expect(html).toMatch(/aria-label="Approve the payment"/);
  });

  it("approves from the page and redirects to return_url with token and PayerID", async () => {
    const orderId = await createOrder();
    const html = await (await fetch(fake.approveUrl(orderId))).text();
    const response = await fetch(formAction(html, "Approve"), {
      method: "POST",
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe("https://shop.example/return");
    expect(location.searchParams.get("session")).toBe("1");
    expect(location.searchParams.get("token")).toBe(orderId);
    expect(location.searchParams.get("PayerID")).toBeTruthy();
    expect(fake.order(orderId)?.status).toBe("APPROVED");
    expect(fake.events.map((event) => event.event_type)).toEqual(["CHECKOUT.ORDER.APPROVED"]);
  });

  it("cancels from the page: back to cancel_url, the order still unapproved", async () => {
    const orderId = await createOrder();
    const html = await (await fetch(fake.approveUrl(orderId))).text();
    const response = await fetch(formAction(html, "Cancel"), {
      method: "POST",
      redirect: "manual",
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`https://shop.example/cancel?token=${orderId}`);
    expect(fake.order(orderId)?.status).toBe("PAYER_ACTION_REQUIRED");
    expect(fake.events).toHaveLength(0);
  });

  it("answers 404 for an unknown token", async () => {
    const response = await fetch(fake.approveUrl("UNKNOWN"));
    expect(response.status).toBe(404);
  });
});
