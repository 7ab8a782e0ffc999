import type {
  AccountHolderInput,
  AccountHolderResult,
  ListPaymentMethodsInput,
  PaymentMethodRecord,
  SavePaymentMethodInput,
} from "./account-holders";
import type { AuthorizePaymentInput } from "./authorize-payment-input";
import type { CapturePaymentInput, CapturePaymentResult } from "./capture-payment-input";
import type {
  IncrementAuthorizationInput,
  IncrementAuthorizationResult,
} from "./increment-authorization-input";
import type { InitiatePaymentInput } from "./initiate-payment-input";
import type { NextAction } from "./next-action";
import type { PaymentDataInput, ProviderDataResult } from "./payment-data-input";
import type { ProviderCapabilities } from "./provider-capabilities";
import type { ProviderDispute } from "./provider-dispute";
import type { ProviderPaymentResult } from "./provider-payment-result";
import type { ProviderRefund } from "./provider-refund";
import type { RefundPaymentInput, RefundPaymentResult } from "./refund-payment-input";
import type { UpdatePaymentInput } from "./update-payment-input";
import type { WebhookActionAndData, WebhookPayload } from "./webhook";

/**
 * A payment provider, version 1 of the interface. A provider is a plain
 * object made by a factory (`manual()`, `stripe({...})`, `defineProvider`);
 * the core calls it and enforces every invariant, the provider only talks to
 * its service. Providers throw {@link ProviderError}s; they never return
 * errors as values.
 *
 * **Outcomes: definite or unknown.** A call that fails has failed
 * *definitely* (nothing moved: a decline, a validation error, a request
 * refused before it was sent) only when the provider throws a
 * `ProviderError` with `definite: true` (and not `retryable`); the core then
 * marks the capture, refund or authorization failed. Every other throw (a
 * plain `Error`, a timeout, a reset connection, a retryable or unmarked
 * `ProviderError`), and an answer that breaks this contract (no answer, an
 * unknown status), is an *unknown* outcome: the money may have moved, so the
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
 * **Data.** Session calls (initiate, update, authorize, getPaymentStatus,
 * delete) receive the session's `data`; payment calls (capture, refund,
 * increment, cancel, retrievePayment, listRefunds, listDisputes) receive the
 * payment's, which starts as what the authorization answered. Every call
 * names its `session_id`.
 *
 * @example
 * ```ts
 * const provider = defineProvider({
 *   id: "gift-card",
 *   capabilities: { partialCapture: true },
 *   async initiatePayment(input) { return { status: "pending", data: {} } },
 *   // ...
 * });
 * ```
 */
export interface PaymentProviderV1<
  TId extends string = string,
  TSessionData extends Record<string, unknown> = Record<string, unknown>,
  TNextAction extends NextAction = NextAction,
