import type { FakeDispute } from "./disputes";
import type {
  FakeCharge,
  FakeCustomer,
  FakePaymentIntent,
  FakePaymentMethod,
  FakeRefund,
  FakeSetupIntent,
  StripeEventLike,
} from "./fake-objects";
import type { PendingFault } from "./faults";
import type { FormObject } from "./form-body";
import type { StoredResponse } from "./idempotency";
import type { FakeEarlyFraudWarning, FakeReview } from "./risk-signals";
import type { TestPaymentMethod } from "./test-payment-methods";

/**
 * A request as the fake received it, for assertions.
 *
 * @example
 * ```ts
 * const captures = fake.requests.filter((request) => request.path.endsWith("/capture"));
 * expect(captures[0]?.idempotencyKey).toBe(captures[1]?.idempotencyKey);
 * ```
 */
export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  params: Record<string, unknown>;
}

/** Everything the fake remembers; `reset()` starts a new one. */
export interface FakeStripeState {
  paymentIntents: Map<string, FakePaymentIntent>;
  /** `return_url` per intent: Stripe keeps it for the redirect but does not show it on the intent. */
  returnUrls: Map<string, string>;
  charges: Map<string, FakeCharge>;
  refunds: Map<string, FakeRefund>;
  customers: Map<string, FakeCustomer>;
  deletedCustomers: Set<string>;
  paymentMethods: Map<string, FakePaymentMethod>;
  /** The test id's behaviour behind each payment method made from one. */
  behaviours: Map<string, TestPaymentMethod>;
  setupIntents: Map<string, FakeSetupIntent>;
  earlyFraudWarnings: Map<string, FakeEarlyFraudWarning>;
  reviews: Map<string, FakeReview>;
  disputes: Map<string, FakeDispute>;
  events: StripeEventLike[];
  deliveredEventIds: Set<string>;
  requests: RecordedRequest[];
  idempotency: Map<string, StoredResponse>;
  /** Keys of requests still answering (a slow response): another request with one gets 409. */
  keysInFlight: Set<string>;
  /** Captures made on each charge: Stripe allows at most 50. */
  captureCounts: Map<string, number>;
  /** Incremental authorization attempts per intent, declines included: Stripe allows at most 10. */
  incrementAttempts: Map<string, number>;
  /** Intents whose incremental authorizations the issuer declines (`declineIncrements`). */
  declinedIncrements: Set<string>;
  /** Payment methods set up for later use (a SetupIntent, or a payment with `setup_future_usage`). */
  setUpPaymentMethods: Set<string>;
  faults: PendingFault[];
  nextId: number;
}

/** An empty state. */
export function createFakeStripeState(): FakeStripeState {
  return {
    paymentIntents: new Map(),
    returnUrls: new Map(),
    charges: new Map(),
    refunds: new Map(),
    customers: new Map(),
    deletedCustomers: new Set(),
    paymentMethods: new Map(),
    behaviours: new Map(),
    setupIntents: new Map(),
    earlyFraudWarnings: new Map(),
    reviews: new Map(),
    disputes: new Map(),
    events: [],
    deliveredEventIds: new Set(),
    requests: [],
    idempotency: new Map(),
    keysInFlight: new Set(),
    captureCounts: new Map(),
    incrementAttempts: new Map(),
    declinedIncrements: new Set(),
    setUpPaymentMethods: new Set(),
    faults: [],
    nextId: 1,
  };
}

/** Which request caused a state change; both `null` for changes made by Stripe itself (or the test). */
export interface EventOrigin {
  id: string | null;
  idempotency_key: string | null;
}

/** What an operation needs: the state, the clock, ids and the event log. */
export interface FakeStripeContext {
  readonly state: FakeStripeState;
  /** Unix seconds. */
  nowSeconds(): number;
  /** A fresh id such as `pi_3Fake000000000000000007`. */
  newId(prefix: string): string;
  /**
   * Appends an event whose `data.object` is a snapshot of `object` as it is
   * now; `previousAttributes` (a `*.updated` event) are the changed fields' old values.
   */
  emit(
    type: string,
    object: object,
    origin: EventOrigin,
    previousAttributes?: Record<string, unknown>,
  ): void;
}

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Builds the context over a state getter, so that `reset()` can swap the state. */
export function createFakeStripeContext(
  getState: () => FakeStripeState,
  now: () => number,
  apiVersion: string,
): FakeStripeContext {
  const newId = (prefix: string): string => {
    const state = getState();
    const serial = state.nextId++;
    // Ids are deterministic per state (serial), padded with a letter mix to Stripe's length.
    let suffix = "";
    for (let index = 0; index < 14; index++)
      suffix += ID_ALPHABET[(serial * 31 + index * 7) % ID_ALPHABET.length];
    return `${prefix}_3Fake${suffix}${String(serial).padStart(6, "0")}`;
  };
  const nowSeconds = (): number => Math.floor(now() / 1000);
  return {
    get state() {
      return getState();
    },
    nowSeconds,
    newId,
    emit(type, object, origin, previousAttributes) {
      getState().events.push({
        id: newId("evt"),
        object: "event",
        api_version: apiVersion,
        created: nowSeconds(),
        data: {
          object: { ...structuredClone(object) },
          ...(previousAttributes
            ? { previous_attributes: structuredClone(previousAttributes) }
            : {}),
        },
        livemode: false,
        pending_webhooks: 1,
        request: { ...origin },
        type,
      });
    },
  };
}

/** A snapshot of a params hash, for the request log. */
export function recordParams(params: FormObject): Record<string, unknown> {
  return { ...structuredClone(params) };
}
