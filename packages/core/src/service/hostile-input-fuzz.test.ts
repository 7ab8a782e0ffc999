import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  createPaymentModuleService,
  type PaymentModuleService,
  ProviderError,
  TenderError,
  type TenderErrorCode,
  type WebhookActionAndData,
} from "../index";
import { type ScriptedProvider, scriptedProvider, seededRandom } from "../testing/index";
import { addSession, openSession, storeRows, vaultProvider } from "./test-support";

/*
 * The fuzz: every method of the service that takes input, called with one
 * argument (or one field of it) hostile and the rest valid against real
 * records, each call refused with a TenderError and nothing written.
 * `TENDER_FUZZ_COUNT` sets how many calls (default 200; `pnpm test:soak`
 * runs 1,000), `TENDER_FUZZ_SEED` the first seed. A seed picks the method
 * (seed modulo the methods, so consecutive seeds cover them all) and every
 * value drawn; a failure names its seed: `TENDER_FUZZ_SEED=<seed>
 * TENDER_FUZZ_COUNT=1` replays it.
 */
const COUNT = Number(process.env.TENDER_FUZZ_COUNT ?? 200);
const FIRST_SEED = Number(process.env.TENDER_FUZZ_SEED ?? 20261206);

/** Provider methods that read and change nothing: a refused webhook may still be verified. */
const READS = ["getWebhookActionAndData", "getPaymentStatus", "retrievePayment"];

const services: PaymentModuleService[] = [];
afterAll(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
});

/**
 * A service with a record at every stage: a payment captured and refunded in
 * part (`paid`, with a reason and a caller's key on each), one authorized and
 * not captured (`held`), one canceled, a pending eur session whose data and
 * context are near the JSON limit (`pending`), a pending session on a
 * collection authorized in full (`surplus`), a session of the webhook
 * provider, a collection with no session (`empty`), refund reasons used and
 * unused, and an account holder.
 */
async function setup() {
  const heard: string[] = [];
  const subscriberErrors: unknown[] = [];
  const signed = new Map<string, WebhookActionAndData>();
  const card = scriptedProvider({ id: "card" });
  const hooks = scriptedProvider({
    id: "hooks",
    capabilities: { webhooks: true },
    webhook: (rawBody) => {
      const event = signed.get(rawBody);
      if (!event) {
        throw new ProviderError({
          providerId: "hooks",
          code: "webhook_signature_invalid",
          message: "The signature does not match the body.",
        });
      }
      return event;
    },
  });
  const vault = vaultProvider();
  const plain = scriptedProvider({ id: "plain" });
  const providers: ScriptedProvider[] = [card, hooks, vault, plain];
  const service = createPaymentModuleService({
    providers,
    onSubscriberError: (error) => subscriberErrors.push(error),
  });
  services.push(service);
  service.on("*", (event) => {
    heard.push(event.name);
  });

  const returned = await service.createRefundReasons({ code: "returned", label: "Returned" });
  const spare = await service.createRefundReasons({ code: "spare", label: "Spare" });
  const authorized = async (amount: number) => {
    const opened = await openSession(service, { provider_id: "card", amount });
    return { ...opened, payment: await service.authorizePaymentSession(opened.session.id) };
  };
  const paid = await authorized(5000);
  await service.capturePayment({
    payment_id: paid.payment.id,
    amount: 3000,
    idempotency_key: "capture-1",
  });
  await service.refundPayment({
    payment_id: paid.payment.id,
    amount: 1000,
    refund_reason_id: returned.id,
    idempotency_key: "refund-1",
  });
  const surplus = await addSession(service, paid.collection, { provider_id: "card", amount: 1000 });
  const held = await authorized(2000);
  const canceled = await authorized(1500);
  await service.cancelPayment(canceled.payment.id);

  const open = await service.createPaymentCollections({ currency_code: "eur", amount: 4000 });
  const pending = await service.createPaymentSession(open.id, {
    provider_id: "card",
    currency_code: "eur",
    amount: 1000,
    data: { blob: "d".repeat(40_000) },
    context: { blob: "c".repeat(40_000) },
  });
  const hookCollection = await service.createPaymentCollections({
    currency_code: "usd",
    amount: 800,
  });
  const hookSession = await addSession(service, hookCollection, { provider_id: "hooks" });
  const empty = await service.createPaymentCollections({ currency_code: "usd", amount: 3000 });
  const holder = await service.createAccountHolder({
    provider_id: "vault",
    context: { customer: { id: "cust_ada", email: "ada@example.com" } },
  });

  const sign = (event: WebhookActionAndData): string => {
    const body = JSON.stringify(event);
    signed.set(body, event);
    return body;
  };
  const webhooks = {
    /** Applied if it were delivered as it is: the hostile forms change one part of it. */
    valid: sign({ action: "authorized", event_id: "evt_1", data: { session_id: hookSession.id } }),
    /** Signed by hooks, naming a session of another provider. */
    foreign: sign({ action: "authorized", event_id: "evt_2", data: { session_id: pending.id } }),
    /** Signed by hooks, naming a session that does not exist. */
    unknown: sign({ action: "captured", event_id: "evt_3", data: { session_id: "payses_gone" } }),
  };

  await service.relay?.drain();
  return {
    service,
    providers,
    heard,
    subscriberErrors,
    reasons: { returned, spare },
    paid,
    surplus,
    held,
    canceled,
    open,
    pending,
    hookCollection,
    hookSession,
    empty,
    holder,
    webhooks,
  };
}

