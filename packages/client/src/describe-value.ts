/**
 * An object literal (or `Object.create(null)`): no class, so no getter or
 * default can hide in its prototype, and its own fields are all it says.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  // Object.prototype, of this realm or another, has no prototype itself; a class's prototype has one.
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** What a caller handed in, as a message names it: `3000`, `"3000"`, `null`, `an array`. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") {
    // Long enough to recognise the value, short enough to keep a message readable.
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "bigint") return `${value}n (a bigint)`;
  if (typeof value === "symbol") return value.toString();
  if (typeof value === "function") return "a function";
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  if (isPlainObject(value)) return "an object";
  return `an instance of ${className(value)}`;
}

function className(value: object): string {
  const prototype: unknown = Object.getPrototypeOf(value);
  const maker: unknown =
    typeof prototype === "object" && prototype !== null
      ? Reflect.get(prototype, "constructor")
      : undefined;
  return typeof maker === "function" && maker.name ? maker.name : "an unnamed class";
}
