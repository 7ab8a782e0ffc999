import type { FakeCharge } from "./fake-objects";
import { type FakeRoute, pathParam } from "./fake-route";
import type { FakeStripeContext } from "./fake-stripe-state";
import { originOf } from "./payment-intent-params";
import { mergeMetadata, optionalInteger, optionalMetadata, optionalString } from "./request-params";
import { invalidParam, resourceMissing } from "./stripe-errors";

/** The charge named in the path, or Stripe's 404. */
function findCharge(context: FakeStripeContext, id: string): FakeCharge {
  const charge = context.state.charges.get(id);
  if (charge === undefined) throw resourceMissing("charge", id, "charge");
  return charge;
}

/**
 * `GET /v1/charges/:id`, `GET /v1/charges` (newest first, by
 * `payment_intent`) and `POST /v1/charges/:id`, which changes a charge's
 * `description` or `metadata` and sends `charge.updated` with the old values
 * in `previous_attributes`, as Stripe does.
 */
export const chargeRoutes: FakeRoute[] = [
  {
    method: "GET",
    path: "/v1/charges/:id",
    params: new Set(),
    handle(context, request) {
      return { body: findCharge(context, pathParam(request, "id")) };
    },
  },
  {
    method: "GET",
    path: "/v1/charges",
    params: new Set(["payment_intent", "customer", "limit", "starting_after", "ending_before"]),
    handle(context, request) {
      const intentId = optionalString(request.params, "payment_intent");
      const customerId = optionalString(request.params, "customer");
      const limit = optionalInteger(request.params, "limit") ?? 10;
      if (limit < 1 || limit > 100)
        throw invalidParam("This value must be between 1 and 100.", { param: "limit" });
      const matching = [...context.state.charges.values()]
        .filter((charge) => !intentId || charge.payment_intent === intentId)
        .filter((charge) => !customerId || charge.customer === customerId)
        .reverse();
      return {
        body: {
          object: "list",
          data: matching.slice(0, limit),
          has_more: matching.length > limit,
          url: "/v1/charges",
        },
      };
    },
  },
  {
    method: "POST",
    path: "/v1/charges/:id",
    params: new Set([
      "customer",
      "description",
      "fraud_details",
      "metadata",
      "receipt_email",
      "shipping",
    ]),
    handle(context, request) {
      const charge = findCharge(context, pathParam(request, "id"));
      const description = optionalString(request.params, "description");
      const metadata = optionalMetadata(request.params);
      const previous: Record<string, unknown> = {};
      if (description !== undefined && description !== charge.description) {
        previous.description = charge.description;
        charge.description = description;
      }
      const merged = mergeMetadata(charge.metadata, metadata);
      // Stripe lists the metadata keys that changed, each with its old value (null: it was unset).
      const changed = [...new Set([...Object.keys(charge.metadata), ...Object.keys(merged)])]
        .filter((key) => charge.metadata[key] !== merged[key])
        .map((key) => [key, charge.metadata[key] ?? null]);
      if (changed.length > 0) {
        previous.metadata = Object.fromEntries(changed);
        charge.metadata = merged;
      }
      if (Object.keys(previous).length > 0)
        context.emit("charge.updated", charge, originOf(request), previous);
      return { body: charge };
    },
  },
];