type Fixture = Awaited<ReturnType<typeof setup>>;

/** Everything a call could change: every table's rows, the events heard, the provider calls that move money. */
async function books(fixture: Fixture) {
  await fixture.service.relay?.drain();
  return {
    rows: await storeRows(fixture.service),
    heard: [...fixture.heard],
    subscriberErrors: fixture.subscriberErrors.length,
    providerCalls: fixture.providers.flatMap((provider) =>
      provider.calls
        .filter((call) => !READS.includes(call.method))
        .map((call) => `${provider.id}.${call.method}`),
    ),
  };
}

type Random = () => number;
/** A value the call refuses where it is put, drawn with `next`; some name the fixture's records. */
type Hostile = (next: Random, fixture: Fixture) => unknown;

function pick<T>(next: Random, items: readonly T[]): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error("pick needs a non-empty list");
  return item;
}

/** Any of `pools`' values. */
const oneOf =
  (...pools: Hostile[][]): Hostile =>
  (next, fixture) =>
    pick(next, pools.flat())(next, fixture);

const randomText = (next: Random): string => {
  let text = "";
  const length = Math.floor(next() * 12);
  for (let i = 0; i < length; i++) text += String.fromCharCode(32 + Math.floor(next() * 95));
  return text;
};
const randomInteger = (next: Random): number => Math.floor(next() * 2e6) - 1e6;
const randomFraction: Hostile = (next) => Math.floor((next() - 0.5) * 1e4) + 0.5;

/** A class with no fields of its own: an instance carrying valid fields is still no plain object. */
class Dto {}
/** A class whose `amount` is a getter on the prototype: no own field at all. */
class GetterOptions {
  get amount(): number {
    return 100;
  }
}

const nulls: Hostile[] = [() => null];
const others: Hostile[] = [() => true, () => false, () => 10n, () => Symbol("hostile")];
const zero: Hostile[] = [() => 0];
const badNumbers: Hostile[] = [
  () => -1,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => Number.NEGATIVE_INFINITY,
  () => Number.MAX_SAFE_INTEGER + 1,
  randomFraction,
];
/** Never an object, a string, a function or an amount. */
const scalars: Hostile[] = [...nulls, ...others, ...zero, ...badNumbers];
const integers: Hostile[] = [() => 3000, randomInteger];
const hugeText = (): string => "x".repeat(100_000);
const texts: Hostile[] = [() => "", () => "3000", randomText, hugeText];
const lists: Hostile[] = [() => [], () => [3000], (next) => [randomText(next), 3000]];
const bytes: Hostile[] = [() => new Uint8Array(2)];
const instances: Hostile[] = [
  () => new Date(0),
  () => new Map([["amount", 3000]]),
  () => new Set(["amount"]),
  () => new Dto(),
  () => new GetterOptions(),
  () => new ArrayBuffer(4),
];
const functions: Hostile[] = [() => () => 3000, () => Dto];
/** Objects with a field or none; a null prototype is plain, but nothing can print it (`String()` throws). */
const objects: Hostile[] = [() => ({}), () => ({ id: 5 }), () => Object.create(null)];
/** Strings no store keeps as written: PostgreSQL stores no NUL character and no lone surrogate. */
const unstorableTexts: Hostile[] = [
  () => "a\u0000b",
  () => "\u0000",
  () => "\ud83d",
  () => "ab\udc00",
];
/** Ids no record has. */
const unknownIds: Hostile[] = [
  (next) => `pay_${String(randomText(next)).replaceAll(" ", "")}x`,
  (next) => `paycol_${Math.floor(next() * 1e9)}`,
  hugeText,
];

