import { describe, expect, it } from "vitest";
import {
  createPaymentModuleService,
  type PaymentModuleService,
  type TenderErrorCode,
} from "../index";
import { scriptedProvider } from "../testing/index";
import { openSession, paymentRecords, recordEvents } from "./test-support";

/**
 * A service with something in every table: a collection paid, partly captured
 * and partly refunded, and an open eur collection with no session yet.
 */
async function setup() {
  const provider = scriptedProvider();
  const service = createPaymentModuleService({ providers: [provider] });
  const { collection: paid, session } = await openSession(service, {
    provider_id: "scripted",
    amount: 5000,
  });
  const payment = await service.authorizePaymentSession(session.id);
  await service.capturePayment({ payment_id: payment.id, amount: 3000 });
  await service.refundPayment({ payment_id: payment.id, amount: 1000 });
  const open = await service.createPaymentCollections({ currency_code: "eur", amount: 2000 });
  return { provider, service, paid, open, session, payment };
}

type Fixture = Awaited<ReturnType<typeof setup>>;

/** Every list a caller can read, to prove a refused call changed nothing. */
async function everything(service: PaymentModuleService) {
  return { ...(await paymentRecords(service)), reasons: await service.listRefundReasons() };
}

interface BadCall {
  name: string;
  code: TenderErrorCode;
  /** What the message must say, so the caller knows what to do. */
  hint: RegExp;
  call: (fixture: Fixture) => Promise<unknown>;
}

class CaptureDto {
  constructor(
    readonly payment_id: string,
    readonly amount: number,
  ) {}
}

