import { ProviderError } from "@tender/core";
import { afterEach, describe, expect, it } from "vitest";
import { paypal } from "../src/index";
import {
  FAKE_SETTINGS,
  openSession,
  paypalService,
  takeDeliveries,
  useFakePayPal,
} from "./setup-paypal";

const fake = useFakePayPal();

const VARIABLES = [
  "PAYPAL_CLIENT_ID",
  "PAYPAL_CLIENT_SECRET",
  "PAYPAL_ENVIRONMENT",
  "PAYPAL_WEBHOOK_ID",
] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
afterEach(() => {
  for (const name of VARIABLES) {
    const value = saved[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});
function clearEnvironment() {
  for (const name of VARIABLES) delete process.env[name];
}

const initiate = (provider: ReturnType<typeof paypal>) =>
  provider.initiatePayment({
    session_id: "payses_01TEST",
    amount: 5000,
    currency_code: "usd",
    data: {},
    context: {},
    idempotency_key: "payses_01TEST:initiate",
  });

describe("PayPal credentials", () => {
  it.each([
    ["clientId", "PAYPAL_CLIENT_ID"],
    ["clientSecret", "PAYPAL_CLIENT_SECRET"],
    ["environment", "PAYPAL_ENVIRONMENT"],
  ] as const)(
    "names the setting %s and the variable %s when it is missing, at first use and never at construction",
    async (setting, variable) => {
      clearEnvironment();
      const { [setting]: _left, ...rest } = FAKE_SETTINGS;
      const provider = paypal(rest);
      const error = await initiate(provider).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: "configuration",
        definite: true,
        message: expect.stringContaining(`paypal({ ${setting} })`),
      });
      expect(error instanceof Error ? error.message : "").toContain(variable);
      expect(fake.requests).toHaveLength(0);
    },
  );

  it("reads the credentials from PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET and PAYPAL_ENVIRONMENT", async () => {
    process.env.PAYPAL_CLIENT_ID = "fake-client-id";
    process.env.PAYPAL_CLIENT_SECRET = "fake-client-secret";
    process.env.PAYPAL_ENVIRONMENT = "sandbox";
    const answer = await initiate(paypal());
    expect(answer).toMatchObject({ status: "requires_more", raw_status: "PAYER_ACTION_REQUIRED" });
  });

  it("refuses an environment that is neither sandbox nor production", async () => {
    clearEnvironment();
    process.env.PAYPAL_ENVIRONMENT = "staging";
    const { environment: _left, ...rest } = FAKE_SETTINGS;
    await expect(initiate(paypal(rest))).rejects.toMatchObject({
      code: "configuration",
      message: expect.stringContaining('"staging"'),
    });
  });

  it("reports a client secret PayPal refuses as a definite configuration error that never shows the secret", async () => {
    const secret = "sk-PayPal-very-secret-0123456789";
    const { service } = paypalService({ clientSecret: secret });
    const error = await openSession(service).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "configuration",
      statusCode: 401,
      providerCode: "invalid_client",
    });
    expect(ProviderError.isDefiniteFailure(error)).toBe(true);
    const text = JSON.stringify({ message: error instanceof Error ? error.message : "", error });
    expect(text).not.toContain(secret);
    expect(text).not.toContain(Buffer.from(`fake-client-id:${secret}`).toString("base64"));
    expect(await service.listPaymentSessions()).toHaveLength(0);
  });

  it("names webhookId and PAYPAL_WEBHOOK_ID when a webhook arrives without one", async () => {
    clearEnvironment();
    const { webhookId: _left, ...rest } = FAKE_SETTINGS;
    const { service } = paypalService();
    const session = await openSession(service);
    fake.approve(String(session.data.order_id));
    const [delivery] = await takeDeliveries(fake);
    if (delivery === undefined) throw new Error("PayPal sent no event");
    await expect(paypal(rest).getWebhookActionAndData(delivery)).rejects.toMatchObject({
      code: "configuration",
      message: expect.stringMatching(/webhookId.*PAYPAL_WEBHOOK_ID/),
    });
  });
});