/** Where an input object belongs and may not be left out. */
const notAnInput = oneOf(
  [() => undefined],
  scalars,
  integers,
  texts,
  lists,
  bytes,
  instances,
  functions,
);
/** Where an options object belongs that may be left out. */
const notOptions = oneOf(scalars, integers, texts, lists, bytes, instances, functions);
/** Where a string belongs that may be left out or null. */
const notText = oneOf(
  others,
  zero,
  badNumbers,
  integers,
  lists,
  instances,
  functions,
  objects,
  unstorableTexts,
);
/** Where a non-empty string belongs. */
const notNonEmptyText = oneOf(
  [() => undefined, () => "", () => "   "],
  scalars,
  integers,
  lists,
  instances,
  functions,
  objects,
  unstorableTexts,
);
const notABoolean = oneOf(
  nulls,
  others.slice(2),
  zero,
  badNumbers,
  integers,
  texts,
  lists,
  instances,
  functions,
  objects,
  [() => "true", () => 1],
);
/** Where an id is given (not left out, not null): no string at all, or an id no record has. */
const notAGivenId = oneOf(
  [() => ""],
  others,
  zero,
  badNumbers,
  integers,
  lists,
  instances,
  functions,
  objects,
  unknownIds,
  unstorableTexts,
);
/** Where an id belongs. */
const notAnId = oneOf([() => undefined, () => null, notAGivenId]);
/** Ids of records that exist, picked from `ids`: refused where they are put. */
const idOf =
  (ids: (fixture: Fixture) => string[]): Hostile =>
  (next, fixture) =>
    pick(next, ids(fixture));
const notAnAmount = oneOf(
  [() => undefined, () => -0, () => 1e21, () => "3000", () => "", () => Number.MIN_VALUE],
  scalars,
  bytes,
  lists,
  instances,
  functions,
  objects,
  [(next) => -Math.ceil(next() * 1e6)],
);
/** An amount that would be valid, were it not more than `max` allows. */
const moreThan =
  (max: (fixture: Fixture) => number): Hostile =>
  (next, fixture) =>
    max(fixture) + 1 + Math.floor(next() * 1e6);
/** For a field that may be left out: `hostile`'s undefined drawn as null, which it refuses. */
const optional =
  (hostile: Hostile): Hostile =>
  (next, fixture) => {
    const value = hostile(next, fixture);
    return value === undefined ? null : value;
  };
const notACurrency = oneOf(
  [() => undefined],
  scalars,
  integers,
  lists,
  instances,
  functions,
  objects,
  unstorableTexts,
  [
    () => "",
    () => "usx",
    () => "US D",
    () => " usd",
    () => "dollar",
    () => "€",
    () => "\u212Asd",
    () => "ｕｓｄ",
    hugeText,
  ],
);
const notAKey = oneOf(
  [() => null, () => "", () => "k".repeat(256)],
  scalars,
  integers,
  lists,
  instances,
  functions,
  objects,
  unstorableTexts,
);

/** 33 levels of objects or more, one past the limit of 32, up to 10,000. */
const deep: Hostile = (next) => {
  const levels = next() < 0.2 ? 10_000 : 32 + Math.floor(next() * 40);
  let value: Record<string, unknown> = { leaf: true };
  for (let level = 0; level < levels; level++) value = { next: value };
  return value;
};
const cycle: Hostile = () => {
  const value: Record<string, unknown> = { name: "loop" };
  value.self = { back: value };
  return value;
};
/** Objects no store holds the same way as another: refused wherever JSON is stored. */
const unstorableObjects: Hostile[] = [
  deep,
  cycle,
  () => ({ fn: () => 1 }),
  () => ({ sym: Symbol("s") }),
  () => ({ big: 10n }),
  () => ({ nan: Number.NaN }),
  () => ({ far: Number.POSITIVE_INFINITY }),
  () => ({ list: [1, undefined] }),
  () => JSON.parse('{"__proto__": {"admin": true}}'),
  () => ({ nested: { list: [{ ["k\u0000"]: 1 }] } }),
  (next) => ({ note: pick(next, ["a\u0000b", "\ud83d", "x\udfffy"]) }),
  () => ({ at: new Date(0) }),
  () => ({ map: new Map([["a", 1]]) }),
  () => ({ [Symbol("key")]: 1 }),
  () => ({ text: "x".repeat(65 * 1024) }),
];
/** Where a JSON object (`data`, `context`) belongs, which may be left out but not null. */
const notData = oneOf(
  scalars,
  integers,
  texts,
  lists,
  bytes,
  instances,
  functions,
  unstorableObjects,
);
/** Where metadata belongs, which may be left out or null. */
const notMetadata = oneOf(
  others,
  zero,
  badNumbers,
  integers,
  texts,
  lists,
  instances,
  functions,
  unstorableObjects,
);
/** A JSON object that fits alone but not merged into a session's data or context, 40,000 characters already. */
const overflowsMerged: Hostile = () => ({ more: "m".repeat(30_000) });
const notAWholeNumber = (min: number): Hostile =>
  oneOf(
    [() => min - 1, () => "60000"],
    nulls,
    others,
    badNumbers,
    lists,
    instances,
    functions,
    objects,
  );