> {
  /** Always `"v1"`: the core refuses a provider of a version it does not know. */
  readonly specificationVersion: "v1";
  /** The id sessions name (`provider_id`); one provider per id in a service. */
  readonly id: TId;
  /** What it supports; the core refuses the rest before calling it. */
  readonly capabilities: ProviderCapabilities;
  /**
   * Type-only, never set at run time: the session `data` this provider takes
   * and the next actions it asks for, so typed clients can check them.
   */
  readonly "~types"?: { sessionData: TSessionData; nextAction: TNextAction };

  /**
   * Called by `createPaymentSession` after the session is reserved. Opens
   * the payment at the service. Idempotent on the key `<session>:initiate`.
   * A definite refusal (invalid data) removes the reserved session.
   */
  initiatePayment(input: InitiatePaymentInput): Promise<ProviderPaymentResult>;
  /**
   * Called by `updatePaymentSession` (another amount or payment method).
   * Idempotent on `<session>:update:<version>`.
   */
  updatePayment(input: UpdatePaymentInput): Promise<ProviderPaymentResult>;
  /**
   * Called by `authorizePaymentSession`, first and after the customer acted
   * on a `requires_more`. Idempotent on `<session>:authorize:<attempt>`. A
   * decline is an answer (`status: "error"` with `error`) or a definite
   * `ProviderError`, never a plain throw.
   */
  authorizePayment(input: AuthorizePaymentInput): Promise<ProviderPaymentResult>;
  /**
   * Called by `capturePayment`, after the capture row is reserved (and by
   * reconcile with the same key). Idempotent on the capture's key. `final`
   * when it takes the rest of the authorization. A definite refusal marks the
   * capture failed.
   */
  capturePayment(input: CapturePaymentInput): Promise<CapturePaymentResult>;
  /**
   * Called by `refundPayment`, after the refund row is reserved (and by
   * reconcile). Idempotent on the refund's key. `pending` when accepted but
   * not settled yet; a definite refusal marks the refund failed.
   */
  refundPayment(input: RefundPaymentInput): Promise<RefundPaymentResult>;
  /**
   * Called by `incrementAuthorization` (declared by
   * `capabilities.incrementalAuthorization`). Raises the hold to `amount`,
   * the new total. Idempotent on `<payment>:increment`. A decline is a
   * definite `ProviderError`: the payment keeps its old amount.
   */
  incrementAuthorization?(
    input: IncrementAuthorizationInput,
  ): Promise<IncrementAuthorizationResult>;
  /**
   * Called by `cancelPayment`, and when Tender returns a surplus hold.
   * Releases an uncaptured authorization. Idempotent on `<payment>:cancel`.
   */
  cancelPayment(input: PaymentDataInput): Promise<ProviderDataResult>;
  /**
   * Called when a session that never authorized is deleted (its collection
   * too). Closes the payment at the service. Key `<session>:delete`.
   */
  deletePayment(input: PaymentDataInput): Promise<ProviderDataResult>;
  /**
   * Called by `reconcilePayment` to refresh the payment's `data` from the
   * service's record. Optional; must change nothing at the provider.
   */
  retrievePayment?(input: PaymentDataInput): Promise<ProviderDataResult>;
  /**
   * Called on a `refunded` webhook and by `reconcilePayment`: every refund
   * of the payment as the service has it now, Tender's (each naming its
   * `refund_id`) and those made elsewhere (`refund_id: null`). Optional;
   * with it, dashboard refunds and reversed refunds are booked. Must change
   * nothing.
   */
  listRefunds?(input: PaymentDataInput): Promise<ProviderRefund[]>;
  /**
   * Called on a `disputed` webhook and by `reconcilePayment`: every dispute
   * of the payment as the service has it now. Optional; must change nothing.
   */
  listDisputes?(input: PaymentDataInput): Promise<ProviderDispute[]>;
  /**
   * Called for every session webhook: the payment's state at the provider
   * now, read from the service's own record (never from an event's
   * snapshot), so late, repeated and reordered events never move a session
   * backwards. Called with the session's `data`; must change nothing.
   */
  getPaymentStatus(input: PaymentDataInput): Promise<ProviderPaymentResult>;
  /**
   * Called by `handleWebhook`: verify the signature (throw a
   * `webhook_signature_invalid` `ProviderError` otherwise) and say what the
   * event is about: the session it names and, for a refund, which one.
   */
  getWebhookActionAndData(payload: WebhookPayload): Promise<WebhookActionAndData>;

  /** Called by `createAccountHolder` (declared by `capabilities.accountHolders`); idempotent on its key. */
  createAccountHolder?(input: AccountHolderInput): Promise<AccountHolderResult>;
  /** Called by `updateAccountHolder`; idempotent on its key. */
  updateAccountHolder?(input: AccountHolderInput): Promise<AccountHolderResult>;
  /** Called by `deleteAccountHolder`: detach the holder; never destroy the provider's customer unless asked. */
  deleteAccountHolder?(input: AccountHolderInput & { destroy?: boolean }): Promise<void>;
  /** Called by `listPaymentMethods` (declared by `capabilities.savedPaymentMethods`); changes nothing. */
  listPaymentMethods?(input: ListPaymentMethodsInput): Promise<PaymentMethodRecord[]>;
  /** Called by `createPaymentMethods`; idempotent on its key. */
  savePaymentMethod?(input: SavePaymentMethodInput): Promise<PaymentMethodRecord>;
}
