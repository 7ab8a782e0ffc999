import type { PaymentModuleService, TenderError } from "@tender/core";
import type { AuthorizeOutcome } from "./authorize-outcome";
import type { PaymentHandle } from "./payment-handle";
import { SessionHandle } from "./session-handle";
import { invalidArgument, optionalObject, requireId } from "./validate-arguments";

/** One way to pay part of a collection: a provider, its session data and context. */
export interface TenderStep<TProviderId extends string = string> {
  provider: TProviderId;
  data?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

/**
 * What paying a collection with several providers came to:
 * - `authorized`: every step authorized; the payments cover the collection.
 * - `requires_more` / `processing`: a step waits for the customer or the
 *   provider; the earlier ones stay authorized. Finish it (`outcome.retry()`),
 *   then call `payWith` again with the steps that are left.
 * - `failed`: a step was declined; the payments authorized before it were
 *   released (canceled), so the customer is never charged for part of an
 *   order that did not go through.
 */
export type SplitTenderOutcome =
  | { readonly status: "authorized"; readonly payments: PaymentHandle[] }
  | {
      readonly status: "requires_more" | "processing";
      readonly payments: PaymentHandle[];
      readonly waiting: AuthorizeOutcome;
    }
  | {
      readonly status: "failed";
      readonly error: TenderError;
      readonly session: SessionHandle;
      readonly released: PaymentHandle[];
    };

/**
 * Pays what is left of a collection with each step in turn: a session for
 * what is still owed (a gift card may authorize less: the next step pays the
 * rest), authorized at once. Stops when the collection is covered.
 */
export async function payWith(
  service: PaymentModuleService,
  collectionId: string,
  stepsInput: unknown,
): Promise<SplitTenderOutcome> {
  if (!Array.isArray(stepsInput) || stepsInput.length === 0) {
    throw invalidArgument(
      'collection.payWith(steps) takes a non-empty array of steps like [{ provider: "gift-card", data: { card } }, { provider: "stripe", data: { payment_method } }].',
    );
  }
  const steps = stepsInput.map((step: unknown, index) => {
    const fields = optionalObject(step, `collection.payWith(steps)[${index}]`);
    if (!fields) throw invalidArgument(`collection.payWith(steps)[${index}] is missing.`);
    for (const key of Object.keys(fields)) {
      if (!["provider", "data", "context"].includes(key)) {
        throw invalidArgument(
          `collection.payWith(steps)[${index}] has no field "${key}"; its fields are provider, data, context.`,
        );
      }
    }
    return {
      provider: requireId(
        fields.provider,
        `collection.payWith(steps)[${index}].provider`,
        "manual",
      ),
      data: optionalObject(fields.data, `collection.payWith(steps)[${index}].data`),
      context: optionalObject(fields.context, `collection.payWith(steps)[${index}].context`),
    };
  });
  const payments: PaymentHandle[] = [];
  for (const step of steps) {
    const collection = await service.retrievePaymentCollection(collectionId);
    const remaining = Math.max(0, collection.amount - collection.authorized_amount);
    if (remaining === 0) break;
    const session = new SessionHandle(
      service,
      await service.createPaymentSession(collectionId, {
        provider_id: step.provider,
        currency_code: collection.currency_code,
        amount: remaining,
        ...(step.data ? { data: step.data } : {}),
        ...(step.context ? { context: step.context } : {}),
      }),
    );
    const outcome = await session.authorize();
    if (outcome.status === "authorized") {
      payments.push(outcome.payment);
      continue;
    }
    if (outcome.status === "failed") {
      const released: PaymentHandle[] = [];
      for (const payment of payments) released.push(await payment.cancel());
      return { status: "failed", error: outcome.error, session: outcome.session, released };
    }
    return { status: outcome.status, payments, waiting: outcome };
  }
  return { status: "authorized", payments };
}