const badCalls: BadCall[] = [
  {
    name: "a class instance for an input",
    code: "invalid_argument",
    hint: /must be a plain object; got a CaptureDto\. Pass its fields as an object literal/,
    call: ({ service, payment }) =>
      service.capturePayment(new CaptureDto(payment.id, 500) as never),
  },
  {
    name: "a Map for a list's filters",
    code: "invalid_argument",
    hint: /must be a plain object; got a Map/,
    call: ({ service }) => service.listPayments(new Map([["id", "pay_1"]]) as never),
  },
  {
    name: "a NUL character in a region id",
    code: "invalid_argument",
    hint: /region_id contains a NUL character/,
    call: ({ service }) =>
      service.createPaymentCollections({
        currency_code: "usd",
        amount: 100,
        region_id: "eu\u0000",
      }),
  },
  {
    name: "half a surrogate pair in an idempotency key",
    code: "invalid_argument",
    hint: /idempotency_key contains half of a UTF-16 surrogate pair/,
    call: ({ service, payment }) =>
      service.capturePayment({ payment_id: payment.id, idempotency_key: "cap-\ud83d" }),
  },
  {
    name: "an empty refund reason id",
    code: "invalid_argument",
    hint: /refund_reason_id must be a non-empty string id/,
    call: ({ service, payment }) =>
      service.refundPayment({ payment_id: payment.id, refund_reason_id: "" }),
  },
  {
    name: "an event name that does not exist",
    code: "invalid_argument",
    hint: /"payment.capturd" is no event name; use "\*" or one of/,
    call: async ({ service }) => service.on("payment.capturd" as never, () => undefined),
  },
  {
    name: "a handler that is not a function",
    code: "invalid_argument",
    hint: /the handler must be a function/,
    call: async ({ service }) => service.on("payment.captured", "notify" as never),
  },
  {
    name: "a collection with a fractional amount",
    code: "invalid_amount",
    hint: /integer in the currency's minor unit/,
    call: ({ service }) => service.createPaymentCollections({ currency_code: "usd", amount: 50.5 }),
  },
  {
    name: "a collection with a negative amount",
    code: "invalid_amount",
    hint: /amount must be at least 1/,
    call: ({ service }) => service.createPaymentCollections({ currency_code: "usd", amount: -500 }),
  },
  {
    name: "a collection with a NaN amount",
    code: "invalid_amount",
    hint: /integer in the currency's minor unit/,
    call: ({ service }) =>
      service.createPaymentCollections({ currency_code: "usd", amount: Number.NaN }),
  },
  {
    name: "a collection with an infinite amount",
    code: "invalid_amount",
    hint: /integer in the currency's minor unit/,
    call: ({ service }) =>
      service.createPaymentCollections({ currency_code: "usd", amount: Number.POSITIVE_INFINITY }),
  },
  {
    name: "a collection with an amount beyond the safe integers",
    code: "invalid_amount",
    hint: /safe integer/,
    call: ({ service }) =>
      service.createPaymentCollections({
        currency_code: "usd",
        amount: Number.MAX_SAFE_INTEGER + 1,
      }),
  },
  {
    name: "a collection with its amount as a string",
    code: "invalid_amount",
    hint: /integer in the currency's minor unit/,
    call: ({ service }) =>
      // @ts-expect-error a JavaScript caller may pass the amount as a string
      service.createPaymentCollections({ currency_code: "usd", amount: "5000" }),
  },
  {
    name: "a collection in an unknown currency",
    code: "invalid_currency",
    hint: /ISO 4217/,
    call: ({ service }) => service.createPaymentCollections({ currency_code: "usx", amount: 5000 }),
  },
  {
    name: "a collection with a misspelt field",
    code: "invalid_argument",
    hint: /no field "amout"/,
    call: ({ service }) =>
      // @ts-expect-error the typo is the point: `amout` for `amount`
      service.createPaymentCollections({ currency_code: "usd", amout: 5000 }),
  },
  {
    name: "a batch of collections whose second item is bad",
    code: "invalid_amount",
    hint: /integer in the currency's minor unit/,
    call: ({ service }) =>
      service.createPaymentCollections([
        { currency_code: "usd", amount: 1000 },
        { currency_code: "usd", amount: 10.99 },
        { currency_code: "usd", amount: 3000 },
      ]),
  },
  {
    name: "a session in another currency than its collection",
    code: "currency_mismatch",
    hint: /must use its collection's currency/,
    call: ({ service, open }) =>
      service.createPaymentSession(open.id, {
        provider_id: "scripted",
        currency_code: "usd",
        amount: 2000,
      }),
  },
  {
    name: "a session for more than its collection",
    code: "amount_exceeds_collection",
    hint: /at most what is owed/,
    call: ({ service, open }) =>
      service.createPaymentSession(open.id, {
        provider_id: "scripted",
        currency_code: "eur",
        amount: 2001,
      }),
  },
  {
    name: "a session with a provider that is not registered",
    code: "not_found",
    hint: /createPaymentModuleService\(\{ providers \}\)/,
    call: ({ service, open }) =>
      service.createPaymentSession(open.id, {
        provider_id: "stripe",
        currency_code: "eur",
        amount: 2000,
      }),
  },
  {
    name: "a session on a collection that does not exist",
    code: "not_found",
    hint: /list the records to find it/,
    call: ({ service }) =>
      service.createPaymentSession("paycol_missing", {
        provider_id: "scripted",
        currency_code: "eur",
        amount: 2000,
      }),
  },
  {
    name: "a session with a fractional amount",
    code: "invalid_amount",
    hint: /integer in the currency's minor unit/,
    call: ({ service, open }) =>
      service.createPaymentSession(open.id, {
        provider_id: "scripted",
        currency_code: "eur",
        amount: 19.99,
      }),
  },
  {
    name: "retrieving a collection that does not exist",
    code: "not_found",
    hint: /paycol_missing/,
    call: ({ service }) => service.retrievePaymentCollection("paycol_missing"),
  },
  {
    name: "retrieving a session that does not exist",
    code: "not_found",
    hint: /payses_missing/,
    call: ({ service }) => service.retrievePaymentSession("payses_missing"),
  },
  {
    name: "retrieving a payment that does not exist",
    code: "not_found",
    hint: /pay_missing/,
    call: ({ service }) => service.retrievePayment("pay_missing"),
  },
  {
    name: "capturing a payment that does not exist",
    code: "not_found",
    hint: /pay_missing/,
    call: ({ service }) => service.capturePayment({ payment_id: "pay_missing" }),
  },
  {
    name: "refunding a payment that does not exist",
    code: "not_found",
    hint: /pay_missing/,
    call: ({ service }) => service.refundPayment({ payment_id: "pay_missing", amount: 100 }),
  },
  {
    name: "canceling a payment that does not exist",
    code: "not_found",
    hint: /pay_missing/,
    call: ({ service }) => service.cancelPayment("pay_missing"),
  },
  {
    name: "a capture with a fractional amount",
    code: "invalid_amount",
    hint: /integer in the currency's minor unit/,
    call: ({ service, payment }) => service.capturePayment({ payment_id: payment.id, amount: 0.5 }),
  },
  {
    name: "a refund with a negative amount",
    code: "invalid_amount",
    hint: /amount must be at least 1/,
    call: ({ service, payment }) => service.refundPayment({ payment_id: payment.id, amount: -100 }),
  },
  {
    name: "listing collections by a field that is not a filter",
    code: "invalid_argument",
    hint: /no field "amount"/,
    // @ts-expect-error amount is not a filter of listPaymentCollections
    call: ({ service }) => service.listPaymentCollections({ amount: 5000 }),
  },
  {
    name: "listing payments by a misspelt filter",
    code: "invalid_argument",
    hint: /no field "session_id"/,
    // @ts-expect-error the filter is payment_session_id
    call: ({ service, session }) => service.listPayments({ session_id: session.id }),
  },
  {
    name: "a page with a negative take",
    code: "invalid_argument",
    hint: /take.*integer of 0 or more/,
    call: ({ service }) => service.listPaymentSessions({}, { take: -1 }),
  },
  {
    name: "a page with a fractional skip",
    code: "invalid_argument",
    hint: /skip.*integer of 0 or more/,
    call: ({ service }) => service.listCaptures({}, { skip: 1.5 }),
  },
  {
    name: "a collection update to a zero amount",
    code: "invalid_amount",
    hint: /amount must be at least 1/,
    call: ({ service, open }) => service.updatePaymentCollections(open.id, { amount: 0 }),
  },
  {
    name: "updating a collection that does not exist",
    code: "not_found",
    hint: /paycol_missing/,
    call: ({ service }) => service.updatePaymentCollections("paycol_missing", { amount: 100 }),
  },
];

