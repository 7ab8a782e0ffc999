import type { AccountHolder, NextAction, RiskSignal, SessionError } from "../records/records";
import type { DisputeStatus } from "../records/statuses";

/** What a provider can do; the service refuses what a provider does not declare. */
export interface ProviderCapabilities {
  partialCapture: boolean;
  multipleCaptures: boolean;
  partialRefund: boolean;
  webhooks: boolean;
  accountHolders: boolean;
  savedPaymentMethods: boolean;
  /** The provider captures as it authorizes (its authorize answers `captured`). */
  automaticCapture: boolean;
  /**
   * The provider can raise an authorized payment's amount before any capture
   * (hotels, tips, order edits): it has {@link PaymentProviderV1.incrementAuthorization}.
   * Optional: a provider that does not declare it has not.
   */
  incrementalAuthorization?: boolean;
  /**
   * The provider talks to no remote service: its calls are bookkeeping in
   * this process, with no effect outside it, and safe to repeat. The core then
   * calls it inside the transaction (one commit per step) instead of
   * reserving, calling and finalizing (two). The manual provider is local.
   */
  local?: boolean;
}

/** The unified status a provider reports for a payment. */
export type ProviderPaymentStatus =
  | "pending"
  | "requires_more"
  | "processing"
  | "authorized"
  | "captured"
  | "error"
  | "canceled";

/** A provider's answer about a payment: unified status, raw status, its data. */
export interface ProviderPaymentResult {
  status: ProviderPaymentStatus;
  /** The provider's own status name (`requires_action`), kept beside the unified one. */
  raw_status?: string;
  data: Record<string, unknown>;
  next_action?: NextAction;
  error?: SessionError;
  /** Until when the authorization may be captured. */
  capture_before?: Date;
  /**
   * What the provider has captured of this payment in all, when it says (a
   * payment captured at once, or on the provider's side): the core books what
   * no capture row holds yet. Without it a `captured` answer means the whole
   * amount.
   */
  captured_amount?: number;
}

export interface ProviderCustomer {
  id: string;
  email?: string | null;
  name?: string | null;
  phone?: string | null;
}

export interface ProviderContext {
  customer?: ProviderCustomer;
  account_holder?: Pick<AccountHolder, "id" | "external_id" | "data">;
  idempotency_key?: string;
  [key: string]: unknown;
}

export interface InitiatePaymentInput {
  session_id: string;
  amount: number;
  currency_code: string;
  data: Record<string, unknown>;
  context: ProviderContext;
  idempotency_key: string;
}

export interface UpdatePaymentInput extends InitiatePaymentInput {}

export interface AuthorizePaymentInput {
  session_id: string;
  amount: number;
  currency_code: string;
  data: Record<string, unknown>;
  context: ProviderContext;
  idempotency_key: string;
}

export interface CapturePaymentInput {
  payment_id: string;
  capture_id: string;
  amount: number;
  currency_code: string;
  /** True when this capture takes the rest of the authorization. */
  final: boolean;
  data: Record<string, unknown>;
  idempotency_key: string;
}

export interface CapturePaymentResult {
  data: Record<string, unknown>;
}

/**
 * An incremental authorization (see {@link PaymentProviderV1.incrementAuthorization}):
 * `amount` is the payment's new authorized total, never the difference.
 */
export interface IncrementAuthorizationInput {
  payment_id: string;
  /** The new total to hold, in minor units; greater than what is authorized now. */
  amount: number;
  currency_code: string;
  /** The payment's `data` (what the authorization answered). */
  data: Record<string, unknown>;
  /** `<payment id>:increment`, then `:attempt-<n>`: one key per attempt, the same when sent again. */
  idempotency_key: string;
}

export interface IncrementAuthorizationResult {
  /** The total the provider holds now: the requested amount when it raised the hold. */
  amount: number;
  data: Record<string, unknown>;
  /** Until when the raised authorization may be captured, when the provider says. */
  capture_before?: Date;
}

export interface RefundPaymentInput {
  payment_id: string;
  refund_id: string;
  amount: number;
  currency_code: string;
  reason: string | null;
  note: string | null;
  data: Record<string, unknown>;
  idempotency_key: string;
}

export interface RefundPaymentResult {
  /** A refund the provider accepted but has not settled is `pending`. */
  status: "pending" | "succeeded" | "failed";
  data: Record<string, unknown>;
}

export interface PaymentDataInput {
  data: Record<string, unknown>;
  idempotency_key?: string;
}

export interface ProviderDataResult {
  data: Record<string, unknown>;
}

/**
 * One refund of a payment as the provider's own records have it now (see
 * {@link PaymentProviderV1.listRefunds}).
 */
