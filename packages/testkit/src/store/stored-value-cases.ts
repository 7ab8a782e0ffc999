import { type PaymentStore, TenderError } from "@tender/core";
import { describe, expect, it } from "vitest";
import { collectionRecord, sessionRecord } from "../records/record-builders";
import { type MakeStore, useStore } from "./store-fixture";

/** Values no store can hold the same way as another, each with where the error must point. */
function hostileValues(): Array<[string, unknown, string]> {
  let deep: Record<string, unknown> = { leaf: true };
  for (let level = 0; level < 10_000; level++) deep = { next: deep };
  const cycle: Record<string, unknown> = { name: "loop" };
  cycle.self = cycle;
  const protoKey = JSON.parse('{"__proto__": {"admin": true}}') as unknown;
  return [
    ["10,000 levels of nesting", deep, "nests deeper"],
    ["a function", { fn: () => 1 }, "is a function"],
    ["a symbol value", { sym: Symbol("s") }, "is a symbol"],
    ["a symbol key", { [Symbol("k")]: 1 }, "symbol key"],
    ["a BigInt", { big: 10n }, "is a BigInt"],
    ["a cycle", cycle, "cycle"],
    ["a __proto__ key", protoKey, "__proto__"],
    ["a NUL character", { note: "a\u0000b" }, "NUL"],
    ["a lone surrogate", { note: "\ud83d" }, "surrogate"],
    ["a Date", { at: new Date(0) }, "Date"],
    ["NaN", { n: Number.NaN }, "NaN"],
    ["a Map", { m: new Map([["a", 1]]) }, "Map"],
  ];
}

async function expectRefused(work: Promise<unknown>, problem: string): Promise<void> {
  const error: unknown = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(TenderError.isInstance(error), `refused with a TenderError: ${String(error)}`).toBe(true);
  expect(error).toMatchObject({ code: "invalid_argument" });
  expect((error as Error).message).toContain(problem);
}

const read = (store: PaymentStore, id: string) =>
  store.transaction((tx) => tx.get("payment_collections", id));

export function describeStoredValueCases(makeStore: MakeStore): void {
  describe("stored values", () => {
    const store = useStore(makeStore);

    it.each(hostileValues())(
      "refuses %s in a JSON field on insert and update, and writes nothing",
      async (_name, value, problem) => {
        await store().transaction((tx) =>
          tx.insert("payment_collections", collectionRecord("paycol_kept")),
        );

        await expectRefused(
          store().transaction((tx) =>
            tx.insert(
              "payment_collections",
              collectionRecord("paycol_new", { metadata: value as Record<string, unknown> }),
            ),
          ),
          problem,
        );
        await expectRefused(
          store().transaction(async (tx) => {
            await tx.update("payment_collections", "paycol_kept", { amount: 2000 });
            await tx.insert(
              "payment_sessions",
              sessionRecord("payses_new", "paycol_kept", {
                data: value as Record<string, unknown>,
              }),
            );
          }),
          problem,
        );
        await expectRefused(
          store().transaction((tx) =>
            tx.update("payment_collections", "paycol_kept", {
              metadata: value as Record<string, unknown>,
            }),
          ),
          problem,
        );

        expect(await read(store(), "paycol_new")).toBeUndefined();
        expect(await read(store(), "paycol_kept")).toEqual(collectionRecord("paycol_kept"));
        expect(await store().transaction((tx) => tx.list("payment_sessions"))).toEqual([]);
      },
    );

    it.each([
      ["a NUL character", "eu\u0000west", "NUL"],
      ["a lone surrogate", "eu\ud83d", "surrogate"],
    ])(
      "refuses %s in a text field on insert and update, and writes nothing",
      async (_name, text, problem) => {
        await store().transaction((tx) =>
          tx.insert("payment_collections", collectionRecord("paycol_kept")),
        );
        await expectRefused(
          store().transaction((tx) =>
            tx.insert("payment_collections", collectionRecord("paycol_new", { region_id: text })),
          ),
          problem,
        );
        await expectRefused(
          store().transaction(async (tx) => {
            await tx.update("payment_collections", "paycol_kept", { amount: 2000 });
            await tx.update("payment_collections", "paycol_kept", { region_id: text });
          }),
          problem,
        );
        expect(await read(store(), "paycol_new")).toBeUndefined();
        expect(await read(store(), "paycol_kept")).toEqual(collectionRecord("paycol_kept"));
      },
    );

    it("keeps text with any other character exactly as written", async () => {
      const region = 'café ☕ 𝄞 \n\t"quoted" \\ \u0001';
      await store().transaction((tx) =>
        tx.insert("payment_collections", collectionRecord("paycol_text", { region_id: region })),
      );
      expect((await read(store(), "paycol_text"))?.region_id).toBe(region);
    });

    it("keeps every JSON value it accepts exactly as written", async () => {
      const nullPrototype = Object.assign(Object.create(null) as Record<string, unknown>, {
        plain: 1,
      });
      const metadata = {
        unicode: 'café ☕ 𝄞 \n\t"quoted" \\',
        empty: "",
        numbers: [0, -1, 1.5, 1e21, Number.MAX_SAFE_INTEGER],
        nested: { a: [{ b: [null, true, false] }] },
        constructor: "a key like any other",
        prototype: { also: "kept" },
        "key with spaces and ünïcode": 1,
        nullPrototype,
      };
      await store().transaction((tx) =>
        tx.insert("payment_collections", collectionRecord("paycol_json", { metadata })),
      );
      const stored = await read(store(), "paycol_json");
      expect(stored?.metadata).toEqual(JSON.parse(JSON.stringify(metadata)));
      expect(Object.keys(stored?.metadata ?? {})).toEqual(Object.keys(metadata));
    });

    it("leaves out a property whose value is undefined, as JSON does", async () => {
      await store().transaction((tx) =>
        tx.insert(
          "payment_collections",
          collectionRecord("paycol_undef", { metadata: { kept: 1, gone: undefined } }),
        ),
      );
      expect((await read(store(), "paycol_undef"))?.metadata).toEqual({ kept: 1 });
    });
  });
}