/** A field of an input object: the value it takes, and values it refuses. */
interface Field {
  valid: (fixture: Fixture) => unknown;
  hostile: Hostile;
}

const UNKNOWN_KEYS = ["amout", "Amount", "paymentId", "currency", "__proto__", "constructor"];

/** An own, enumerable property, even `__proto__` (as `JSON.parse` makes it). */
function withKey(object: object, key: string, value: unknown): object {
  return Object.defineProperty(object, key, {
    value,
    enumerable: true,
    configurable: true,
    writable: true,
  });
}

/** The valid input of `fields`, fields whose valid value is undefined left out. */
function validOf(fields: Record<string, Field>, fixture: Fixture): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields)
      .map(([name, field]) => [name, field.valid(fixture)])
      .filter(([, value]) => value !== undefined),
  );
}

/**
 * An input object the call refuses, made from a valid one: not an object at
 * all (`notAnObject`), the valid one with a key the call does not know, as
 * a class instance, or with one field replaced by a value it refuses.
 */
function notInputWith(fields: Record<string, Field>, notAnObject: Hostile = notAnInput): Hostile {
  const names = Object.keys(fields);
  return (next, fixture) =>
    pick<Hostile>(next, [
      notAnObject,
      (n, f) => {
        const unknown = pick(n, UNKNOWN_KEYS);
        return withKey(validOf(fields, f), unknown, pick(n, [3000, "x", {}, null]));
      },
      (_n, f) => Object.assign(new Dto(), validOf(fields, f)),
      (n, f) => {
        const name = pick(n, names);
        return { ...validOf(fields, f), [name]: fields[name]?.hostile(n, f) };
      },
    ])(next, fixture);
}

/** One argument of a call: its valid value, when another argument is the hostile one. */
interface Slot {
  valid: (fixture: Fixture) => unknown;
  hostile: Hostile;
}

/** A method and the forms of its arguments; a call draws a form, then one of its slots to make hostile. */
interface FuzzEntry {
  method: keyof PaymentModuleService;
  forms: Slot[][];
}

const slot = (valid: (fixture: Fixture) => unknown, hostile: Hostile): Slot => ({ valid, hostile });
const inputSlot = (fields: Record<string, Field>, notAnObject?: Hostile): Slot =>
  slot((fixture) => validOf(fields, fixture), notInputWith(fields, notAnObject));
const field = (valid: (fixture: Fixture) => unknown, hostile: Hostile): Field => ({
  valid,
  hostile,
});
const none = (): undefined => undefined;

/** A batch the call refuses as a whole: valid items around a hostile one. */
const batchWith =
  (valid: (fixture: Fixture) => unknown, hostileItem: Hostile): Hostile =>
  (next, fixture) => [valid(fixture), hostileItem(next, fixture), valid(fixture)];

/** Ids of records that exist but are no collection. */
const notCollections = (f: Fixture) => [f.pending.id, f.held.payment.id, f.reasons.spare.id];
const notSessions = (f: Fixture) => [f.open.id, f.held.payment.id, f.holder.id];
const notPayments = (f: Fixture) => [f.held.session.id, f.held.collection.id, f.reasons.spare.id];
const notHolders = (f: Fixture) => [f.held.payment.id, f.empty.id, f.pending.id];
const notReasons = (f: Fixture) => [f.pending.id, f.held.payment.id, f.holder.id];

const listEntry = (method: keyof PaymentModuleService, filters: readonly string[]): FuzzEntry => {
  const notAFilterValue = oneOf(others, zero, badNumbers, integers, instances, functions, objects, [
    () => [3000],
    () => [null, 5],
    () => [{}],
  ]);
  const notFilters: Hostile = (next, fixture) =>
    pick<Hostile>(next, [
      notOptions,
      (n) => withKey({}, pick(n, ["amount", "created_at", "data", ...UNKNOWN_KEYS]), "x"),
      (n, f) => ({ [pick(n, filters)]: notAFilterValue(n, f) }),
    ])(next, fixture);
  const notConfig = notInputWith(
    {
      take: field(() => 10, notAWholeNumber(0)),
      skip: field(() => 0, notAWholeNumber(0)),
      order: field(
        () => "desc",
        oneOf(scalars, integers, objects, [() => "ASC", () => "descending", () => ""]),
      ),
    },
    notOptions,
  );
  return { method, forms: [[slot(none, notFilters), slot(() => ({}), notConfig)]] };
};

const idEntry = (
  method: keyof PaymentModuleService,
  refused: (fixture: Fixture) => string[],
): FuzzEntry => ({
  method,
  forms: [[slot(none, oneOf([notAnId, idOf(refused)]))]],
});

