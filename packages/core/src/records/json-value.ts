import { TenderError } from "../errors/tender-error";

/**
 * What a record's JSON field (`metadata`, `data`, `context`, ...) may hold,
 * the same on every store: `null`, booleans, finite numbers, strings, arrays
 * and plain objects (an `Object` or a null prototype) of these. Strings and
 * keys hold no NUL character (`\u0000`) and no lone UTF-16 surrogate
 * (PostgreSQL stores neither); no key is `__proto__` (JavaScript reads it as
 * the object's prototype, so it would not survive a copy). `constructor` and
 * `prototype` are ordinary keys: they are own data properties that every
 * store keeps as written. A property whose value is `undefined` is left out,
 * as `JSON.stringify` does; anywhere else `undefined` is refused.
 *
 * @example
 * ```ts
 * const metadata: JsonValue = { order_id: "ord_42", lines: [{ sku: "tee", qty: 2 }] };
 * ```
 */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** How deep and how large one JSON field may be. */
export interface JsonLimits {
  /** Levels of nested objects and arrays; `{ a: [1] }` is 2. */
  depth: number;
  /** Bytes of the field's JSON text in UTF-8. */
  bytes: number;
}

/** The deepest a `metadata`, `data` or `context` value handed to the service may nest: 32 levels of objects and arrays. */
export const MAX_JSON_DEPTH = 32;

/** The most JSON a `metadata`, `data` or `context` value handed to the service may hold: 64 KiB of UTF-8 JSON text. */
export const MAX_JSON_BYTES = 64 * 1024;

/**
 * What a store accepts in one JSON field when handed a record directly. It is
 * larger than the service's limits because the service composes fields from
 * several values (a session's reserved provider call carries its data and
 * its context together, two levels down), and a provider's answer is stored
 * as the provider gave it.
 */
export const MAX_STORED_JSON_DEPTH = 64;

/** The most JSON a store accepts in one field: 1 MiB of UTF-8 JSON text. */
export const MAX_STORED_JSON_BYTES = 1024 * 1024;

export const SERVICE_JSON_LIMITS: JsonLimits = { depth: MAX_JSON_DEPTH, bytes: MAX_JSON_BYTES };
export const STORED_JSON_LIMITS: JsonLimits = {
  depth: MAX_STORED_JSON_DEPTH,
  bytes: MAX_STORED_JSON_BYTES,
};

/**
 * Refuses anything but a {@link JsonValue} within `limits`, with an
 * `invalid_argument` error naming where in the value it is (`metadata.a.b[3]`)
 * and what to do. Nothing is copied or changed; cycles are found, and the walk
 * stops at the depth limit, so a hostile value cannot overflow the stack.
 *
 * @example
 * ```ts
 * assertJsonValue({ note: "gift" }, "metadata"); // passes
 * assertJsonValue({ at: new Date() }, "metadata"); // throws: metadata.at is a Date; ...
 * ```
 */
export function assertJsonValue(
  value: unknown,
  path: string,
  limits: JsonLimits = SERVICE_JSON_LIMITS,
): void {
  const walk = new JsonWalk(path, limits);
  walk.add(walk.measure(value, path, 1));
}

class JsonWalk {
  private bytes = 0;
  private readonly ancestors: Array<{ value: object; path: string }> = [];

  constructor(
    private readonly field: string,
    private readonly limits: JsonLimits,
  ) {}

