import { inspect } from "node:util";
import { memoryStore, TenderError, type TenderErrorCode } from "@tender/core";
import { seededRandom } from "@tender/core/testing";
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
  type Books,
  books,
  closeTenders,
  type Fixture,
  GetterOptions,
  js,
  moneyMoved,
  noop,
  refusal,
  setup,
  webhookRequest,
} from "./test-support";

afterEach(closeTenders);

/*
 * The fuzz: random entries with random hostile arguments, each refused with
 * a TenderError and nothing moved. `TENDER_FUZZ_COUNT` sets how many calls
 * (default 200; `pnpm test:soak` runs 1,000), `TENDER_FUZZ_SEED` the first
 * seed. A failure names its seed: `TENDER_FUZZ_SEED=<seed> TENDER_FUZZ_COUNT=1`
 * replays it.
 */
const COUNT = Number(process.env.TENDER_FUZZ_COUNT ?? 200);
const FIRST_SEED = Number(process.env.TENDER_FUZZ_SEED ?? 20261205);

type Random = () => number;
/** A hostile value, drawn with `next`. */
type Hostile = (next: Random) => unknown;

function pick<T>(next: Random, items: readonly T[]): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error("pick needs a non-empty list");
  return item;
}

/** Any of `pools`' values. */
const oneOf =
  (...pools: Hostile[][]): Hostile =>
  (next) =>
    pick(next, pools.flat())(next);

const randomText: Hostile = (next) => {
  let text = "";
  const length = Math.floor(next() * 12);
  for (let i = 0; i < length; i++) text += String.fromCharCode(32 + Math.floor(next() * 95));
  return text;
};
const randomInteger: Hostile = (next) => Math.floor(next() * 2e6) - 1e6;
const randomFraction: Hostile = (next) => Math.floor((next() - 0.5) * 1e4) + 0.5;

/** Never an object, a string, a function or an amount. */
const scalars: Hostile[] = [
  () => null,
  () => true,
  () => false,
  () => 0,
  () => -1,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => Number.MAX_SAFE_INTEGER + 1,
  randomFraction,
  () => 10n,
  () => Symbol("hostile"),
];
/** Amounts: hostile wherever anything but an amount belongs. */
const integers: Hostile[] = [() => 3000, randomInteger];
const texts: Hostile[] = [() => "", () => "3000", () => "30.00", randomText];
const lists: Hostile[] = [
  () => [],
  () => [3000],
  (next) => [randomText(next), randomInteger(next)],
];
const instances: Hostile[] = [
  () => new Date(0),
  () => new Map([["amount", 3000]]),
  () => new GetterOptions(),
  () => new Uint8Array(2),
];
const functions: Hostile[] = [() => () => 3000];
const objects: Hostile[] = [() => ({}), () => ({ id: 5 }), () => ({ amount: 3000 })];

/** Where free-form data (session data, a context, metadata) belongs. */
const notData = oneOf(scalars, integers, texts, lists, instances, functions);
/** Where an options object with known fields belongs: money() is an amount there. */
const notOptions = oneOf(scalars, integers, texts, lists, instances, functions, [
  () => money("30.00", "usd"),
]);
const notText = oneOf(scalars, integers, lists, instances, functions, objects);
const notNonEmptyText = oneOf(scalars, integers, lists, instances, functions, objects, [() => ""]);
const notAKey = oneOf(scalars, integers, lists, instances, functions, objects, [
  () => "",
  () => "k".repeat(256),
]);
const notAnId = notNonEmptyText;
/** An id no record or provider has: the service refuses it as not_found. */
const unknownId: Hostile = (next) => `pay_${String(randomText(next)).replaceAll(" ", "")}x`;
const notAnAmount = oneOf(scalars, texts, lists, instances, functions, [
  () => ({}),
  () => money("1.00", "eur"),
  (next) => -Math.ceil(next() * 1e6),
]);
const notACurrency = oneOf(scalars, integers, lists, instances, functions, objects, [
  () => "",
  () => "usx",
  () => "US D",
  () => "dollar",
  () => "€",
]);
const notADecimal = oneOf(scalars, integers, lists, instances, functions, objects, [
  () => "",
  () => "50.001",
  () => "-1",
  () => "1e3",
  () => "5,00",
  () => " 5",
]);
const notAFunction = oneOf(scalars, integers, texts, lists, instances, objects);
const notAnEventName = oneOf(scalars, integers, lists, instances, functions, objects, [
  randomText,
  () => "*",
  () => "payment.capturd",
]);
const notARequest = oneOf(scalars, integers, texts, lists, instances, functions, objects, [
  () => ({ headers: {}, arrayBuffer: 5 }),
  () => new Response("{}"),
]);
const notAService = oneOf(scalars, integers, texts, lists, instances, objects, [
  () => ({ retrievePayment: 5 }),
]);
const notARecord = oneOf(scalars, integers, texts, lists, instances, functions, [
  () => ({}),
  () => ({ id: 5 }),
  () => ({ id: "" }),
]);
const notProviders = oneOf(scalars, integers, texts, instances, functions, objects, [
  () => [],
  () => [5],
]);
const notAStore = oneOf(scalars, integers, texts, lists, instances, functions, [
  () => ({}),
  () => ({ transaction: () => undefined }),
]);
const anything = oneOf(scalars, integers, texts, lists, instances, functions, objects);

