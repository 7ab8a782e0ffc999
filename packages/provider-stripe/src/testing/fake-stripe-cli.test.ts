import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createPaymentModuleService } from "@tender/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stripe } from "../index";

const cli = fileURLToPath(new URL("./fake-stripe-cli.ts", import.meta.url));
const packageDir = fileURLToPath(new URL("../..", import.meta.url));

/** The fake Stripe in its own process, as `tender-fake-stripe` runs it. */
function startFake(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ["--conditions=@tender/source", "--import", "tsx", cli, "--webhook-secret", "whsec_process"],
    { cwd: packageDir, stdio: ["ignore", "pipe", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.once("exit", (code) => reject(new Error(`the fake exited (${code}): ${err}`)));
  });
}

describe("the fake Stripe in its own process", () => {
  let fake: { child: ChildProcess; url: string } | undefined;
  beforeAll(async () => {
    fake = await startFake();
  }, 60_000);
  afterAll(() => {
    fake?.child.kill("SIGTERM");
  });

  it("takes a 3DS payment from the Stripe provider over HTTP, delivers its webhooks and shows its records", async () => {
    if (!fake) throw new Error("the fake did not start");
    const base = fake.url;
    const control = async (path: string, body: unknown = {}) => {
      const answer = await fetch(`${base}/_fake/${path}`, {
        method: body === null ? "GET" : "POST",
        ...(body === null ? {} : { body: JSON.stringify(body) }),
      });
      expect(answer.status, path).toBe(200);
      return answer.json();
    };
    const service = createPaymentModuleService({
      providers: [
        stripe({ apiKey: "sk_test_process", apiBase: base, webhookSecret: "whsec_process" }),
      ],
    });
    // The application's webhook endpoint, which the fake posts to.
    const endpoint = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers)) {
          if (typeof value === "string") headers[name] = value;
        }
        service
          .handleWebhook("stripe", { headers, rawBody: Buffer.concat(chunks).toString("utf8") })
          .then(
            () => response.writeHead(200).end(),
            () => response.writeHead(503).end(),
          );
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
    const hook = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/`;
    try {
      const collection = await service.createPaymentCollections({
        currency_code: "eur",
        amount: 2500,
      });
      const session = await service.createPaymentSession(collection.id, {
        provider_id: "stripe",
        currency_code: "eur",
        amount: 2500,
        data: { payment_method: "pm_card_threeDSecure2Required" },
      });
      await expect(service.authorizePaymentSession(session.id)).rejects.toMatchObject({
        code: "payment_requires_more",
      });

      await control(`payment_intents/${String(session.data.id)}/complete_3ds`);
      const delivered = await control("deliver", { url: hook });
      const payment = (await service.listPayments({ payment_session_id: session.id }))[0];
      await service.capturePayment({ payment_id: String(payment?.id), amount: 2000 });
      const records = await control("records", null);

      expect(delivered.delivered).toBeGreaterThan(0);
      expect(payment?.status).toBe("authorized");
      expect(records.payment_intents).toMatchObject([
        { id: session.data.id, status: "succeeded", amount_received: 2000 },
      ]);
      expect(await service.retrievePayment(String(payment?.id))).toMatchObject({
        captured_amount: 2000,
        status: "captured",
      });
      // A refund made in the Dashboard, delivered to the endpoint: booked once, as Stripe has it.
      const dashboard = await control(
        `payment_intents/${String(session.data.id)}/dashboard_refund`,
        {
          amount: 500,
        },
      );
      expect(dashboard).toMatchObject({ amount: 500, status: "succeeded", metadata: {} });
      await control("deliver", { url: hook, duplicate: true });
      expect(await service.retrievePayment(String(payment?.id))).toMatchObject({
        refunded_amount: 500,
        status: "partially_refunded",
      });
      expect(await fetch(`${base}/_fake/nothing`, { method: "POST" }).then((r) => r.status)).toBe(
        404,
      );
    } finally {
      endpoint.close();
      await service.close();
    }
  }, 60_000);
});
