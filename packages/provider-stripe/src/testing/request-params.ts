import { type FormObject, type FormValue, isFormObject } from "./form-body";
import { invalidParam } from "./stripe-errors";

/*
 * Typed readers over decoded form parameters. Each narrows an untrusted value
 * and answers as Stripe does (400, named `param`) when it does not fit.
 */

/** A nested parameter by path: `valueAt(params, ["payment_method_options", "card", "request_multicapture"])`. */
export function valueAt(params: FormObject, path: readonly string[]): FormValue | undefined {
  let current: FormValue | undefined = params;
  for (const segment of path) {
    if (!isFormObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

function nameOf(path: readonly string[]): string {
  const [head, ...rest] = path;
  return `${head ?? ""}${rest.map((segment) => `[${segment}]`).join("")}`;
}

/** A string parameter; `""` means "unset" in Stripe's encoding and reads as `null`. */
export function optionalString(params: FormObject, ...path: string[]): string | null | undefined {
  const value = valueAt(params, path);
  if (value === undefined) return undefined;
  if (typeof value !== "string")
    throw invalidParam(`Invalid string: ${JSON.stringify(value)}`, { param: nameOf(path) });
  return value === "" ? null : value;
}

/** A string parameter that must be present and non-empty. */
export function requiredString(params: FormObject, ...path: string[]): string {
  const value = optionalString(params, ...path);
  if (value === undefined || value === null) {
    throw invalidParam(`Missing required param: ${nameOf(path)}.`, {
      param: nameOf(path),
      code: "parameter_missing",
    });
  }
  return value;
}

/** An integer parameter (Stripe sends numbers as decimal strings). */
export function optionalInteger(params: FormObject, ...path: string[]): number | undefined {
  const value = valueAt(params, path);
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^-?\d{1,15}$/.test(value)) {
    throw invalidParam(
      `Invalid integer: ${typeof value === "string" ? value : JSON.stringify(value)}`,
      {
        param: nameOf(path),
        code: "parameter_invalid_integer",
      },
    );
  }
  return Number(value);
}

/** An integer parameter that must be present. */
export function requiredInteger(params: FormObject, ...path: string[]): number {
  const value = optionalInteger(params, ...path);
  if (value === undefined) {
    throw invalidParam(`Missing required param: ${nameOf(path)}.`, {
      param: nameOf(path),
      code: "parameter_missing",
    });
  }
  return value;
}

/** A boolean parameter (`"true"` / `"false"`). */
export function optionalBoolean(params: FormObject, ...path: string[]): boolean | undefined {
  const value = valueAt(params, path);
  if (value === undefined) return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  throw invalidParam(`Invalid boolean: ${JSON.stringify(value)}`, { param: nameOf(path) });
}

/** A parameter restricted to a list of literal values. */
export function optionalEnum<TValue extends string>(
  params: FormObject,
  values: readonly TValue[],
  ...path: string[]
): TValue | null | undefined {
  const value = optionalString(params, ...path);
  if (value === undefined || value === null) return value;
  const found = values.find((candidate) => candidate === value);
  if (found === undefined) {
    throw invalidParam(`Invalid ${nameOf(path)}: must be one of ${values.join(", ")}`, {
      param: nameOf(path),
    });
  }
  return found;
}

/** A list of strings (`payment_method_types[0]=card`, `expand[]=latest_charge`). */
export function optionalStringList(params: FormObject, ...path: string[]): string[] | undefined {
  const value = valueAt(params, path);
  if (value === undefined || value === "") return value === "" ? [] : undefined;
  const items = Array.isArray(value) ? value : isFormObject(value) ? Object.values(value) : [value];
  return items.map((item) => {
    if (typeof item !== "string")
      throw invalidParam(`Invalid array: ${nameOf(path)}`, { param: nameOf(path) });
    return item;
  });
}

/**
 * `metadata`: a hash of strings; `metadata=""` clears it (`null`) and a key set
 * to `""` is removed when merged with {@link mergeMetadata}.
 */
export function optionalMetadata(params: FormObject): Record<string, string> | null | undefined {
  const value = params.metadata;
  if (value === undefined) return undefined;
  if (value === "") return null;
  if (typeof value === "string") throw invalidParam("Invalid hash", { param: "metadata" });
  // A hash whose keys are 0..n-1 decodes as a list; metadata keys are strings either way.
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value);
  const metadata: Record<string, string> = {};
  for (const [key, item] of entries) {
    if (typeof item !== "string")
      throw invalidParam(`Invalid string: ${JSON.stringify(item)}`, { param: `metadata[${key}]` });
    metadata[key] = item;
  }
  return metadata;
}

/** Applies a metadata update as Stripe does: keys merge, `""` removes a key, `null` clears all. */
export function mergeMetadata(
  current: Record<string, string>,
  update: Record<string, string> | null | undefined,
): Record<string, string> {
  if (update === undefined) return current;
  if (update === null) return {};
  const merged = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === "") delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** The `expand[]` list. */
export function expandList(params: FormObject): string[] {
  return optionalStringList(params, "expand") ?? [];
}

/** Refuses top-level parameters the endpoint does not know, as Stripe does. */
export function rejectUnknownParams(params: FormObject, allowed: ReadonlySet<string>): void {
  for (const key of Object.keys(params)) {
    if (key !== "expand" && !allowed.has(key)) {
      throw invalidParam(`Received unknown parameter: ${key}`, {
        param: key,
        code: "parameter_unknown",
      });
    }
  }
}