/** A field of an options object: a value the call takes, and values it refuses. */
interface Field {
  valid: () => unknown;
  hostile: Hostile;
}

/**
 * An options argument the call refuses: not an object, an object with a
 * field it does not know, or one with a field of the wrong type (the other
 * fields valid or left out).
 */
function notOptionsWith(fields: Record<string, Field>): Hostile {
  const names = Object.keys(fields);
  const someValid = (next: Random): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(fields)
        .filter(() => next() < 0.5)
        .map(([name, field]) => [name, field.valid()]),
    );
  return (next) =>
    pick<Hostile>(next, [
      notOptions,
      (n) => {
        const unknown = pick(n, [
          "amout",
          "Amount",
          "idempotency_key",
          "currency_code",
          "payment_id",
        ]);
        const key = names.includes(unknown) ? `${unknown}_` : unknown;
        return { ...someValid(n), [key]: anything(n) };
      },
      (n) => {
        const name = pick(n, names);
        return { ...someValid(n), [name]: fields[name]?.hostile(n) };
      },
    ])(next);
}

const amountField: Field = { valid: () => 100, hostile: notAnAmount };
const keyField: Field = { valid: () => "order-1", hostile: notAKey };

/** One argument of an entry: what it takes when another argument is the hostile one. */
interface Slot {
  valid: (fixture: Fixture) => unknown;
  hostile: Hostile;
}

interface FuzzEntry {
  name: string;
  slots: Slot[];
  call: (fixture: Fixture, args: unknown[]) => unknown;
}

const none = (): unknown => undefined;
const noArgument: Slot[] = [{ valid: none, hostile: anything }];
const method =
  (target: (fixture: Fixture) => object, name: string) => (fixture: Fixture, args: unknown[]) =>
    js(target(fixture), name, ...args);
const construct =
  (handle: typeof PaymentHandle | typeof SessionHandle | typeof CollectionHandle) =>
  (_fixture: Fixture, args: unknown[]) =>
    Reflect.construct(handle, args);

