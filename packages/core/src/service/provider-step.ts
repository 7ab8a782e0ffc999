import { ProviderError } from "../errors/provider-error";
import type { TenderError } from "../errors/tender-error";
import type { PaymentProviderV1 } from "../provider/payment-provider";
import { inTransaction, type ServiceContext, type UnitOfWork } from "./service-context";

/** How a settled step ends for its caller: a value, or an error thrown after the commit. */
export type Settled<TResult> = { returns: TResult } | { throws: unknown };

/** What a reserve does: finish at once (nothing to ask the provider), or reserve a pending row. */
export type Reservation<TReserved, TResult> = { done: TResult } | { reserved: TReserved };

/**
 * One operation that calls a provider, as the pipeline runs it. The operation
 * supplies only what is its own; the pipeline owns the order:
 *
 *     validate -> lock -> reserve (pending row) -> call -> classify -> finalize -> commit
 *
 * The call runs inside the reserving transaction for a local provider (one
 * commit), and after the reserving commit for a remote one, so no lock is
 * held over the network and a crash leaves a pending row for reconcile.
 */
export interface ProviderStep<TReserved, TAnswer, TResult> {
  /** The provider this reservation is sent to. */
  provider(ctx: ServiceContext, reserved: TReserved): PaymentProviderV1;
  /** The request, with the idempotency key recorded on the reserved row. */
  call(provider: PaymentProviderV1, reserved: TReserved): Promise<TAnswer>;
  /** Books the provider's answer, under the aggregate's lock. A row already settled is left alone. */
  succeeded(
    ctx: ServiceContext,
    uow: UnitOfWork,
    reserved: TReserved,
    answer: TAnswer,
  ): Promise<Settled<TResult>>;
  /** Books a definite failure (nothing moved), under the lock. */
  failed(
    ctx: ServiceContext,
    uow: UnitOfWork,
    reserved: TReserved,
    error: ProviderError,
  ): Promise<Settled<TResult>>;
  /** The error for an unknown outcome: the row stays pending, holding its amount, until reconcile. */
  unknown(reserved: TReserved, error: unknown): TenderError;
  /**
   * Records the next attempt's idempotency key on the reserved row, under the
   * lock, when the provider said nothing moved but will not take the key
   * again (a stored 5xx). Returns the row as renewed, or undefined when it is
   * no longer pending under that key (settled, or renewed by someone else).
   * A step without it leaves such a row pending, as for an unknown outcome.
   */
  renew?(ctx: ServiceContext, uow: UnitOfWork, reserved: TReserved): Promise<TReserved | undefined>;
}

/** How a provider call ended: answered, refused for certain, or unknown (the money may have moved). */
export type CallOutcome<TAnswer> =
  | { kind: "answered"; answer: TAnswer }
  | { kind: "refused"; error: ProviderError }
  | { kind: "new_key"; error: ProviderError }
  | { kind: "unknown"; error: unknown };

/**
 * Calls the provider and classifies the outcome: only a definite ProviderError
 * is a refusal; one that says nothing moved under a key the provider will not
 * take again asks for a new key.
 */
export async function callProvider<TReserved, TAnswer, TResult>(
  step: ProviderStep<TReserved, TAnswer, TResult>,
  provider: PaymentProviderV1,
  reserved: TReserved,
): Promise<CallOutcome<TAnswer>> {
  try {
    return { kind: "answered", answer: await step.call(provider, reserved) };
  } catch (error) {
    if (ProviderError.isDefiniteFailure(error)) return { kind: "refused", error };
    if (ProviderError.needsNewKey(error)) return { kind: "new_key", error };
    return { kind: "unknown", error };
  }
}

/**
 * Runs a step from the start: `reserve` (under the lock, in the first
 * transaction) either finishes or writes the pending row; then the provider
 * is called and its outcome finalized.
 */
export async function runProviderStep<TReserved, TAnswer, TResult>(
  ctx: ServiceContext,
  step: ProviderStep<TReserved, TAnswer, TResult>,
  reserve: (uow: UnitOfWork) => Promise<Reservation<TReserved, TResult>>,
): Promise<TResult> {
  const first = await inTransaction(
    ctx,
    async (uow): Promise<Reservation<TReserved, TResult> | Settled<TResult>> => {
      const reservation = await reserve(uow);
      if ("done" in reservation) return reservation;
      const provider = step.provider(ctx, reservation.reserved);
      if (provider.capabilities.local !== true) return reservation;
      // A local provider is bookkeeping in this process: call it and book its answer in one commit.
      const outcome = await callProvider(step, provider, reservation.reserved);
      // A local provider moved nothing outside this process: an unknown outcome rolls everything back.
      if (outcome.kind === "unknown" || outcome.kind === "new_key") throw outcome.error;
      return finalize(ctx, uow, step, reservation.reserved, outcome);
    },
  );
  if ("done" in first) return first.done;
  if ("reserved" in first) return settleReserved(ctx, step, first.reserved);
  return unwrap(first);
}

/** Calls under one reservation before a renewed key is left to reconcile. */
const CALLS_PER_SETTLE = 2;

/**
 * Calls the provider for a reserved row and finalizes: what a step does after
 * its reserving commit, and what reconcile does for a row left pending (with
 * the key recorded on the row, so the provider never moves money twice).
 * When the provider says nothing moved under a key it will not take again,
 * the next attempt's key is recorded on the row and the request sent again
 * under it, once here; after that the row stays pending for reconcile.
 */
export async function settleReserved<TReserved, TAnswer, TResult>(
  ctx: ServiceContext,
  step: ProviderStep<TReserved, TAnswer, TResult>,
  reserved: TReserved,
): Promise<TResult> {
  let current = reserved;
  for (let call = 1; ; call++) {
    const outcome = await callProvider(step, step.provider(ctx, current), current);
    if (outcome.kind === "unknown") throw step.unknown(current, outcome.error);
    if (outcome.kind === "new_key") {
      const renew = step.renew;
      const renewed = renew
        ? await inTransaction(ctx, (uow) => renew(ctx, uow, current))
        : undefined;
      if (renewed === undefined || call >= CALLS_PER_SETTLE) {
        throw step.unknown(renewed ?? current, outcome.error);
      }
      current = renewed;
      continue;
    }
    return unwrap(await inTransaction(ctx, (uow) => finalize(ctx, uow, step, current, outcome)));
  }
}

function finalize<TReserved, TAnswer, TResult>(
  ctx: ServiceContext,
  uow: UnitOfWork,
  step: ProviderStep<TReserved, TAnswer, TResult>,
  reserved: TReserved,
  outcome: Extract<CallOutcome<TAnswer>, { kind: "answered" | "refused" }>,
): Promise<Settled<TResult>> {
  return outcome.kind === "answered"
    ? step.succeeded(ctx, uow, reserved, outcome.answer)
    : step.failed(ctx, uow, reserved, outcome.error);
}

function unwrap<TResult>(settled: Settled<TResult>): TResult {
  if ("throws" in settled) throw settled.throws;
  return settled.returns;
}
