import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCheckoutFakes } from "../src/fakes/checkout-fakes";
import { type CheckoutServer, startCheckoutServer } from "../src/start-checkout-server";
import { idIn } from "./support/shop";

/**
 * PostgreSQL: DATABASE_URL, or the local server CI runs (user postgres,
 * database test). Skipped when neither answers, except under CI=true or with
 * DATABASE_URL set, where it fails.
 */
const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const required = process.env.DATABASE_URL !== undefined || process.env.CI === "true";

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const available = await answers(DATABASE_URL);
if (!available && !required) {
  console.warn(
    `Skipping the PostgreSQL test: nothing answered at ${DATABASE_URL}. Set DATABASE_URL to run it.`,
  );
}

describe.skipIf(!available && !required)("the checkout server on PostgreSQL", () => {
  const schema = `checkout_server_test_${process.pid}_${Date.now()}`;
  const fakes = createCheckoutFakes();
  const start = (port = 0) =>
    startCheckoutServer({
      port,
      databaseUrl: DATABASE_URL,
      databaseSchema: schema,
      fakes,
      webhookEveryMs: 250,
      log: () => undefined,
    });
  let server: CheckoutServer;

  beforeAll(async () => {
    if (!available)
      throw new Error(`PostgreSQL is required here but did not answer at ${DATABASE_URL}.`);
    server = await start();
  });
  afterAll(async () => {
    await server?.close();
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json: unknown = await response.json();
    return { status: response.status, json };
  };

  it("keeps a card payment in its schema across a restart, and captures it after", async () => {
    const created = await post("/api/checkout/collections", {
      items: [{ sku: "mug", quantity: 2 }],
    });
    expect(created).toMatchObject({
      status: 201,
      json: { collection: { amount: { minor: 2400 } } },
    });
    const collectionId = idIn(created.json, "collection");
    const opened = await post(`/api/checkout/collections/${collectionId}/sessions`, {
      provider: "stripe",
      payment_method: "pm_card_visa",
    });
    const sessionId = idIn(opened.json, "session");
    expect(await post(`/api/checkout/sessions/${sessionId}/authorize`, {})).toMatchObject({
      status: 200,
      json: { outcome: "authorized", checkout: { state: "paid" } },
    });

    const port = Number(new URL(server.url).port);
    await server.close();
    server = await start(port);

    const [payment] = await server.tender.service.listPayments({
      payment_collection_id: collectionId,
    });
    expect(payment).toMatchObject({ status: "authorized", amount: 2400 });
    const captured = await post(`/api/admin/payments/${payment?.id}/capture`, { amount: "24.00" });
    expect(captured).toMatchObject({ status: 200, json: { payment: { status: "captured" } } });
    const intent = fakes.stripe.paymentIntents.get(String(payment?.data.id));
    expect(intent).toMatchObject({ status: "succeeded", amount_received: 2400 });
  });
});