/** Values no store holds the same way as another: refused by the service before anything is written. */
function unstorable(): Array<[string, unknown, RegExp]> {
  let deep: Record<string, unknown> = { leaf: true };
  for (let level = 0; level < 10_000; level++) deep = { next: deep };
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  return [
    ["10,000 levels of nesting", deep, /nests deeper than 32 levels/],
    ["a function", { fn: () => 1 }, /\.fn is a function/],
    ["a symbol", { sym: Symbol("s") }, /\.sym is a symbol/],
    ["a BigInt", { big: 10n }, /\.big is a BigInt/],
    ["a cycle", cycle, /\.self refers back to/],
    ["a __proto__ key", JSON.parse('{"__proto__": {"admin": true}}'), /"__proto__" key/],
    ["a NUL character", { note: "a\u0000b" }, /\.note contains a NUL character/],
    ["a lone surrogate", { note: "\ud83d" }, /\.note contains half of a UTF-16 surrogate pair/],
    ["a Date", { at: new Date(0) }, /\.at is an object of class Date; store date.toISOString\(\)/],
    ["65 KiB of JSON", { text: "x".repeat(65 * 1024) }, /more than 65536 bytes/],
  ];
}

type Bad = Record<string, unknown>;
const storedValueEntries: Array<[string, (fixture: Fixture, value: Bad) => Promise<unknown>]> = [
  [
    "createPaymentCollections metadata",
    ({ service }, value) =>
      service.createPaymentCollections({ currency_code: "usd", amount: 100, metadata: value }),
  ],
  [
    "updatePaymentCollections metadata",
    ({ service, open }, value) => service.updatePaymentCollections(open.id, { metadata: value }),
  ],
  [
    "createPaymentSession data",
    ({ service, open }, value) =>
      service.createPaymentSession(open.id, {
        provider_id: "scripted",
        currency_code: "eur",
        amount: 2000,
        data: value,
      }),
  ],
  [
    "createPaymentSession context",
    ({ service, open }, value) =>
      service.createPaymentSession(open.id, {
        provider_id: "scripted",
        currency_code: "eur",
        amount: 2000,
        context: value,
      }),
  ],
  [
    "updatePaymentSession data",
    ({ service, session }, value) => service.updatePaymentSession({ id: session.id, data: value }),
  ],
  [
    "authorizePaymentSession context",
    ({ service, session }, value) => service.authorizePaymentSession(session.id, value),
  ],
  [
    "updatePayment metadata",
    ({ service, payment }, value) => service.updatePayment({ id: payment.id, metadata: value }),
  ],
  [
    "createRefundReasons metadata",
    ({ service }, value) =>
      service.createRefundReasons({ code: "odd", label: "Odd", metadata: value }),
  ],
];