const fuzzEntries: FuzzEntry[] = [
  {
    name: "createTender",
    slots: [
      {
        valid: () => ({ providers: [manual()] }),
        hostile: notOptionsWith({
          providers: { valid: () => [manual()], hostile: notProviders },
          store: { valid: () => memoryStore(), hostile: notAStore },
          onEvent: { valid: () => noop, hostile: notAFunction },
        }),
      },
    ],
    call: (_fixture, args) => Reflect.apply(createTender, undefined, args),
  },
  {
    name: "money",
    slots: [
      { valid: () => "50.00", hostile: notADecimal },
      { valid: () => "usd", hostile: notACurrency },
    ],
    call: (_fixture, args) => Reflect.apply(money, undefined, args),
  },
  {
    name: "tender.collections.create",
    slots: [
      {
        valid: none,
        hostile: notOptionsWith({
          currency: { valid: () => "usd", hostile: notACurrency },
          amount: amountField,
          region: { valid: () => "eu", hostile: notText },
          metadata: { valid: () => ({}), hostile: notData },
        }),
      },
    ],
    call: method((f) => f.tender.collections, "create"),
  },
  ...["collection", "session", "payment"].map(
    (resume): FuzzEntry => ({
      name: `tender.${resume}`,
      slots: [{ valid: none, hostile: oneOf([notAnId, unknownId]) }],
      call: method((f) => f.tender, resume),
    }),
  ),
  {
    name: "tender.webhooks.handle",
    slots: [
      { valid: () => "manual", hostile: notAnId },
      { valid: webhookRequest, hostile: notARequest },
    ],
    call: method((f) => f.tender.webhooks, "handle"),
  },
  {
    name: "handleWebhookRequest",
    slots: [
      { valid: (f) => f.tender.service, hostile: notAService },
      { valid: () => "manual", hostile: notAnId },
      { valid: webhookRequest, hostile: notARequest },
    ],
    call: (_fixture, args) => Reflect.apply(handleWebhookRequest, undefined, args),
  },
  {
    name: "tender.on",
    slots: [
      { valid: () => "payment.captured", hostile: notAnEventName },
      { valid: () => noop, hostile: notAFunction },
    ],
    call: method((f) => f.tender, "on"),
  },
  {
    name: "collection.sessions.create",
    slots: [
      { valid: () => "manual", hostile: oneOf([notAnId, unknownId]) },
      { valid: () => ({}), hostile: notData },
      {
        valid: none,
        hostile: notOptionsWith({
          amount: amountField,
          context: { valid: () => ({}), hostile: notData },
        }),
      },
    ],
    call: method((f) => f.empty.sessions, "create"),
  },
  {
    name: "collection.sessions.list",
    slots: noArgument,
    call: method((f) => f.open.sessions, "list"),
  },
  {
    name: "collection.payments.list",
    slots: noArgument,
    call: method((f) => f.open.payments, "list"),
  },
  { name: "collection.refresh", slots: noArgument, call: method((f) => f.open, "refresh") },
  { name: "collection.complete", slots: noArgument, call: method((f) => f.open, "complete") },
  {
    name: "session.authorize",
    slots: [{ valid: none, hostile: notData }],
    call: method((f) => f.pending, "authorize"),
  },
  {
    name: "session.update",
    slots: [
      { valid: () => ({}), hostile: oneOf([notData, none]) },
      { valid: none, hostile: notOptionsWith({ amount: amountField }) },
    ],
    call: method((f) => f.pending, "update"),
  },
  { name: "session.refresh", slots: noArgument, call: method((f) => f.pending, "refresh") },
  { name: "outcome.retry", slots: noArgument, call: method((f) => f.waiting, "retry") },
  ...(["held", "paid"] as const).flatMap((payment): FuzzEntry[] => [
    {
      name: `${payment}.capture`,
      slots: [
        { valid: none, hostile: notOptionsWith({ amount: amountField, idempotencyKey: keyField }) },
      ],
      call: method((f) => f[payment], "capture"),
    },
    {
      name: `${payment}.refund`,
      slots: [
        {
          valid: none,
          hostile: notOptionsWith({
            amount: amountField,
            reason: { valid: () => "returned", hostile: notNonEmptyText },
            note: { valid: () => "one item", hostile: notText },
            idempotencyKey: keyField,
          }),
        },
      ],
      call: method((f) => f[payment], "refund"),
    },
    {
      name: `${payment}.incrementAuthorization`,
      slots: [
        {
          valid: () => ({ amount: 1000 }),
          hostile: notOptionsWith({ amount: amountField, idempotencyKey: keyField }),
        },
      ],
      call: method((f) => f[payment], "incrementAuthorization"),
    },
    { name: `${payment}.cancel`, slots: noArgument, call: method((f) => f[payment], "cancel") },
    { name: `${payment}.refresh`, slots: noArgument, call: method((f) => f[payment], "refresh") },
  ]),
  ...(
    [
      [PaymentHandle, (f: Fixture) => f.paid.record],
      [SessionHandle, (f: Fixture) => f.pending.record],
      [CollectionHandle, (f: Fixture) => f.open.record],
    ] as const
  ).map(
    ([handle, record]): FuzzEntry => ({
      name: `new ${handle.name}`,
      slots: [
        { valid: (f) => f.tender.service, hostile: notAService },
        { valid: record, hostile: notARecord },
      ],
      call: construct(handle),
    }),
  ),
];

/** The codes a refused argument may carry: the client's own, and the core's more specific ones. */
const REFUSALS: readonly TenderErrorCode[] = [
  "invalid_argument",
  "invalid_amount",
  "invalid_currency",
  "currency_mismatch",
  "not_found",
  "configuration",
];

/** One seeded call: an entry, one argument of it hostile; refused, and nothing moved. */
async function fuzzOnce(fixture: Fixture, before: Books, seed: number): Promise<void> {
  const next = seededRandom(seed);
  const entry = pick(next, fuzzEntries);
  const hostile = Math.floor(next() * entry.slots.length);
  const args = entry.slots.map((slot, i) =>
    i === hostile ? slot.hostile(next) : slot.valid(fixture),
  );
  const shown = `${entry.name}(${args.map((arg) => inspect(arg, { depth: 1 })).join(", ")})`;
  try {
    const error = await refusal(() => entry.call(fixture, args));
    if (!TenderError.isInstance(error)) {
      throw new Error(`threw ${inspect(error)}, not a TenderError`);
    }
    expect(REFUSALS).toContain(error.code);
    expect(error.message.length).toBeGreaterThan(20);
    const after = await books(fixture);
    expect(moneyMoved(after), "money moved").toEqual(moneyMoved(before));
    expect(after).toEqual(before);
    expect(fixture.calls, "a provider was called").toEqual([]);
  } catch (error) {
    throw new Error(
      `hostile call failed: ${shown}; replay with TENDER_FUZZ_SEED=${seed} TENDER_FUZZ_COUNT=1: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

describe("hostile input to the client, fuzzed", () => {
  it(`refuses ${COUNT} seeded hostile calls with TenderErrors, and no money moves`, async () => {
    const fixture = await setup();
    const before = await books(fixture);
    for (let i = 0; i < COUNT; i++) await fuzzOnce(fixture, before, FIRST_SEED + i);
  });
});
