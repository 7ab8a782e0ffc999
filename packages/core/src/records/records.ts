import type { NextAction, RiskSignal, SessionError } from "@tender/provider";
import type {
  DisputeStatus,
  OperationStatus,
  PaymentCollectionStatus,
  PaymentSessionStatus,
  PaymentStatus,
} from "./statuses";

export type { NextAction, RiskSignal, SessionError };

export type Metadata = Record<string, unknown>;

interface BaseRecord {
  id: string;
  created_at: Date;
  updated_at: Date;
}

/** What is owed: a currency and an amount in its minor unit. */
export interface PaymentCollection extends BaseRecord {
  currency_code: string;
  amount: number;
  region_id: string | null;
  status: PaymentCollectionStatus;
  authorized_amount: number;
  captured_amount: number;
  refunded_amount: number;
  /** What disputes took back of the collection's payments (open chargebacks and lost ones). */
  disputed_amount: number;
  completed_at: Date | null;
  metadata: Metadata | null;
}

/**
 * A provider call reserved on a session and not yet answered (creating it at
 * the provider, or updating it): what was sent and with which key, so
 * reconcile can send the same request again and book its answer.
 */
export interface SessionProviderCall {
  operation: "initiate" | "update";
  idempotency_key: string;
  request: {
    amount: number;
    currency_code: string;
    data: Record<string, unknown>;
    context: Record<string, unknown>;
    /** For an update: the metadata to save with its answer, when it changes. */
    metadata?: Metadata | null;
  };
}

/** One attempt to pay a collection (or part of it) through one provider. */
export interface PaymentSession extends BaseRecord {
  payment_collection_id: string;
  provider_id: string;
  currency_code: string;
  amount: number;
  status: PaymentSessionStatus;
  /** The provider's status as the provider names it (`requires_action` for Stripe's 3DS). */
  raw_status: string | null;
  /** Provider-owned state (a PaymentIntent id, say). */
  data: Record<string, unknown>;
  /** Facts about the customer for the provider (email, account holder, return url). */
  context: Record<string, unknown>;
  next_action: NextAction | null;
  error: SessionError | null;
  authorized_at: Date | null;
  /**
   * What the provider authorized, once it did: the session's `amount`, or
   * less when the provider authorizes only part (a gift card's balance). The
   * payment holds this; pay the rest of the collection with another session.
   */
  authorized_amount: number | null;
  payment_id: string | null;
  /** Counts finished authorization attempts; part of the provider idempotency key. */
  authorization_attempt: number;
  /** Set while an authorization is in flight at the provider; its amount is held on the collection. */
  authorization_started_at: Date | null;
  /** A create or update call in flight at the provider (see {@link SessionProviderCall}). */
  provider_call: SessionProviderCall | null;
  /** When {@link PaymentSession.provider_call} was reserved: the reconcile sweep settles old ones. */
  provider_call_started_at: Date | null;
  /**
   * Until when a reconcile sweep holds this row while it settles it, so a
   * sweep in another process leaves it alone; null when no sweep does. A
   * sweep that crashes holds it until then at most.
   */
  claimed_until: Date | null;
  metadata: Metadata | null;
}

/** An authorized session's money: captured and refunded through captures and refunds. */
export interface Payment extends BaseRecord {
  payment_collection_id: string;
  payment_session_id: string;
  provider_id: string;
  currency_code: string;
  amount: number;
  /** Sum of succeeded captures. */
  captured_amount: number;
  /** Sum of succeeded refunds. */
  refunded_amount: number;
  /**
   * What the provider let go of without capturing: a final partial capture
   * (Stripe without multicapture) releases the rest of the authorization.
   * Invariant: captured_amount + released_amount <= amount.
   */
  released_amount: number;
  status: PaymentStatus;
  data: Record<string, unknown>;
  /** Until when the provider holds the authorization, when it says. */
  capture_before: Date | null;
  captured_at: Date | null;
  canceled_at: Date | null;
  /** Set while a cancel is in flight at the provider; the payment still holds its amount. */
  cancel_started_at: Date | null;
  /**
   * Cancel attempts sent to the provider (0 until the first): attempt n goes
   * under the key `<payment id>:cancel` (n = 1) or `<payment id>:cancel:attempt-<n>`.
   */
  cancel_attempt: number;
  /**
   * The total an incremental authorization in flight asks the provider for
   * (see `incrementAuthorization`); null when none is. While set, the payment
   * holds this larger amount on its collection, captures and cancels wait,
   * and `amount` is still what was authorized before.
   */
  increment_amount: number | null;
  /** Set while an incremental authorization is in flight (when it was last sent). */
  increment_started_at: Date | null;
  /**
   * Increment attempts sent to the provider (0 until the first): attempt n goes
   * under the key `<payment id>:increment` (n = 1) or `<payment id>:increment:attempt-<n>`.
   */
  increment_attempt: number;
  /** When the authorization lapsed uncaptured (past `capture_before`): the payment is `expired`. */
  expired_at: Date | null;
  /** When `payment.authorization_expiring` was emitted for it (once). */
  expiry_warned_at: Date | null;
  /**
   * When the provider was found to hold or have taken this payment's money
   * although its collection was paid already (two sessions paid by one
   * customer, say): it is surplus. Tender returns it (refunds what was
   * captured, cancels what is held) and never counts it toward its
   * collection's amounts.
   */
  surplus_at: Date | null;
  /** Set while a surplus payment's money is still to be returned (when that was last tried); null once it all is. */
  surplus_returning_at: Date | null;
  /**
   * What disputes (chargebacks) took back of the captured money: open ones
   * and lost ones; a won dispute gives its amount back. It cannot also be
   * refunded. See {@link Dispute}.
   */
  disputed_amount: number;
  /** Fraud warnings and reviews the provider attached to the payment, oldest first (see `payment.risk_signal`). */
  risk_signals: RiskSignal[];
  /**
   * Until when a reconcile sweep holds this row while it settles it, so a
   * sweep in another process leaves it alone; null when no sweep does. A
   * sweep that crashes holds it until then at most.
   */
  claimed_until: Date | null;
  metadata: Metadata | null;
}