const customerFields: Record<string, Field> = {
  id: field(() => "cust_ada", notNonEmptyText),
  email: field(() => "ada@example.com", notText),
  name: field(() => "Ada Lovelace", notText),
  phone: field(() => "+44 20 7946 0000", notText),
};
const holderContext = notInputWith({
  customer: field((f) => validOf(customerFields, f), notInputWith(customerFields)),
});
const validHolderContext = (f: Fixture) => ({ customer: validOf(customerFields, f) });

const collectionFields: Record<string, Field> = {
  currency_code: field(() => "usd", notACurrency),
  amount: field(() => 1000, notAnAmount),
  region_id: field(() => "eu", notText),
  metadata: field(() => ({ order: "ord_1" }), notMetadata),
};
const refundReasonFields: Record<string, Field> = {
  code: field(() => "damaged", oneOf([notNonEmptyText, () => "returned", () => "spare"])),
  label: field(() => "Damaged", notNonEmptyText),
  description: field(() => "Arrived broken", notText),
  metadata: field(() => ({ team: "support" }), notMetadata),
};

const fuzzEntries: FuzzEntry[] = [
  {
    method: "createPaymentCollections",
    forms: [
      [
        inputSlot(
          collectionFields,
          oneOf([() => undefined], scalars, integers, texts, instances, functions, [
            batchWith((f) => validOf(collectionFields, f), notInputWith(collectionFields)),
          ]),
        ),
      ],
    ],
  },
  idEntry("retrievePaymentCollection", notCollections),
  listEntry("listPaymentCollections", ["id", "status", "currency_code", "region_id"]),
  {
    method: "updatePaymentCollections",
    forms: [
      [
        slot((f) => f.empty.id, oneOf([notAnId, idOf(notCollections)])),
        inputSlot(
          {
            amount: field(() => 2500, optional(notAnAmount)),
            currency_code: field(() => "eur", optional(notACurrency)),
            region_id: field(() => "us", notText),
            metadata: field(() => ({ note: "gift" }), notMetadata),
          },
          notAnInput,
        ),
      ],
      // A collection with a payment: its amount cannot drop below it, its currency cannot change.
      [
        slot((f) => f.held.collection.id, notAnId),
        inputSlot(
          {
            amount: field(
              () => undefined,
              (next) => 1 + Math.floor(next() * 1999),
            ),
            currency_code: field(() => undefined, oneOf([() => "eur", () => "GBP"])),
          },
          notAnInput,
        ),
      ],
    ],
  },
  {
    method: "deletePaymentCollections",
    forms: [
      [
        slot(
          none,
          oneOf(
            [notAnId, () => []],
            [idOf((f) => [...notCollections(f), f.paid.collection.id, f.held.collection.id])],
            [
              (next, f) => [
                f.empty.id,
                oneOf([notAnId, idOf((g) => [...notCollections(g), g.held.collection.id])])(
                  next,
                  f,
                ),
              ],
            ],
          ),
        ),
      ],
    ],
  },
  {
    method: "completePaymentCollections",
    forms: [
      [
        slot(
          none,
          oneOf(
            [notAnId, () => []],
            [
              (next, f) => {
                const notAuthorized = [f.open.id, f.empty.id, f.canceled.collection.id];
                const hostile = oneOf([
                  notAnId,
                  idOf((g) => [...notCollections(g), ...notAuthorized]),
                ]);
                // The held collection alone would complete: it goes first, and is rolled back.
                return next() < 0.5 ? hostile(next, f) : [f.held.collection.id, hostile(next, f)];
              },
            ],
          ),
        ),
      ],
    ],
  },
  {
    method: "createPaymentSession",
    forms: [
      [
        slot(
          (f) => f.open.id,
          oneOf(
            [notAnId, idOf(notCollections)],
            [
              // usd collections, for the eur session: currency_mismatch.
              idOf((f) => [f.empty.id, f.held.collection.id, f.hookCollection.id]),
            ],
          ),
        ),
        inputSlot({
          provider_id: field(
            () => "card",
            oneOf([notAnId, () => "stripe", () => "Card", () => "card "]),
          ),
          currency_code: field(() => "eur", oneOf([notACurrency, () => "usd", () => "GBP"])),
          amount: field(() => 1000, oneOf([notAnAmount, moreThan((f) => f.open.amount)])),
          data: field(() => ({ token: "tok_visa" }), notData),
          context: field(() => ({ ip: "203.0.113.7" }), notData),
          metadata: field(() => ({ cart: "c_1" }), notMetadata),
        }),
      ],
    ],
  },
  {
    method: "updatePaymentSession",
    forms: [
      [
        inputSlot({
          id: field(
            (f) => f.pending.id,
            oneOf(
              [notAnId, idOf(notSessions)],
              [
                // Authorized or canceled: no longer updatable.
                idOf((f) => [f.paid.session.id, f.canceled.session.id]),
              ],
            ),
          ),
          amount: field(() => 900, oneOf([optional(notAnAmount), moreThan((f) => f.open.amount)])),
          currency_code: field(() => "eur", oneOf([optional(notACurrency), () => "usd"])),
          data: field(() => ({ token: "tok_mastercard" }), oneOf([notData, overflowsMerged])),
          context: field(() => ({ locale: "fr" }), oneOf([notData, overflowsMerged])),
          metadata: field(() => ({ cart: "c_2" }), notMetadata),
        }),
      ],
    ],
  },
  {
    method: "deletePaymentSession",
    forms: [
      [
        slot(
          none,
          oneOf(
            [notAnId, idOf(notSessions)],
            [
              // Sessions with a payment: cancel the payment instead.
              idOf((f) => [f.paid.session.id, f.held.session.id, f.canceled.session.id]),
            ],
          ),
        ),
      ],
    ],
  },
  {
    method: "authorizePaymentSession",
    forms: [
      [
        slot(
          (f) => f.pending.id,
          oneOf(
            [notAnId, idOf(notSessions)],
            [
              // Its collection is authorized in full already.
              idOf((f) => [f.surplus.id]),
            ],
          ),
        ),
        slot(() => ({ device: "web" }), oneOf([notData, overflowsMerged])),
      ],
    ],
  },
  {
    method: "markPaymentSessionPaid",
    forms: [
      [
        slot(
          (f) => f.pending.id,
          oneOf([notAnId, idOf(notSessions)], [idOf((f) => [f.canceled.session.id])]),
        ),
        inputSlot({ captured: field(() => true, notABoolean) }, notOptions),
      ],
    ],
  },
  idEntry("retrievePaymentSession", notSessions),
  listEntry("listPaymentSessions", ["id", "status", "payment_collection_id", "provider_id"]),
  idEntry("retrievePayment", notPayments),
  listEntry("listPayments", [
    "id",
    "status",
    "payment_collection_id",
    "payment_session_id",
    "provider_id",
  ]),
  {
    method: "updatePayment",
    forms: [
      [
        inputSlot({
          id: field((f) => f.held.payment.id, oneOf([notAnId, idOf(notPayments)])),
          metadata: field(() => ({ note: "gift" }), notMetadata),
        }),
      ],
    ],
  },
  {
    method: "capturePayment",
    forms: [
      [
        inputSlot({
          payment_id: field(
            (f) => f.held.payment.id,
            oneOf([notAnId, idOf(notPayments)], [idOf((f) => [f.canceled.payment.id])]),
          ),
          amount: field(
            () => 500,
            oneOf([optional(notAnAmount), moreThan((f) => f.held.payment.amount)]),
          ),
          captured_by: field(() => "ops", notText),
          idempotency_key: field(() => "capture-2", oneOf([notAKey, () => "capture-1"])),
        }),
      ],
    ],
  },
  {
    method: "incrementAuthorization",
    forms: [
      [
        inputSlot({
          payment_id: field(
            (f) => f.held.payment.id,
            oneOf(
              [notAnId, idOf(notPayments)],
              // Canceled, or captured already: neither can be raised.
              [idOf((f) => [f.canceled.payment.id, f.paid.payment.id])],
            ),
          ),
          // The held payment's collection owes 2,000: any higher total is more than it owes.
          amount: field(() => 2000, oneOf([notAnAmount, moreThan(() => 2000)])),
          idempotency_key: field(() => "increment-1", notAKey),
        }),
      ],
    ],
  },
  {
    method: "refundPayment",
    forms: [
      [
        inputSlot({
          payment_id: field(
            (f) => f.paid.payment.id,
            oneOf(
              [notAnId, idOf(notPayments)],
              [
                // Nothing captured to refund.
                idOf((f) => [f.held.payment.id, f.canceled.payment.id]),
              ],
            ),
          ),
          // 2,000 of the paid payment is left to refund.
          amount: field(() => 100, oneOf([optional(notAnAmount), moreThan(() => 2000)])),
          refund_reason_id: field(
            (f) => f.reasons.spare.id,
            oneOf([notAGivenId, idOf(notReasons)]),
          ),
          note: field(() => "one item", notText),
          created_by: field(() => "ops", notText),
          idempotency_key: field(() => "refund-2", oneOf([notAKey, () => "refund-1"])),
        }),
      ],
    ],
  },
  idEntry("cancelPayment", (f) => [...notPayments(f), f.paid.payment.id]),
  idEntry("reconcilePayment", notPayments),
  {
    method: "reconcile",
    forms: [
      [
        inputSlot(
          {
            olderThan: field(() => 60_000, notAWholeNumber(0)),
            limit: field(() => 10, notAWholeNumber(1)),
          },
          notOptions,
        ),
      ],
    ],
  },
  {
    method: "expireAuthorizations",
    forms: [
      [
        inputSlot(
          {
            warnBefore: field(() => 86_400_000, notAWholeNumber(0)),
            limit: field(() => 10, notAWholeNumber(1)),
          },
          notOptions,
        ),
      ],
    ],
  },
  listEntry("listCaptures", ["id", "payment_id", "status"]),
  listEntry("listRefunds", ["id", "payment_id", "status", "refund_reason_id"]),
  idEntry("retrieveDispute", notPayments),
  listEntry("listDisputes", [
    "id",
    "payment_id",
    "payment_collection_id",
    "status",
    "provider_dispute_id",
  ]),
  listEntry("listRefundReasons", ["id", "code"]),
  {
    method: "createRefundReasons",
    forms: [
      [
        inputSlot(
          refundReasonFields,
          oneOf([() => undefined], scalars, integers, texts, instances, functions, [
            batchWith((f) => validOf(refundReasonFields, f), notInputWith(refundReasonFields)),
            // Two new reasons with one code: the second is a duplicate of the first.
            () => [
              { code: "twice", label: "Twice" },
              { code: "twice", label: "Twice again" },
            ],
          ]),
        ),
      ],
    ],
  },
  {
    method: "updateRefundReasons",
    forms: [
      [
        inputSlot({
          id: field((f) => f.reasons.spare.id, oneOf([notNonEmptyText, idOf(notReasons)])),
          label: field(() => "Spare part", optional(notNonEmptyText)),
          description: field(() => "Sent a spare", notText),
          metadata: field(() => ({ team: "support" }), notMetadata),
          // A reason's code never changes, not even to itself.
          code: field(none, oneOf([optional(notNonEmptyText), () => "spare", () => "returned"])),
        }),
      ],
    ],
  },
  {
    method: "deleteRefundReasons",
    forms: [
      [
        slot(
          none,
          oneOf(
            [notAnId, () => []],
            [idOf((f) => [...notReasons(f), f.reasons.returned.id])],
            [
              // The unused reason alone would go: it goes first, and is rolled back.
              (next, f) => [
                f.reasons.spare.id,
                oneOf([notAnId, idOf((g) => [...notReasons(g), g.reasons.returned.id])])(next, f),
              ],
            ],
          ),
        ),
      ],
    ],
  },
  {
    method: "createAccountHolder",
    forms: [
      [
        inputSlot({
          provider_id: field(
            () => "vault",
            // plain and card keep no account holders.
            oneOf([notAnId, () => "stripe", () => "plain", () => "card"]),
          ),
          context: field(validHolderContext, holderContext),
        }),
      ],
    ],
  },
  {
    method: "updateAccountHolder",
    forms: [
      [
        inputSlot({
          id: field((f) => f.holder.id, oneOf([notAnId, idOf(notHolders)])),
          context: field(validHolderContext, holderContext),
        }),
      ],
    ],
  },
  {
    method: "deleteAccountHolder",
    forms: [
      [
        slot((f) => f.holder.id, oneOf([notAnId, idOf(notHolders)])),
        inputSlot({ destroy: field(() => false, notABoolean) }, notOptions),
      ],
    ],
  },
  {
    method: "listPaymentMethods",
    forms: [
      [
        inputSlot({
          account_holder_id: field((f) => f.holder.id, oneOf([notAnId, idOf(notHolders)])),
        }),
      ],
    ],
  },
  {
    method: "createPaymentMethods",
    forms: [
      [
        inputSlot({
          account_holder_id: field((f) => f.holder.id, oneOf([notAnId, idOf(notHolders)])),
          data: field(() => ({ token: "tok_visa" }), notData),
        }),
      ],
    ],
  },
  {
    method: "handleWebhook",
    forms: [
      [
        slot(
          () => "hooks",
          // card and plain verify no webhooks; stripe is not registered.
          oneOf([notAnId, () => "stripe", () => "card", () => "plain"]),
        ),
        slot(
          (f) => ({ headers: { "hooks-signature": "signed" }, rawBody: f.webhooks.valid }),
          (next, fixture) => {
            const notABody = oneOf(
              [() => undefined, () => new Uint16Array(2)],
              scalars,
              integers,
              lists,
              instances,
              functions,
              objects,
              [
                () => "",
                randomText,
                hugeText,
                (_n, f) => ` ${f.webhooks.valid}`,
                (_n, f) => f.webhooks.foreign,
                (_n, f) => f.webhooks.unknown,
                (_n, f) => new TextEncoder().encode(f.webhooks.foreign),
              ],
            );
            const notHeaders = oneOf(scalars, texts, lists, bytes, instances, functions);
            return pick<Hostile>(next, [
              notAnInput,
              (n, f) => ({ headers: { "hooks-signature": "signed" }, rawBody: notABody(n, f) }),
              (n, f) => ({ headers: notHeaders(n, f), rawBody: f.webhooks.valid }),
            ])(next, fixture);
          },
        ),
      ],
    ],
  },
  {
    method: "on",
    forms: [
      [
        slot(
          () => "payment.captured",
          oneOf(
            [
              () => undefined,
              () => "",
              () => "payment.capturd",
              () => "PAYMENT.CAPTURED",
              () => "**",
            ],
            scalars,
            integers,
            lists,
            instances,
            functions,
            objects,
            [(next) => `~${randomText(next)}`],
          ),
        ),
        slot(
          () => () => undefined,
          oneOf([() => undefined], scalars, integers, texts, lists, instances, objects),
        ),
      ],
    ],
  },
];

