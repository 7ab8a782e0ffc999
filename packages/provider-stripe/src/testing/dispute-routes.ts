import {
  acceptDispute,
  DISPUTE_EVIDENCE_FIELDS,
  type FakeDispute,
  isDisputeClosed,
  markEvidenceSubmitted,
  submissionRefusal,
} from "./disputes";
import { type FakeRoute, pathParam } from "./fake-route";
import type { FakeStripeContext } from "./fake-stripe-state";
import { type FormObject, isFormObject } from "./form-body";
import { originOf } from "./payment-intent-params";
import {
  mergeMetadata,
  optionalBoolean,
  optionalInteger,
  optionalMetadata,
  optionalString,
  valueAt,
} from "./request-params";
import { invalidParam, invalidRequest, resourceMissing } from "./stripe-errors";

/** The dispute named in the path, or Stripe's 404. */
function findDispute(context: FakeStripeContext, id: string): FakeDispute {
  const dispute = context.state.disputes.get(id);
  if (dispute === undefined) throw resourceMissing("dispute", id, "dispute");
  return dispute;
}

/** `evidence[...]`: the text and file fields, each a string (`""` unsets it). */
function readEvidence(params: FormObject): Partial<FakeDispute["evidence"]> | undefined {
  const value = params.evidence;
  if (value === undefined) return undefined;
  if (!isFormObject(value)) throw invalidParam("Invalid hash", { param: "evidence" });
  const evidence: Partial<FakeDispute["evidence"]> = {};
  for (const key of Object.keys(value)) {
    const field = DISPUTE_EVIDENCE_FIELDS.find((known) => known === key);
    if (field === undefined) {
      throw invalidParam(`Received unknown parameter: evidence[${key}]`, {
        param: `evidence[${key}]`,
        code: "parameter_unknown",
      });
    }
    evidence[field] = optionalString(params, "evidence", field) ?? null;
  }
  return evidence;
}

const COMPARISONS: Readonly<Record<string, (created: number, bound: number) => boolean>> = {
  gt: (created, bound) => created > bound,
  gte: (created, bound) => created >= bound,
  lt: (created, bound) => created < bound,
  lte: (created, bound) => created <= bound,
};

/** `created=<unix>` or `created[gt|gte|lt|lte]=<unix>`, as a predicate. */
function readCreated(params: FormObject): (created: number) => boolean {
  const value = valueAt(params, ["created"]);
  if (value === undefined) return () => true;
  if (typeof value === "string") {
    const exact = optionalInteger(params, "created");
    return (created) => created === exact;
  }
  if (!isFormObject(value)) throw invalidParam("Invalid hash", { param: "created" });
  const bounds: Array<(created: number) => boolean> = [];
  for (const key of Object.keys(value)) {
    const compare = Object.hasOwn(COMPARISONS, key) ? COMPARISONS[key] : undefined;
    if (compare === undefined) {
      throw invalidParam(`Received unknown parameter: created[${key}]`, {
        param: `created[${key}]`,
        code: "parameter_unknown",
      });
    }
    const bound = optionalInteger(params, "created", key);
    if (bound !== undefined) bounds.push((created) => compare(created, bound));
  }
  return (created) => bounds.every((inBounds) => inBounds(created));
}

/** One page of `disputes` (newest first), after `starting_after` or before `ending_before`. */
function pageOf(
  disputes: readonly FakeDispute[],
  params: FormObject,
): { data: FakeDispute[]; has_more: boolean } {
  const limit = optionalInteger(params, "limit") ?? 10;
  if (limit < 1 || limit > 100)
    throw invalidParam("This value must be between 1 and 100.", { param: "limit" });
  const after = optionalString(params, "starting_after");
  const before = optionalString(params, "ending_before");
  const indexOf = (id: string, param: string) => {
    const index = disputes.findIndex((dispute) => dispute.id === id);
    if (index < 0) throw resourceMissing("dispute", id, param);
    return index;
  };
  if (after !== undefined && after !== null) {
    const rest = disputes.slice(indexOf(after, "starting_after") + 1);
    return { data: rest.slice(0, limit), has_more: rest.length > limit };
  }
  if (before !== undefined && before !== null) {
    const earlier = disputes.slice(0, indexOf(before, "ending_before"));
    return { data: earlier.slice(-limit), has_more: earlier.length > limit };
  }
  return { data: disputes.slice(0, limit), has_more: disputes.length > limit };
}

/**
 * `GET /v1/disputes` (by `charge` or `payment_intent`, `created`, paged),
 * `GET /v1/disputes/:id`, `POST /v1/disputes/:id` (evidence, metadata,
 * `submit`) and `POST /v1/disputes/:id/close` (the merchant accepts it).
 */
export const disputeRoutes: FakeRoute[] = [
  {
    method: "GET",
    path: "/v1/disputes",
    params: new Set([
      "charge",
      "payment_intent",
      "limit",
      "starting_after",
      "ending_before",
      "created",
    ]),
    handle(context, request) {
      const { params } = request;
      const chargeId = optionalString(params, "charge");
      const intentId = optionalString(params, "payment_intent");
      const createdMatches = readCreated(params);
      const matching = [...context.state.disputes.values()]
        .filter((dispute) => !chargeId || dispute.charge === chargeId)
        .filter((dispute) => !intentId || dispute.payment_intent === intentId)
        .filter((dispute) => createdMatches(dispute.created))
        .reverse();
      return { body: { object: "list", ...pageOf(matching, params), url: "/v1/disputes" } };
    },
  },
  {
    method: "GET",
    path: "/v1/disputes/:id",
    params: new Set(),
    handle(context, request) {
      return { body: findDispute(context, pathParam(request, "id")) };
    },
  },
  {
    // Evidence is staged, and submitted unless `submit=false` (Stripe's default is to submit).
    method: "POST",
    path: "/v1/disputes/:id",
    params: new Set(["evidence", "metadata", "submit"]),
    handle(context, request) {
      const { params } = request;
      const dispute = findDispute(context, pathParam(request, "id"));
      const evidence = readEvidence(params);
      const metadata = optionalMetadata(params);
      const submitParam = optionalBoolean(params, "submit");
      const submit = submitParam ?? evidence !== undefined;
      if (evidence !== undefined || submit) {
        const refusal = submissionRefusal(dispute);
        if (refusal !== undefined) throw invalidRequest(refusal);
      }
      if (evidence === undefined && metadata === undefined && submitParam === undefined)
        return { body: dispute };
      if (evidence !== undefined) {
        dispute.evidence = { ...dispute.evidence, ...evidence };
        dispute.evidence_details.has_evidence = true;
      }
      dispute.metadata = mergeMetadata(dispute.metadata, metadata);
      if (submit) markEvidenceSubmitted(context, dispute);
      context.emit("charge.dispute.updated", dispute, originOf(request));
      return { body: dispute };
    },
  },
  {
    method: "POST",
    path: "/v1/disputes/:id/close",
    params: new Set(),
    handle(context, request) {
      const dispute = findDispute(context, pathParam(request, "id"));
      if (isDisputeClosed(dispute))
        throw invalidRequest(`Dispute ${dispute.id} is closed already (${dispute.status}).`);
      acceptDispute(context, dispute, originOf(request));
      return { body: dispute };
    },
  },
];