export interface ProviderRefund {
  /** The provider's id of the refund (Stripe's `re_...`): a refund is never booked twice under it. */
  id: string;
  /** Minor units. */
  amount: number;
  /** `failed` also for a refund that succeeded and was reversed later. */
  status: "pending" | "succeeded" | "failed";
  /** Tender's refund id when Tender made it (carried on the provider's refund); null for one made elsewhere (a dashboard). */
  refund_id: string | null;
}

/**
 * One dispute of a payment as the provider's records have it now (see
 * {@link PaymentProviderV1.listDisputes}, and a `disputed` webhook's `data.dispute`).
 */
export interface ProviderDispute {
  /** The provider's id of the dispute (Stripe's `dp_...`): one record per id. */
  id: string;
  /** Minor units, in the payment's currency. */
  amount: number;
  /** The provider's reason (`fraudulent`, ...), or null. */
  reason: string | null;
  /** Mapped to Tender's statuses (see `DisputeStatus`); `raw_status` keeps the provider's own. */
  status: DisputeStatus;
  raw_status: string;
  /** When the provider wants evidence by, or null. */
  evidence_due_by: Date | null;
}

/** What a provider webhook event means for the core. */
export type WebhookAction =
  | "authorized"
  | "captured"
  | "failed"
  | "pending"
  | "processing"
  | "requires_more"
  | "canceled"
  | "refunded"
  /** A dispute opened or moved (`data.dispute`, or read through `listDisputes`); added in 0.x, a plugin need not send it. */
  | "disputed"
  /** A fraud warning or review the provider attached to the payment (`data.risk`); added in 0.x, a plugin need not send it. */
  | "risk"
  | "not_supported";

export interface WebhookActionAndData {
  action: WebhookAction;
  /** The provider's event id, for the inbox: an event applied once is ignored after. */
  event_id?: string;
  data?: {
    session_id: string;
    amount?: number;
    raw_status?: string;
    next_action?: NextAction;
    error?: SessionError;
    provider_data?: Record<string, unknown>;
    /** For `refunded`: which of Tender's refunds the event settles, and how. */
    refund?: { refund_id: string; status: "pending" | "succeeded" | "failed" };
    /** For `disputed`: the dispute as the provider has it now (used when the provider has no `listDisputes`). */
    dispute?: ProviderDispute;
    /** For `risk`: the signal as the provider has it now (see {@link RiskSignal}). */
    risk?: RiskSignal;
  };
}

export interface WebhookPayload {
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received: parsing and re-serializing breaks signatures. */
  rawBody: string | Uint8Array;
}

export interface AccountHolderInput {
  customer: ProviderCustomer;
  idempotency_key: string;
  account_holder?: Pick<AccountHolder, "external_id" | "data">;
}

export interface AccountHolderResult {
  id: string;
  data: Record<string, unknown>;
}

export interface PaymentMethodRecord {
  id: string;
  data: Record<string, unknown>;
}

export interface ListPaymentMethodsInput {
  account_holder: Pick<AccountHolder, "external_id" | "data">;
}

export interface SavePaymentMethodInput {
  account_holder: Pick<AccountHolder, "external_id" | "data">;
  data: Record<string, unknown>;
  idempotency_key: string;
}

/**
 * A payment provider, version 1 of the interface. A provider is a plain
 * object made by a factory (`manual()`, `stripe({...})`); the core calls it
 * and enforces every invariant, the provider only talks to its service.
 * Providers throw {@link ProviderError}s; they never return errors as values.
 *
 * **Outcomes: definite or unknown.** A call that fails has failed
 * *definitely* (nothing moved: a decline, a validation error, a request
 * refused before it was sent) only when the provider throws a
 * `ProviderError` with `definite: true` (and not `retryable`); the core then
 * marks the capture, refund or authorization failed. Every other throw (a
 * plain `Error`, a timeout, a reset connection, a retryable or unmarked
 * `ProviderError`) is an *unknown* outcome: the money may have moved, so the
 * row stays pending and reconcile sends the same request again with the same
 * `idempotency_key`. A provider must therefore answer a repeated key with
 * what the first call did, and never move money twice for one key.
 *
 * **A key the provider will not take again.** Some services store a failure
 * for a key and replay it (Stripe replays a 5xx for the same key), so the
 * request can never succeed under that key. After such an answer the
 * provider asks its own records whether this request's movement happened
 * (by an id of the record it sent, never inferred from a total): if it did,
 * it answers with it; if nothing moved, it throws a `ProviderError` with
 * `retryUnderNewKey: true`. The core then records the next attempt's key on
 * the row (`<key>:attempt-<n>`) and sends the request again under it.
 *
 * @example
 * ```ts
 * const provider: PaymentProviderV1 = {
 *   specificationVersion: "v1",
 *   id: "gift-card",
 *   capabilities: { ...DEFAULT_CAPABILITIES, partialCapture: true },
 *   async initiatePayment(input) { return { status: "pending", data: {} } },
 *   // ...
 * };
 * ```
 */