/** Methods with no input to refuse: `close()` and `listPaymentProviders()` take no arguments. */
const TAKES_NO_INPUT: ReadonlyArray<keyof PaymentModuleService> = ["close", "listPaymentProviders"];

/** The codes a refused input may carry: what is wrong with it, or with the record it names. */
const REFUSALS: readonly TenderErrorCode[] = [
  "invalid_argument",
  "invalid_amount",
  "invalid_currency",
  "currency_mismatch",
  "amount_exceeds_collection",
  "not_found",
  "duplicate",
  "idempotency_key_reused",
  "invalid_state_transition",
  "collection_already_authorized",
  "collection_not_authorized",
  "collection_has_payments",
  "session_not_authorizable",
  "payment_canceled",
  "capture_exceeds_authorized",
  "refund_exceeds_captured",
  "nothing_to_refund",
  "cancel_after_capture",
  "capability_not_supported",
  "webhook_signature_invalid",
  "webhook_payload_invalid",
];

/** What `call` threw or rejected with; fails when it did neither. */
async function rejection(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to be refused, but it went through");
}

function show(value: unknown): string {
  return inspect(value, {
    depth: 2,
    maxStringLength: 80,
    maxArrayLength: 5,
    breakLength: Infinity,
  });
}

/** One seeded call: a method, one argument of it hostile; refused with a TenderError, and nothing written. */
async function fuzzOnce(
  fixture: Fixture,
  before: Awaited<ReturnType<typeof books>>,
  seed: number,
): Promise<keyof PaymentModuleService> {
  const next = seededRandom(seed);
  const entry = fuzzEntries[(seed >>> 0) % fuzzEntries.length];
  if (!entry) throw new Error("no fuzz entries");
  const slots = pick(next, entry.forms);
  const hostile = Math.floor(next() * slots.length);
  const args = slots.map((s, i) => (i === hostile ? s.hostile(next, fixture) : s.valid(fixture)));
  const shown = `service.${entry.method}(${args.map(show).join(", ")})`;
  try {
    const method: unknown = Reflect.get(fixture.service, entry.method);
    if (typeof method !== "function") throw new Error(`service.${entry.method} is no function`);
    const error = await rejection(() => Reflect.apply(method, fixture.service, args));
    if (!TenderError.isInstance(error)) {
      throw new Error(`threw ${inspect(error)}, not a TenderError`);
    }
    expect(REFUSALS).toContain(error.code);
    expect(typeof error.message).toBe("string");
    expect(error.message.length).toBeGreaterThan(20);
    expect(await books(fixture)).toEqual(before);
  } catch (error) {
    throw new Error(
      `hostile call failed: ${shown}; replay with TENDER_FUZZ_SEED=${seed} TENDER_FUZZ_COUNT=1: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return entry.method;
}

describe("hostile input to the payment module, fuzzed", () => {
  it("has a fuzz entry for every method that takes input", async () => {
    const { service } = await setup();
    const methods = Object.keys(service).filter(
      (key) => typeof Reflect.get(service, key) === "function",
    );
    const fuzzed = fuzzEntries.map((entry) => entry.method);
    expect(new Set(fuzzed).size).toBe(fuzzed.length);
    expect([...fuzzed, ...TAKES_NO_INPUT].sort()).toEqual(methods.sort());
  });

  it(`refuses ${COUNT} seeded hostile calls with TenderErrors, and writes nothing`, async () => {
    const fixture = await setup();
    const before = await books(fixture);
    const covered = new Set<string>();
    for (let i = 0; i < COUNT; i++) covered.add(await fuzzOnce(fixture, before, FIRST_SEED + i));
    if (COUNT >= fuzzEntries.length) {
      expect([...covered].sort()).toEqual(fuzzEntries.map((entry) => entry.method).sort());
    }
  });
});