for (const [entry, call] of storedValueEntries) {
  for (const [name, value, hint] of unstorable()) {
    badCalls.push({
      name: `${name} in ${entry}`,
      code: "invalid_argument",
      hint,
      call: (fixture) => call(fixture, value as Bad),
    });
  }
}

describe("bad input to the payment module", () => {
  it.each(badCalls)(
    "refuses $name with $code and changes nothing",
    async ({ call, code, hint }) => {
      const fixture = await setup();
      const before = await everything(fixture.service);
      const providerCalls = fixture.provider.calls.length;

      await expect(call(fixture)).rejects.toMatchObject({
        name: "TenderError",
        code,
        message: expect.stringMatching(hint),
      });

      expect(await everything(fixture.service)).toEqual(before);
      expect(fixture.provider.calls).toHaveLength(providerCalls);
    },
  );

  it("creates none of a batch of collections when one of them is bad", async () => {
    const service = createPaymentModuleService({ providers: [scriptedProvider()] });
    await expect(
      service.createPaymentCollections([
        { currency_code: "usd", amount: 1000 },
        { currency_code: "usd", amount: Number.NaN },
      ]),
    ).rejects.toMatchObject({ code: "invalid_amount" });
    expect(await service.listPaymentCollections()).toEqual([]);
  });

  it("emits no event for a refused call", async () => {
    const service = createPaymentModuleService({ providers: [scriptedProvider()] });
    const heard = recordEvents(service);
    await expect(
      service.createPaymentCollections([
        { currency_code: "usd", amount: 1000 },
        { currency_code: "xyz", amount: 1000 },
      ]),
    ).rejects.toMatchObject({ code: "invalid_currency" });
    expect(heard).toEqual([]);
  });
});

describe("createPaymentModuleService", () => {
  it("refuses to start without providers", () => {
    expect(() => createPaymentModuleService({ providers: [] })).toThrow(
      expect.objectContaining({
        code: "configuration",
        message: expect.stringMatching(/manual\(\)/),
      }),
    );
  });

  it("refuses two providers registered under one id", () => {
    expect(() =>
      createPaymentModuleService({
        providers: [scriptedProvider({ id: "card" }), scriptedProvider({ id: "card" })],
      }),
    ).toThrow(
      expect.objectContaining({
        code: "configuration",
        message: expect.stringContaining('Two providers are registered as "card"'),
      }),
    );
  });

  it("lists its providers with their ids and capabilities", async () => {
    const service = createPaymentModuleService({
      providers: [
        scriptedProvider({ id: "card" }),
        scriptedProvider({ id: "wallet", capabilities: { partialRefund: false, webhooks: true } }),
      ],
    });
    const providers = await service.listPaymentProviders();
    expect(providers.map((provider) => provider.id)).toEqual(["card", "wallet"]);
    expect(providers[1]?.capabilities).toMatchObject({ partialRefund: false, webhooks: true });
    expect(providers[0]?.capabilities).toMatchObject({ partialCapture: true, webhooks: false });
  });

  it("hands out capabilities a caller cannot use to change the provider's", async () => {
    const card = scriptedProvider({ id: "card" });
    const service = createPaymentModuleService({ providers: [card] });
    const [listed] = await service.listPaymentProviders();
    if (listed) listed.capabilities.partialRefund = false;
    expect(card.capabilities.partialRefund).toBe(true);
  });
});
