import { describe, expect, it } from "vitest";
import {
  assertJsonValue,
  MAX_JSON_BYTES,
  MAX_JSON_DEPTH,
  MAX_STORED_JSON_DEPTH,
  STORED_JSON_LIMITS,
} from "./json-value";

/** `levels` objects nested in one another: `{ a: { a: ... } }`. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let level = 1; level < levels; level++) value = { a: value };
  return value;
}

/** An array with nothing at index 1: JSON.stringify would write null there. */
function holey(): unknown[] {
  const list = [1];
  list[2] = 3;
  return list;
}

function cyclic(): Record<string, unknown> {
  const value: Record<string, unknown> = { list: [] };
  const list = value.list as unknown[];
  list.push({ back: value });
  return value;
}

const refused: Array<{ name: string; value: unknown; path: string; hint: RegExp }> = [
  { name: "a function", value: { f: () => 1 }, path: "metadata.f", hint: /is a function/ },
  { name: "a symbol", value: { s: Symbol("s") }, path: "metadata.s", hint: /is a symbol/ },
  { name: "a BigInt", value: { n: 10n }, path: "metadata.n", hint: /BigInt.*as a string/ },
  { name: "NaN", value: { n: Number.NaN }, path: "metadata.n", hint: /finite number/ },
  { name: "Infinity", value: { n: [1, Infinity] }, path: "metadata.n[1]", hint: /finite number/ },
  { name: "a Date", value: { at: new Date(0) }, path: "metadata.at", hint: /toISOString/ },
  { name: "a Map", value: { m: new Map() }, path: "metadata.m", hint: /Object.fromEntries/ },
  {
    name: "a class instance",
    value: { u: new URL("https://example.com") },
    path: "metadata.u",
    hint: /is an object of class URL; store a plain object/,
  },
  {
    name: "undefined in an array",
    value: { l: [1, undefined] },
    path: "metadata.l[1]",
    hint: /use null/,
  },
  { name: "a hole in an array", value: { l: holey() }, path: "metadata.l[1]", hint: /use null/ },
  {
    name: "a cycle",
    value: cyclic(),
    path: "metadata.list[0].back",
    hint: /refers back to metadata, a cycle/,
  },
  {
    name: "a __proto__ key",
    value: JSON.parse('{"a":{"__proto__":{"admin":true}}}'),
    path: "metadata.a",
    hint: /"__proto__" key/,
  },
  { name: "a symbol key", value: { [Symbol("k")]: 1 }, path: "metadata", hint: /symbol key/ },
  {
    name: "a NUL in a string",
    value: { a: { b: "x\u0000y" } },
    path: "metadata.a.b",
    hint: /NUL character/,
  },
  {
    name: "a NUL in a key",
    value: { "x\u0000y": 1 },
    path: 'metadata has a key, "x\\u0000y", that contains a NUL',
    hint: /NUL/,
  },
  {
    name: "a lone high surrogate",
    value: { s: "ab\ud83d" },
    path: "metadata.s",
    hint: /surrogate pair at index 2/,
  },
  {
    name: "a lone low surrogate",
    value: { s: ["\ude00x"] },
    path: "metadata.s[0]",
    hint: /surrogate/,
  },
  {
    name: "a lone surrogate in a key",
    value: { "\ud800": 1 },
    path: 'metadata has a key, "\\ud800", that contains half',
    hint: /surrogate/,
  },
  {
    name: "10,000 levels of nesting",
    value: nested(10_000),
    path: `metadata${".a".repeat(MAX_JSON_DEPTH)}`,
    hint: /deeper than 32 levels/,
  },
  {
    name: "more than 64 KiB of JSON",
    value: { text: "x".repeat(MAX_JSON_BYTES) },
    path: "metadata",
    hint: /more than 65536 bytes \(64 KiB\)/,
  },
];

describe("assertJsonValue", () => {
  it.each(refused)(
    "refuses $name with invalid_argument naming where it is",
    ({ value, path, hint }) => {
      let thrown: unknown;
      try {
        assertJsonValue(value, "metadata");
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ name: "TenderError", code: "invalid_argument" });
      const message = (thrown as Error).message;
      expect(message.startsWith(path), message).toBe(true);
      expect(message).toMatch(hint);
      expect(message).toMatch(
        /hold only null, booleans, finite numbers, strings, arrays and plain objects/,
      );
    },
  );

  it("accepts JSON values: null-prototype objects, shared references, constructor and prototype keys", () => {
    const shared = { sku: "tee" };
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(() =>
      assertJsonValue(
        {
          nothing: null,
          yes: true,
          count: -0.5,
          text: 'Grüße 👋 \n\t"q"',
          lines: [shared, shared],
          bare,
          constructor: "Acme",
          prototype: { x: 1 },
          left_out: undefined,
        },
        "metadata",
      ),
    ).not.toThrow();
  });

  it("accepts exactly the depth limit and refuses one level more", () => {
    expect(() => assertJsonValue(nested(MAX_JSON_DEPTH), "metadata")).not.toThrow();
    expect(() => assertJsonValue(nested(MAX_JSON_DEPTH + 1), "metadata")).toThrow(/deeper than 32/);
    expect(() =>
      assertJsonValue(nested(MAX_STORED_JSON_DEPTH), "metadata", STORED_JSON_LIMITS),
    ).not.toThrow();
    expect(() =>
      assertJsonValue(nested(MAX_STORED_JSON_DEPTH + 1), "metadata", STORED_JSON_LIMITS),
    ).toThrow(/deeper than 64/);
  });

  it("accepts exactly 64 KiB of JSON and refuses one byte more", () => {
    // {"t":"..."} is 8 bytes around the text.
    const fits = { t: "é".repeat((MAX_JSON_BYTES - 8) / 2) };
    expect(Buffer.byteLength(JSON.stringify(fits))).toBe(MAX_JSON_BYTES);
    expect(() => assertJsonValue(fits, "metadata")).not.toThrow();
    expect(() => assertJsonValue({ t: `${fits.t}x` }, "metadata")).toThrow(/more than 65536 bytes/);
  });

  it("counts the bytes of a value as JSON.stringify writes them, in UTF-8", () => {
    const seed = Number(process.env.JSON_SEED ?? Date.now() % 100_000);
    let state = seed;
    const next = () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const pieces = ["a", "é", "€", "👋", '"', "\\", "\n", "\u0001", "\u007f", " ", "\u2028"];
    const text = () =>
      Array.from(
        { length: Math.floor(next() * 6) },
        () => pieces[Math.floor(next() * pieces.length)],
      ).join("");
    const value = (depth: number): unknown => {
      const kind = Math.floor(next() * (depth > 4 ? 4 : 6));
      if (kind === 0) return null;
      if (kind === 1) return next() < 0.5;
      if (kind === 2) return Math.floor(next() * 2e6) / (next() < 0.5 ? 1 : 7) - 1e6;
      if (kind === 3) return text();
      if (kind === 4) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(next() * 4) }, () => [text(), value(depth + 1)]),
      );
    };
    for (let run = 0; run < 300; run++) {
      const sample = value(0);
      const bytes = Buffer.byteLength(JSON.stringify(sample));
      const within = { depth: 16, bytes };
      const message = `seed ${seed}, run ${run}: ${JSON.stringify(sample)}`;
      expect(() => assertJsonValue(sample, "v", within), message).not.toThrow();
      expect(() => assertJsonValue(sample, "v", { ...within, bytes: bytes - 1 }), message).toThrow(
        /more than/,
      );
    }
  });
});
