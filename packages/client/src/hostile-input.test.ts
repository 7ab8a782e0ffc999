import { inspect } from "node:util";
import { TenderError, type TenderErrorCode } from "@tender/core";
import { manual } from "@tender/provider-manual";
import { afterEach, describe, expect, it } from "vitest";
import {
  CollectionHandle,
  createTender,
  handleWebhookRequest,
  money,
  PaymentHandle,
  SessionHandle,
} from "./index";
import {
  books,
  closeTenders,
  type Fixture,
  GetterOptions,
  js,
  noop,
  refusal,
  setup,
  webhookRequest,
} from "./test-support";

/*
 * Every public entry of the client, called as plain JavaScript may call it:
 * with null, numbers, strings, arrays, class instances and objects with
 * wrong-typed or unknown fields. Each is refused with a TenderError whose
 * message says what to pass, before anything is written or any provider is
 * called. hostile-input-fuzz.test.ts calls them with random such values.
 */

afterEach(closeTenders);

interface HostileCall {
  name: string;
  code: TenderErrorCode;
  /** What the message must say, so the caller knows what to pass instead. */
  hint: RegExp;
  call: (fixture: Fixture) => unknown;
}

const hostileCalls: HostileCall[] = [
  // createTender
  ...[null, undefined, "manual", 5, [manual()]].map(
    (options): HostileCall => ({
      name: `createTender(${inspect(options)})`,
      code: "invalid_argument",
      hint: /createTender\(options\) must be an object like createTender\(\{ providers: \[manual\(\)\] \}\)/,
      call: () => Reflect.apply(createTender, undefined, [options]),
    }),
  ),
  ...["x", [], undefined, { 0: manual() }].map(
    (providers): HostileCall => ({
      name: `createTender({ providers: ${inspect(providers)} })`,
      code: "invalid_argument",
      hint: /createTender\(\{ providers \}\) must be a non-empty array of providers/,
      call: () => Reflect.apply(createTender, undefined, [{ providers }]),
    }),
  ),
  ...["memory", null, 0, {}, { transaction: () => undefined }].map(
    (store): HostileCall => ({
      name: `createTender({ store: ${inspect(store)} })`,
      code: "invalid_argument",
      hint: /createTender\(\{ store \}\) must be a PaymentStore, like memoryStore\(\)/,
      call: () => Reflect.apply(createTender, undefined, [{ providers: [manual()], store }]),
    }),
  ),
  {
    name: "createTender with onEvent that is not a function",
    code: "invalid_argument",
    hint: /createTender\(\{ onEvent \}\) must be a function; got "log"/,
    call: () => Reflect.apply(createTender, undefined, [{ providers: [manual()], onEvent: "log" }]),
  },
  {
    name: "createTender with a misspelt field",
    code: "invalid_argument",
    hint: /createTender\(options\) has no field "on_event" \(did you mean "onEvent"\?\); its fields are providers, store, onEvent/,
    call: () => Reflect.apply(createTender, undefined, [{ providers: [manual()], on_event: noop }]),
  },

  // tender.collections.create
  ...[undefined, null, "usd", [5000], new Date(0)].map(
    (input): HostileCall => ({
      name: `collections.create(${inspect(input)})`,
      code: "invalid_argument",
      hint: /tender\.collections\.create\(input\) must be an object like tender\.collections\.create\(\{ currency: "usd", amount: 5000 \}\)/,
      call: ({ tender }) => js(tender.collections, "create", input),
    }),
  ),
  {
    name: "collections.create(5000)",
    code: "invalid_argument",
    hint: /not an amount; got 5000: to collect 5000, call tender\.collections\.create\(\{ currency: "usd", amount: 5000 \}\)/,
    call: ({ tender }) => js(tender.collections, "create", 5000),
  },
  {
    name: "collections.create with a misspelt amount",
    code: "invalid_argument",
    hint: /has no field "amout"; its fields are currency, amount, region, metadata/,
    call: ({ tender }) => js(tender.collections, "create", { currency: "usd", amout: 5000 }),
  },
  {
    name: "collections.create with its amount as a string",
    code: "invalid_amount",
    hint: /tender\.collections\.create\(\{ amount \}\) must be an integer in the currency's minor unit/,
    call: ({ tender }) => js(tender.collections, "create", { currency: "usd", amount: "50.00" }),
  },
  {
    name: "collections.create with a number for region",
    code: "invalid_argument",
    hint: /tender\.collections\.create\(\{ region \}\) must be a string or left out; got 5/,
    call: ({ tender }) =>
      js(tender.collections, "create", { currency: "usd", amount: 5000, region: 5 }),
  },
  {
    name: "collections.create with a string for metadata",
    code: "invalid_argument",
    hint: /tender\.collections\.create\(\{ metadata \}\) must be a plain object of JSON values; got "vip"/,
    call: ({ tender }) =>
      js(tender.collections, "create", { currency: "usd", amount: 5000, metadata: "vip" }),
  },

  // resuming from a stored id
  ...(
    [
      ["collection", "paycol_"],
      ["session", "payses_"],
      ["payment", "pay_"],
    ] as const
  ).flatMap(([method, prefix]) =>
    [5, null, "", { id: `${prefix}1` }].map(
      (id): HostileCall => ({
        name: `tender.${method}(${inspect(id)})`,
        code: "invalid_argument",
        hint: new RegExp(
          `tender\\.${method}\\(id\\) must be a non-empty string id like "${prefix}\\.\\.\\."`,
        ),
        call: ({ tender }) => js(tender, method, id),
      }),
    ),
  ),

  // webhooks
  ...[{}, "{}", null, { headers: {}, arrayBuffer: "no" }].map(
    (request): HostileCall => ({
      name: `webhooks.handle("manual", ${inspect(request)})`,
      code: "invalid_argument",
      hint: /tender\.webhooks\.handle\(providerId, request\): request must be a Fetch API Request/,
      call: ({ tender }) => js(tender.webhooks, "handle", "manual", request),
    }),
  ),
  {
    name: "webhooks.handle with a number for the provider id",
    code: "invalid_argument",
    hint: /tender\.webhooks\.handle\(providerId, request\): providerId must be a non-empty string id/,
    call: ({ tender }) => js(tender.webhooks, "handle", 5, webhookRequest()),
  },
  {
    name: "webhooks.handle with a request whose body was read",
    code: "invalid_argument",
    hint: /the request's body was already read; pass the request as received/,
    call: async ({ tender }) => {
      const request = webhookRequest();
      await request.text();
      return tender.webhooks.handle("manual", request);
    },
  },
  {
    name: "handleWebhookRequest without a service",
    code: "invalid_argument",
    hint: /handleWebhookRequest\(service, providerId, request\): service must be a PaymentModuleService/,
    call: () => Reflect.apply(handleWebhookRequest, undefined, [null, "manual", webhookRequest()]),
  },
  {
    name: "handleWebhookRequest without a request",
    code: "invalid_argument",
    hint: /handleWebhookRequest\(service, providerId, request\): request must be a Fetch API Request/,
    call: ({ tender }) =>
      Reflect.apply(handleWebhookRequest, undefined, [tender.service, "manual", undefined]),
  },

  // events
  ...[5, "payment.capturd", "*", null].map(
    (name): HostileCall => ({
      name: `tender.on(${inspect(name)}, handler)`,
      code: "invalid_argument",
      hint: /tender\.on\(name, handler\): name must be an event name, one of payment_collection\.created, .*payment\.captured/,
      call: ({ tender }) => js(tender, "on", name, noop),
    }),
  ),
  ...["notAFunction", undefined, {}].map(
    (handler): HostileCall => ({
      name: `tender.on("payment.captured", ${inspect(handler)})`,
      code: "invalid_argument",
      hint: /tender\.on\(name, handler\): handler must be a function/,
      call: ({ tender }) => js(tender, "on", "payment.captured", handler),
    }),
  ),

  // collection.sessions.create
  ...[5, undefined, null, ""].map(
    (providerId): HostileCall => ({
      name: `sessions.create(${inspect(providerId)})`,
      code: "invalid_argument",
      hint: /collection\.sessions\.create\(providerId\) must be a non-empty string id like "manual"/,
      call: ({ empty }) => js(empty.sessions, "create", providerId),
    }),
  ),
  ...[null, "INV-1", [], new Map([["reference", "INV-1"]])].map(
    (data): HostileCall => ({
      name: `sessions.create("manual", ${inspect(data)})`,
      code: "invalid_argument",
      hint: /collection\.sessions\.create\(providerId, data\): data \(the provider's session data\) must be a plain object/,
      call: ({ empty }) => js(empty.sessions, "create", "manual", data),
    }),
  ),
  {
    name: 'sessions.create("manual", 3000)',
    code: "invalid_argument",
    hint: /must be an object, not an amount; got 3000: to open a session for 3000, call collection\.sessions\.create\(providerId, data, \{ amount: 3000 \}\)/,
    call: ({ empty }) => js(empty.sessions, "create", "manual", 3000),
  },
  ...[null, "1000", [1000]].map(
    (options): HostileCall => ({
      name: `sessions.create("manual", {}, ${inspect(options)})`,
      code: "invalid_argument",
      hint: /collection\.sessions\.create\(providerId, data, options\) must be an object like/,
      call: ({ empty }) => js(empty.sessions, "create", "manual", {}, options),
    }),
  ),
  {
    name: 'sessions.create("manual", {}, 1000)',
    code: "invalid_argument",
    hint: /not an amount; got 1000: to open a session for 1000, call collection\.sessions\.create\(providerId, data, \{ amount: 1000 \}\)/,
    call: ({ empty }) => js(empty.sessions, "create", "manual", {}, 1000),
  },
  {
    name: "sessions.create with a misspelt option",
    code: "invalid_argument",
    hint: /has no field "amout"; its fields are amount, context/,
    call: ({ empty }) => js(empty.sessions, "create", "manual", {}, { amout: 1000 }),
  },
  {
    name: "sessions.create with a fractional amount",
    code: "invalid_amount",
    hint: /collection\.sessions\.create\(\{ amount \}\) must be an integer/,
    call: ({ empty }) => js(empty.sessions, "create", "manual", {}, { amount: 10.5 }),
  },
  {
    name: "sessions.create with a string for context",
    code: "invalid_argument",
    hint: /collection\.sessions\.create\(\{ context \}\) must be a plain object/,
    call: ({ empty }) => js(empty.sessions, "create", "manual", {}, { context: "vip" }),
  },
  ...(
    [
      ["sessions", "list"],
      ["payments", "list"],
    ] as const
  ).map(
    ([api, method]): HostileCall => ({
      name: `collection.${api}.${method}({ status: "captured" })`,
      code: "invalid_argument",
      hint: new RegExp(`collection\\.${api}\\.${method}\\(\\) takes no arguments; got an object`),
      call: ({ open }) => js(open[api], method, { status: "captured" }),
    }),
  ),
  {
    name: "collection.refresh(true)",
    code: "invalid_argument",
    hint: /collection\.refresh\(\) takes no arguments; got true/,
    call: ({ open }) => js(open, "refresh", true),
  },
  {
    name: "collection.complete(ids)",
    code: "invalid_argument",
    hint: /collection\.complete\(\) takes no arguments; got an array/,
    call: ({ open }) => js(open, "complete", [open.id]),
  },

  // session
  ...[null, "vip", [], new Date(0)].map(
    (context): HostileCall => ({
      name: `session.authorize(${inspect(context)})`,
      code: "invalid_argument",
      hint: /session\.authorize\(context\) must be a plain object of JSON values/,
      call: ({ pending }) => js(pending, "authorize", context),
    }),
  ),
  {
    name: "session.update() without data",
    code: "invalid_argument",
    hint: /session\.update\(data, options\) needs data: .* or \{\} to change only the amount/,
    call: ({ pending }) => js(pending, "update"),
  },
  ...[null, "pm_card_visa", [{}]].map(
    (data): HostileCall => ({
      name: `session.update(${inspect(data)})`,
      code: "invalid_argument",
      hint: /session\.update\(data\) must be a plain object of JSON values/,
      call: ({ pending }) => js(pending, "update", data),
    }),
  ),
  ...[[3000], [{}, 3000]].map(
    (args): HostileCall => ({
      name: `session.update(${args.map((arg) => inspect(arg)).join(", ")})`,
      code: "invalid_argument",
      hint: /not an amount; got 3000: to change the amount to 3000, call session\.update\(\{\}, \{ amount: 3000 \}\)/,
      call: ({ pending }) => js(pending, "update", ...args),
    }),
  ),
  {
    name: "session.update({}, null)",
    code: "invalid_argument",
    hint: /session\.update\(data, options\) must be an object like session\.update\(\{\}, \{ amount: 3000 \}\); got null/,
    call: ({ pending }) => js(pending, "update", {}, null),
  },
  {
    name: "session.update with a fractional amount",
    code: "invalid_amount",
    hint: /session\.update\(\{ amount \}\) must be an integer/,
    call: ({ pending }) => js(pending, "update", {}, { amount: 0.5 }),
  },
  {
    name: "session.update with an option it does not take",
    code: "invalid_argument",
    hint: /session\.update\(data, options\) has no field "currency"; its fields are amount/,
    call: ({ pending }) => js(pending, "update", {}, { amount: 500, currency: "usd" }),
  },
  {
    name: 'session.refresh("now")',
    code: "invalid_argument",
    hint: /session\.refresh\(\) takes no arguments; got "now"/,
    call: ({ pending }) => js(pending, "refresh", "now"),
  },
  {
    name: "outcome.retry(5)",
    code: "invalid_argument",
    hint: /outcome\.retry\(\) takes no arguments; got 5/,
    call: ({ waiting }) => js(waiting, "retry", 5),
  },

  // payment.capture
  {
    name: "payment.capture(3000)",
    code: "invalid_argument",
    hint: /payment\.capture\(options\) takes an options object, not an amount; got 3000: to capture 3000, call payment\.capture\(\{ amount: 3000 \}\)/,
    call: ({ held }) => js(held, "capture", 3000),
  },
  {
    name: 'payment.capture(money("20.00", "usd"))',
    code: "invalid_argument",
    hint: /not an amount; got money\("20\.00", "usd"\): to capture money\("20\.00", "usd"\), call payment\.capture\(\{ amount: money\("20\.00", "usd"\) \}\)/,
    call: ({ held }) => js(held, "capture", money("20.00", "usd")),
  },
  ...[null, "3000", [3000], true, new GetterOptions()].map(
    (options): HostileCall => ({
      name: `payment.capture(${inspect(options)})`,
      code: "invalid_argument",
      hint: /payment\.capture\(options\) must be an object like payment\.capture\(\{ amount: 3000 \}\), or payment\.capture\(\) for the rest/,
      call: ({ held }) => js(held, "capture", options),
    }),
  ),
  {
    name: "payment.incrementAuthorization(6500)",
    code: "invalid_argument",
    hint: /payment\.incrementAuthorization\(options\) takes an options object, not an amount; got 6500: to raise the hold to 6500 in all, call payment\.incrementAuthorization\(\{ amount: 6500 \}\)/,
    call: ({ held }) => js(held, "incrementAuthorization", 6500),
  },
  {
    name: "payment.incrementAuthorization({})",
    code: "invalid_argument",
    hint: /needs amount, the new total to hold/,
    call: ({ held }) => js(held, "incrementAuthorization", {}),
  },
  {
    name: "payment.incrementAuthorization()",
    code: "invalid_argument",
    hint: /payment\.incrementAuthorization\(options\) must be an object like/,
    call: ({ held }) => js(held, "incrementAuthorization"),
  },
  {
    name: "payment.capture with a misspelt amount",
    code: "invalid_argument",
    hint: /payment\.capture\(options\) has no field "amout"; its fields are amount, idempotencyKey/,
    call: ({ held }) => js(held, "capture", { amout: 1000 }),
  },
  {
    name: "payment.capture with the service's name for the key",
    code: "invalid_argument",
    hint: /has no field "idempotency_key" \(did you mean "idempotencyKey"\?\)/,
    call: ({ held }) => js(held, "capture", { amount: 1000, idempotency_key: "order-1" }),
  },
  ...["1000", 0, -5, 10.5, null].map(
    (amount): HostileCall => ({
      name: `payment.capture({ amount: ${inspect(amount)} })`,
      code: "invalid_amount",
      hint: /payment\.capture\(\{ amount \}\) must be /,
      call: ({ held }) => js(held, "capture", { amount }),
    }),
  ),
  {
    name: "payment.capture with money in another currency",
    code: "currency_mismatch",
    hint: /payment\.capture\(\{ amount \}\) is money in eur but the payment is in usd/,
    call: ({ held }) => js(held, "capture", { amount: money("10.00", "eur") }),
  },
  ...["", 42, "k".repeat(256), null].map(
    (idempotencyKey): HostileCall => ({
      name: `payment.capture({ idempotencyKey: ${inspect(idempotencyKey).slice(0, 12)} })`,
      code: "invalid_argument",
      hint: /payment\.capture\(\{ idempotencyKey \}\) must be a string of 1 to 255 characters or left out/,
      call: ({ held }) => js(held, "capture", { amount: 1000, idempotencyKey }),
    }),
  ),

  // payment.refund
  {
    name: "payment.refund(1500)",
    code: "invalid_argument",
    hint: /payment\.refund\(options\) takes an options object, not an amount; got 1500: to refund 1500, call payment\.refund\(\{ amount: 1500 \}\)/,
    call: ({ paid }) => js(paid, "refund", 1500),
  },
  ...[null, "1500", [1500]].map(
    (options): HostileCall => ({
      name: `payment.refund(${inspect(options)})`,
      code: "invalid_argument",
      hint: /payment\.refund\(options\) must be an object like payment\.refund\(\{ amount: 1500, reason: "returned" \}\)/,
      call: ({ paid }) => js(paid, "refund", options),
    }),
  ),
  ...[5, "", null, ["returned"]].map(
    (reason): HostileCall => ({
      name: `payment.refund({ reason: ${inspect(reason)} })`,
      code: "invalid_argument",
      hint: /payment\.refund\(\{ reason \}\) must be a non-empty string or left out/,
      call: ({ paid }) => js(paid, "refund", { amount: 100, reason }),
    }),
  ),
  ...[5, null, { text: "returned" }].map(
    (note): HostileCall => ({
      name: `payment.refund({ note: ${inspect(note)} })`,
      code: "invalid_argument",
      hint: /payment\.refund\(\{ note \}\) must be a string or left out/,
      call: ({ paid }) => js(paid, "refund", { amount: 100, note }),
    }),
  ),
  {
    name: "payment.refund with a negative amount",
    code: "invalid_amount",
    hint: /payment\.refund\(\{ amount \}\) must be at least 1/,
    call: ({ paid }) => js(paid, "refund", { amount: -100 }),
  },
  {
    name: "payment.refund with a misspelt reason",
    code: "invalid_argument",
    hint: /payment\.refund\(options\) has no field "reson"; its fields are amount, reason, note, idempotencyKey/,
    call: ({ paid }) => js(paid, "refund", { amount: 100, reson: "returned" }),
  },
  {
    name: "payment.refund with a number for the key",
    code: "invalid_argument",
    hint: /payment\.refund\(\{ idempotencyKey \}\) must be a string of 1 to 255 characters/,
    call: ({ paid }) => js(paid, "refund", { amount: 100, idempotencyKey: 42 }),
  },

  // payment.cancel and refresh
  ...[500, { amount: 500 }].map(
    (arg): HostileCall => ({
      name: `payment.cancel(${inspect(arg)})`,
      code: "invalid_argument",
      hint: /payment\.cancel\(\) takes no arguments; got .*\. It releases the whole authorization; there is no partial cancel/,
      call: ({ held }) => js(held, "cancel", arg),
    }),
  ),
  {
    name: "payment.refresh({})",
    code: "invalid_argument",
    hint: /payment\.refresh\(\) takes no arguments; got an object/,
    call: ({ paid }) => js(paid, "refresh", {}),
  },

  // handles made by hand
  ...(
    [
      ["PaymentHandle", PaymentHandle, (f: Fixture) => f.paid.record],
      ["SessionHandle", SessionHandle, (f: Fixture) => f.pending.record],
      ["CollectionHandle", CollectionHandle, (f: Fixture) => f.open.record],
    ] as const
  ).flatMap(([name, handle, record]): HostileCall[] => [
    {
      name: `new ${name}(null, record)`,
      code: "invalid_argument",
      hint: new RegExp(
        `new ${name}\\(service, record\\): service must be a PaymentModuleService \\(tender\\.service\\)`,
      ),
      call: (f) => Reflect.construct(handle, [null, record(f)]),
    },
    {
      name: `new ${name}(service, { id: 5 })`,
      code: "invalid_argument",
      hint: /record must be a record read from the service, with its id; got an object\. To resume from a stored id, call tender\.collection\(id\)/,
      call: (f) => Reflect.construct(handle, [f.tender.service, { id: 5 }]),
    },
  ]),

  // money()
  {
    name: 'money(5000, "usd")',
    code: "invalid_amount",
    hint: /amount must be a decimal string of major units like "50\.00" for usd; got 5000 \(a number\)\. An amount already in minor units needs no parsing/,
    call: () => Reflect.apply(money, undefined, [5000, "usd"]),
  },
  {
    name: 'money("50.00") without a currency',
    code: "invalid_currency",
    hint: /currency must be an active ISO 4217 code like "usd"/,
    call: () => Reflect.apply(money, undefined, ["50.00"]),
  },
];

describe("hostile input to the client", () => {
  it.each(hostileCalls)(
    "refuses $name with $code, and changes nothing",
    async ({ call, code, hint }) => {
      const fixture = await setup();
      const before = await books(fixture);

      const error = await refusal(() => call(fixture));

      expect(TenderError.isInstance(error), inspect(error)).toBe(true);
      expect(error).toMatchObject({
        name: "TenderError",
        code,
        message: expect.stringMatching(hint),
      });
      expect(await books(fixture)).toEqual(before);
      expect(fixture.calls).toEqual([]);
    },
  );

  it("refuses payment.capture(3000), which once captured everything, and captures nothing", async () => {
    const fixture = await setup();
    const error = await refusal(() => js(fixture.held, "capture", 3000));
    expect(error).toMatchObject({
      code: "invalid_argument",
      message: expect.stringContaining("call payment.capture({ amount: 3000 })"),
    });
    const payment = await fixture.tender.payment(fixture.held.id);
    expect(payment).toMatchObject({ status: "authorized", captured: 0, capturable: 2000 });
    expect(await fixture.tender.service.listCaptures({ payment_id: fixture.held.id })).toEqual([]);
    expect(fixture.calls).toEqual([]);
  });

  it("refuses payment.refund(1500), which once refunded everything, and refunds nothing", async () => {
    const fixture = await setup();
    const error = await refusal(() => js(fixture.paid, "refund", 1500));
    expect(error).toMatchObject({
      code: "invalid_argument",
      message: expect.stringContaining("call payment.refund({ amount: 1500 })"),
    });
    const payment = await fixture.tender.payment(fixture.paid.id);
    expect(payment).toMatchObject({ captured: 3000, refunded: 1000, refundable: 2000 });
    expect(await fixture.tender.service.listRefunds({ payment_id: fixture.paid.id })).toHaveLength(
      1,
    );
    expect(fixture.calls).toEqual([]);
  });

  it("still takes undefined where an argument may be left out", async () => {
    const { held, pending, open } = await setup();
    expect(await js(open, "refresh", undefined)).toBeInstanceOf(CollectionHandle);
    const outcome = await js(pending, "authorize", undefined);
    expect(outcome).toMatchObject({ status: "authorized" });
    expect(await js(held, "capture", undefined)).toMatchObject({
      status: "captured",
      captured: 2000,
    });
  });
});