export interface PaymentProviderV1<
  TId extends string = string,
  TSessionData extends Record<string, unknown> = Record<string, unknown>,
  TNextAction extends NextAction = NextAction,
> {
  readonly specificationVersion: "v1";
  readonly id: TId;
  readonly capabilities: ProviderCapabilities;
  /**
   * Type-only, never set at run time: the session `data` this provider takes
   * and the next actions it asks for, so typed clients can check them.
   */
  readonly "~types"?: { sessionData: TSessionData; nextAction: TNextAction };

  /** Opens the payment at the provider for a session reserved by the core (key `<session>:initiate`). */
  initiatePayment(input: InitiatePaymentInput): Promise<ProviderPaymentResult>;
  /** Changes an open payment (another amount or payment method; key `<session>:update:<version>`). */
  updatePayment(input: UpdatePaymentInput): Promise<ProviderPaymentResult>;
  /**
   * Authorizes (key `<session>:authorize:<attempt>`); a decline is an answer
   * (`status: "error"`) or a definite ProviderError, never a plain throw.
   */
  authorizePayment(input: AuthorizePaymentInput): Promise<ProviderPaymentResult>;
  /** Captures `amount` (key: the capture id, then `:attempt-<n>`); `final` when it takes the rest of the authorization. */
  capturePayment(input: CapturePaymentInput): Promise<CapturePaymentResult>;
  /** Refunds `amount` (key: the refund id, then `:attempt-<n>`); `pending` when accepted but not settled yet. */
  refundPayment(input: RefundPaymentInput): Promise<RefundPaymentResult>;
  /**
   * Raises an authorized, uncaptured payment's hold to `amount` (the new
   * total). Declared by `capabilities.incrementalAuthorization`; optional. A
   * decline is a definite `ProviderError` (nothing changed: the payment stays
   * authorized for its old amount); any other failure is an unknown outcome,
   * and the core sends the same key again until the provider's answer settles it.
   */
  incrementAuthorization?(
    input: IncrementAuthorizationInput,
  ): Promise<IncrementAuthorizationResult>;
  /** Releases an uncaptured authorization (key `<payment>:cancel`, then `:attempt-<n>`). */
  cancelPayment(input: PaymentDataInput): Promise<ProviderDataResult>;
  deletePayment(input: PaymentDataInput): Promise<ProviderDataResult>;
  retrievePayment(input: PaymentDataInput): Promise<ProviderDataResult>;
  /**
   * Every refund of the payment as the provider's records have it now:
   * Tender's (each naming its `refund_id`) and those made elsewhere, in a
   * dashboard say (`refund_id: null`). Optional; with it, a refund webhook and
   * `reconcilePayment` book refunds made outside Tender and refunds the
   * provider reversed, so the books follow the provider's records whatever
   * order events arrive in. Called with the payment's `data`; it must not
   * change anything at the provider.
   */
  listRefunds?(input: PaymentDataInput): Promise<ProviderRefund[]>;
  /**
   * Every dispute of the payment as the provider's records have it now.
   * Optional; with it, a `disputed` webhook and `reconcilePayment` follow
   * disputes from the provider's records, whatever order events arrive in.
   * Called with the payment's `data`; it must not change anything.
   */
  listDisputes?(input: PaymentDataInput): Promise<ProviderDispute[]>;
  /**
   * The payment's state at the provider now, read from the provider's own
   * record (never from an event's snapshot): a webhook is applied through it,
   * so events delivered late, twice or out of order never move a session
   * backwards or restore a replaced payment method. Called with the
   * session's `data`; it must not change anything at the provider.
   */
  getPaymentStatus(input: PaymentDataInput): Promise<ProviderPaymentResult>;
  /**
   * Verifies a webhook and says what it is about: the session it names
   * (`data.session_id`) and, for a refund, which refund and how it settled.
   * For a session the core then asks {@link getPaymentStatus} for the state
   * to apply, so the event's own snapshot may be stale.
   */
  getWebhookActionAndData(payload: WebhookPayload): Promise<WebhookActionAndData>;

  createAccountHolder?(input: AccountHolderInput): Promise<AccountHolderResult>;
  updateAccountHolder?(input: AccountHolderInput): Promise<AccountHolderResult>;
  /** Detach the holder from this application; never destroy the provider's customer unless asked. */
  deleteAccountHolder?(input: AccountHolderInput & { destroy?: boolean }): Promise<void>;
  listPaymentMethods?(input: ListPaymentMethodsInput): Promise<PaymentMethodRecord[]>;
  savePaymentMethod?(input: SavePaymentMethodInput): Promise<PaymentMethodRecord>;
}

/** Capabilities a provider has when it declares none: the conservative set. */
export const DEFAULT_CAPABILITIES: ProviderCapabilities = {
  partialCapture: false,
  multipleCaptures: false,
  partialRefund: false,
  webhooks: false,
  accountHolders: false,
  savedPaymentMethods: false,
  automaticCapture: false,
};