  /** Counts bytes as they are found, so an oversized value is refused before all of it is walked. */
  add(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > this.limits.bytes) {
      throw refuse(
        this.field,
        `is more than ${this.limits.bytes} bytes (${this.limits.bytes / 1024} KiB) of JSON, the most one field holds; keep large documents elsewhere and store a reference to them`,
      );
    }
  }

  /** The bytes of `value`'s JSON text not yet added, or an error for what is not JSON. */
  measure(value: unknown, path: string, depth: number): number {
    switch (typeof value) {
      case "string":
        return stringBytes(value, path);
      case "boolean":
        return value ? 4 : 5;
      case "number":
        if (!Number.isFinite(value)) {
          throw refuse(path, `is ${value}; store a finite number, or null`);
        }
        return String(value).length;
      case "bigint":
        throw refuse(
          path,
          `is a BigInt (${value}n); store it as a string, or as a number when it is a safe integer`,
        );
      case "undefined":
        throw refuse(path, "is undefined; use null");
      case "function":
      case "symbol":
        throw refuse(
          path,
          `is a ${typeof value}; store data only (a string, a number, an object, ...)`,
        );
      case "object":
        if (value === null) return 4;
        return this.measureContainer(value, path, depth);
    }
  }

  private measureContainer(value: object, path: string, depth: number): number {
    if (depth > this.limits.depth) {
      throw refuse(
        path,
        `nests deeper than ${this.limits.depth} levels of objects and arrays; flatten it`,
      );
    }
    const ancestor = this.ancestors.find((entry) => entry.value === value);
    if (ancestor) {
      throw refuse(
        path,
        `refers back to ${ancestor.path}, a cycle JSON cannot hold; store a copy without it`,
      );
    }
    this.ancestors.push({ value, path });
    if (Array.isArray(value)) this.measureArray(value, path, depth);
    else this.measureObject(value, path, depth);
    this.ancestors.pop();
    return 0;
  }

  private measureArray(value: readonly unknown[], path: string, depth: number): void {
    this.add(2 + Math.max(0, value.length - 1));
    for (let index = 0; index < value.length; index++) {
      this.add(this.measure(value[index], `${path}[${index}]`, depth + 1));
    }
  }

  private measureObject(value: object, path: string, depth: number): void {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw refuse(path, `is ${kindOf(value)}; ${hintFor(value)}`);
    }
    if (Object.getOwnPropertySymbols(value).some((key) => Object.hasOwn(value, key))) {
      throw refuse(path, "has a symbol key; JSON keys are strings, so use a string key");
    }
    let members = 0;
    for (const key of Object.keys(value)) {
      if (key === "__proto__") {
        throw refuse(
          path,
          'has a "__proto__" key, which JavaScript reads as the object\'s prototype, so no store can keep it; rename the key',
        );
      }
      const member: unknown = Reflect.get(value, key);
      if (member === undefined) continue;
      const at = childPath(path, key);
      this.add(stringBytes(key, path, "key") + 1);
      if (members > 0) this.add(1);
      this.add(this.measure(member, at, depth + 1));
      members++;
    }
    this.add(2);
  }
}

/** Printable ASCII other than `"` and `\`: JSON writes it as it is, one byte a character. */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Refuses text that PostgreSQL cannot store, the same on every store: a NUL
 * character (`\u0000`) or half of a UTF-16 surrogate pair. `path` names where
 * the text is (`region_id`, `payment_sessions.data.card`). Used for every text
 * a caller hands in, inside JSON values and outside them.
 */
export function assertStorableText(text: string, path: string): void {
  if (PLAIN_ASCII.test(text)) return;
  const problem = unstorable(text);
  if (problem) {
    throw new TenderError({
      code: "invalid_argument",
      message: `${path} ${problem}.`,
      details: { path },
    });
  }
}

function unstorable(text: string): string | undefined {
  if (text.includes("\u0000")) {
    return "contains a NUL character (\\u0000), which PostgreSQL cannot store; remove it";
  }
  const lone = text.search(LONE_SURROGATE);
  if (lone >= 0) {
    return `contains half of a UTF-16 surrogate pair at index ${lone} (a string cut through a character, by slice or substring, say), which PostgreSQL cannot store; remove it or cut the string at a character boundary`;
  }
  return undefined;
}

/** The UTF-8 bytes of a string's JSON text, or an error for a character PostgreSQL cannot store. */
function stringBytes(text: string, path: string, what: "key" | "value" = "value"): number {
  if (PLAIN_ASCII.test(text)) return text.length + 2;
  const problem = unstorable(text);
  if (problem) {
    throw refuse(
      what === "key" ? `${path} has a key, ${JSON.stringify(text)}, that` : path,
      problem,
    );
  }
  let bytes = 2;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22 || code === 0x5c) bytes += 2;
    else if (code < 0x20) bytes += SHORT_ESCAPES.has(code) ? 2 : 6;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair (lone halves are refused above) is one code point: 4 bytes.
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}

/** \b \t \n \f \r: JSON writes these in two characters, other control characters as \u00XX. */
const SHORT_ESCAPES = new Set([0x08, 0x09, 0x0a, 0x0c, 0x0d]);

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function kindOf(value: object): string {
  const name: unknown = Reflect.get(value, Symbol.toStringTag) ?? value.constructor?.name;
  return typeof name === "string" && name.length > 0
    ? `an object of class ${name}`
    : "an object that is not plain";
}

function hintFor(value: object): string {
  if (value instanceof Date) return "store date.toISOString() instead";
  if (value instanceof Map) return "store Object.fromEntries(map) instead";
  if (value instanceof Set) return "store [...set] instead";
  return "store a plain object of its fields instead";
}

function refuse(path: string, problem: string): TenderError {
  return new TenderError({
    code: "invalid_argument",
    message: `${path} ${problem}. JSON fields (metadata, data, context) hold only null, booleans, finite numbers, strings, arrays and plain objects.`,
    details: { path },
  });
}
