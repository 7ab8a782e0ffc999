import type { Context } from "hono";
import { invalidArgument } from "./api-error";

/**
 * Reads a request's JSON object body and refuses anything else before a
 * route touches Tender: a content type other than `application/json`, a body
 * that is not JSON, a JSON value that is not an object, or a field the route
 * does not take (a typo is an error, not a silent default). An empty body
 * stands for `{}` on routes whose fields are all optional.
 */
export async function readJsonBody(
  c: Context,
  fields: readonly string[],
): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text === "") return {};
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw invalidArgument(
      `Send the body as JSON with Content-Type: application/json; got ${type ? `Content-Type: ${type}` : "no Content-Type"}.`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidArgument("The body is not valid JSON.");
  }
  if (!isPlainObject(value)) {
    throw invalidArgument(
      `The body must be a JSON object${fields.length > 0 ? ` with the fields ${fields.join(", ")}` : " ({})"}.`,
    );
  }
  const unknown = Object.keys(value).filter((key) => !fields.includes(key));
  if (unknown.length > 0) {
    throw invalidArgument(
      `The body has no field ${unknown.map((key) => JSON.stringify(key)).join(", ")}; ${fields.length > 0 ? `its fields are ${fields.join(", ")}` : "send {} or nothing"}.`,
    );
  }
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A text field that may be left out; anything but a non-empty string of at most `max` characters is refused. */
export function optionalText(
  body: Record<string, unknown>,
  field: string,
  max = 200,
): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.length === 0 || value.length > max) {
    throw invalidArgument(`${field} must be a non-empty string of at most ${max} characters.`);
  }
  return value;
}

export function requireText(body: Record<string, unknown>, field: string, max = 200): string {
  const value = optionalText(body, field, max);
  if (value === undefined) throw invalidArgument(`${field} is required.`);
  return value;
}
