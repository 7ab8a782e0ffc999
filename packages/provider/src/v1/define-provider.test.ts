import { describe, expect, expectTypeOf, it } from "vitest";
import { ProviderError } from "../errors/provider-error";
import { defineProvider } from "./define-provider";
import { DEFAULT_CAPABILITIES } from "./provider-capabilities";

type GiftCardData = { card: string };

const giftCard = (settings: { id?: string } = {}) =>
  defineProvider<GiftCardData>()({
    id: settings.id ?? "gift-card",
    capabilities: { partialCapture: true },
    async initiatePayment(input) {
      return { status: "pending", data: input.data };
    },
    async authorizePayment(input) {
      return { status: "authorized", data: input.data };
    },
    async capturePayment(input) {
      return { data: input.data };
    },
    async refundPayment(input) {
      return { status: "succeeded", data: input.data };
    },
    async cancelPayment(input) {
      return { data: input.data };
    },
  });

describe("defineProvider", () => {
  it("makes a v1 provider with the declared capabilities on top of the defaults", () => {
    const provider = giftCard();
    expect(provider.specificationVersion).toBe("v1");
    expect(provider.id).toBe("gift-card");
    expect(provider.capabilities).toEqual({ ...DEFAULT_CAPABILITIES, partialCapture: true });
  });

  it("keeps a literal id and the session data's type for the typed client", () => {
    expectTypeOf(
      defineProvider()({ ...giftCard(), id: "store-credit" }).id,
    ).toEqualTypeOf<"store-credit">();
    expectTypeOf(giftCard()).toHaveProperty("~types");
    type Data = NonNullable<ReturnType<typeof giftCard>["~types"]>["sessionData"];
    expectTypeOf<Data>().toEqualTypeOf<GiftCardData>();
  });

  it("fills update and delete with answers that change nothing", async () => {
    const provider = giftCard();
    const data = { card: "gc_1" };
    const base = { session_id: "payses_1", amount: 100, currency_code: "usd", context: {} };
    await expect(
      provider.updatePayment({ ...base, data, idempotency_key: "payses_1:update:1" }),
    ).resolves.toEqual({ status: "pending", data });
    await expect(
      provider.deletePayment({ session_id: "payses_1", data, idempotency_key: "payses_1:delete" }),
    ).resolves.toEqual({ data });
  });

  it("refuses webhooks with a definite configuration error when none were written", async () => {
    const error = await giftCard()
      .getWebhookActionAndData({ headers: {}, rawBody: "{}" })
      .catch((caught: unknown) => caught);
    expect(ProviderError.isProviderError(error) && error.definite).toBe(true);
    expect(error).toMatchObject({
      code: "configuration",
      message: expect.stringContaining("capabilities.webhooks"),
    });
  });

  it("lets a provider replace a default", async () => {
    const provider = defineProvider()({
      ...giftCard(),
      id: "hooks",
      async getPaymentStatus(input) {
        return { status: "authorized", data: input.data };
      },
    });
    await expect(provider.getPaymentStatus({ session_id: "s", data: {} })).resolves.toMatchObject({
      status: "authorized",
    });
  });
});
