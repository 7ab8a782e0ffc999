/*
 * Checks objects against the shapes generated from the stripe SDK's types
 * (stripe-shapes.generated.ts): every field Stripe always sends is there and
 * not `undefined`, down through nested objects and arrays of objects. Used
 * by the fake's tests; `./index` does not export it.
 */
import {
  STRIPE_EVENT_OBJECTS,
  STRIPE_OBJECT_SHAPES,
  STRIPE_SHAPES,
} from "./stripe-shapes.generated";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The always-present fields missing from `value` read as the SDK type
 * `shape` (a key of `STRIPE_SHAPES`), as paths such as
 * `Charge.payment_method_details.card.checks`; empty when it has them all.
 */
export function missingStripeFields(value: unknown, shape: string, path: string = shape): string[] {
  const fields = STRIPE_SHAPES[shape];
  if (fields === undefined) return [`${path}: no shape ${shape} in the generated file`];
  if (!isRecord(value)) return [`${path}: not an object`];
  const missing: string[] = [];
  for (const field of fields.required) {
    if (!Object.hasOwn(value, field) || value[field] === undefined)
      missing.push(`${path}.${field}`);
  }
  for (const [field, nested] of Object.entries(fields.nested)) {
    const inner = value[field];
    if (Array.isArray(inner)) {
      inner.forEach((element, index) => {
        if (isRecord(element))
          missing.push(...missingStripeFields(element, nested, `${path}.${field}[${index}]`));
      });
    } else if (isRecord(inner)) {
      missing.push(...missingStripeFields(inner, nested, `${path}.${field}`));
    }
  }
  return missing;
}

/** The missing fields of an object the fake returned, read as the type its `object` names. */
export function missingFieldsOfObject(value: unknown): string[] {
  const kind = isRecord(value) ? value.object : undefined;
  const shape = typeof kind === "string" ? STRIPE_OBJECT_SHAPES[kind] : undefined;
  if (shape === undefined) return [`an object the shapes do not cover: ${String(kind)}`];
  return missingStripeFields(value, shape);
}

/**
 * The missing fields of an event and of its `data.object`, read as the SDK
 * types the event's type names (`charge.succeeded` carries a `Charge`).
 */
export function missingFieldsOfEvent(event: unknown): string[] {
  const missing = missingStripeFields(event, "Event");
  const type = isRecord(event) ? event.type : undefined;
  const shape = typeof type === "string" ? STRIPE_EVENT_OBJECTS[type] : undefined;
  if (shape === undefined) return [...missing, `Event: no SDK event type ${String(type)}`];
  const data = isRecord(event) ? event.data : undefined;
  const object = isRecord(data) ? data.object : undefined;
  return [...missing, ...missingStripeFields(object, shape, `${String(type)}.data.object`)];
}
