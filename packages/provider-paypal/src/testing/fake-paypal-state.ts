import type {
  FakeAuthorization,
  FakeCapture,
  FakeDispute,
  FakeOrder,
  FakeRefund,
  PayPalEvent,
} from "./fake-objects";
import type { PendingFault } from "./faults";
import type { StoredAnswer } from "./idempotency";

/**
 * A request as the fake received it, for assertions.
 *
 * @example
 * ```ts
 * const captures = fake.requests.filter((request) => request.path.endsWith("/capture"));
 * expect(captures[0]?.requestId).toBe(captures[1]?.requestId);
 * ```
 */
export interface RecordedRequest {
  method: string;
  path: string;
  requestId?: string;
  body: unknown;
}

/** An order and what PayPal knows of it beyond its representation. */
export interface OrderRecord {
  order: FakeOrder;
  returnUrl?: string;
  cancelUrl?: string;
  /** Approved with an instrument that authorize/capture decline (422 INSTRUMENT_DECLINED). */
  declined: boolean;
  /** Captures come back PENDING with this reason (`pendingCaptures`). */
  pendingReason?: string;
  authorizationIds: string[];
  captureIds: string[];
}

/** An authorization and its captures. */
export interface AuthorizationRecord {
  authorization: FakeAuthorization;
  orderId: string;
  captureIds: string[];
  /** The authorization that a reauthorization replaced this one with. */
  supersededBy?: string;
  pendingReason?: string;
}

/** A capture and its refunds. */
export interface CaptureRecord {
  capture: FakeCapture;
  orderId: string;
  authorizationId?: string;
  refundIds: string[];
}

/** A refund (or reversal) of a capture. */
export interface RefundRecord {
  refund: FakeRefund;
  captureId: string;
  reversal: boolean;
}

/** Everything the fake remembers; `reset()` starts a new one. */
export interface FakePayPalState {
  orders: Map<string, OrderRecord>;
  authorizations: Map<string, AuthorizationRecord>;
  captures: Map<string, CaptureRecord>;
  refunds: Map<string, RefundRecord>;
  disputes: Map<string, FakeDispute>;
  events: PayPalEvent[];
  deliveredEventIds: Set<string>;
  requests: RecordedRequest[];
  idempotency: Map<string, StoredAnswer>;
  faults: PendingFault[];
  nextId: number;
}

/** An empty state. */
export function createFakePayPalState(): FakePayPalState {
  return {
    orders: new Map(),
    authorizations: new Map(),
    captures: new Map(),
    refunds: new Map(),
    disputes: new Map(),
    events: [],
    deliveredEventIds: new Set(),
    requests: [],
    idempotency: new Map(),
    faults: [],
    nextId: 1,
  };
}