/**
 * A dispute of a payment (a chargeback, or an inquiry before one), as the
 * provider's records have it: Tender records it and follows it, it never
 * starts one. See docs/disputes.md.
 */
export interface Dispute extends BaseRecord {
  payment_id: string;
  payment_collection_id: string;
  provider_id: string;
  /** The provider's id of the dispute (Stripe's `dp_...`): one record per provider dispute. */
  provider_dispute_id: string;
  /** Minor units: what the dispute is for. */
  amount: number;
  currency_code: string;
  /** The provider's reason (`fraudulent`, `product_not_received`, ...), or null. */
  reason: string | null;
  status: DisputeStatus;
  /** The provider's own status, as it last reported it. */
  raw_status: string;
  /** When evidence is due at the provider; null when none is asked for (or past). */
  evidence_due_by: Date | null;
  /** Set when the dispute closed (`won`, `lost`, `warning_closed`). */
  closed_at: Date | null;
  data: Record<string, unknown>;
}

export interface Capture extends BaseRecord {
  payment_id: string;
  amount: number;
  status: OperationStatus;
  created_by: string | null;
  /** The provider idempotency key this capture was sent with. */
  idempotency_key: string;
  error: SessionError | null;
  data: Record<string, unknown>;
  /**
   * Until when a reconcile sweep holds this row while it settles it, so a
   * sweep in another process leaves it alone; null when no sweep does. A
   * sweep that crashes holds it until then at most.
   */
  claimed_until: Date | null;
}

export interface Refund extends BaseRecord {
  payment_id: string;
  amount: number;
  status: OperationStatus;
  created_by: string | null;
  refund_reason_id: string | null;
  note: string | null;
  idempotency_key: string;
  error: SessionError | null;
  data: Record<string, unknown>;
  /**
   * Until when a reconcile sweep holds this row while it settles it, so a
   * sweep in another process leaves it alone; null when no sweep does. A
   * sweep that crashes holds it until then at most.
   */
  claimed_until: Date | null;
}

export interface RefundReason extends BaseRecord {
  label: string;
  code: string;
  description: string | null;
  metadata: Metadata | null;
}

/** A customer as a provider knows them (a Stripe customer, say). */
export interface AccountHolder extends BaseRecord {
  provider_id: string;
  /** Our application's customer id; one account holder per provider and customer. */
  customer_id: string;
  external_id: string;
  email: string | null;
  data: Record<string, unknown>;
  metadata: Metadata | null;
}

/** A caller's idempotency key and what it answered. */
export interface IdempotencyRecord extends BaseRecord {
  operation: string;
  request_hash: string;
  /** The id of the record the first call returned. */
  result_id: string;
}

/**
 * An event in the outbox: written in the same commit as the change that
 * caused it, delivered at least once by a relay, then removed. `sequence`
 * orders one collection's events as they were committed.
 */
export interface OutboxEvent extends BaseRecord {
  /** The event's name (`payment.captured`); `id` is the event's own stable id. */
  name: string;
  /** The collection whose change wrote it: events of one collection are delivered in order. */
  aggregate_id: string;
  /**
   * Orders one collection's events as they were committed. The store numbers
   * them when the commit is made (whatever the service wrote is replaced):
   * higher for every later commit of the collection, and in emit order within one.
   */
  sequence: number;
  /** The event's payload, as subscribers receive it. */
  data: Record<string, unknown>;
  /** Deliveries tried and failed so far. */
  attempts: number;
  /** Not delivered before this time (the first delivery's grace, or a retry's backoff). */
  available_at: Date;
  /** A relay holds it until then; after that another relay may take it. */
  claimed_until: Date | null;
  /** Set when it failed `maxAttempts` times: it waits for a replay. */
  parked_at: Date | null;
  last_error: string | null;
}

/** A provider event already applied (the webhook inbox): its id is `${provider_id}:${event_id}`. */
export interface WebhookEventRecord extends BaseRecord {
  provider_id: string;
  event_id: string;
  action: string;
  session_id: string | null;
}
