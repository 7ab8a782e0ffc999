export { type AmountInput, type CheckedAmount, type Money, money } from "./amount-input";
export { type AuthorizeOutcome, NOT_AUTHORIZED, type NotAuthorized } from "./authorize-outcome";
export {
  CollectionHandle,
  type CreateSessionArgs,
  type CreateSessionOptions,
  type SessionHandleFor,
  type SessionsApi,
} from "./collection-handle";
export {
  type CreateCollectionInput,
  createTender,
  type Tender,
  type TenderOptions,
} from "./create-tender";
export { handleWebhookRequest } from "./handle-webhook-request";
export {
  type CaptureOptions,
  type IncrementAuthorizationOptions,
  PaymentHandle,
  type RefundOptions,
} from "./payment-handle";
export type {
  AnyProvider,
  NextActionOf,
  ProviderById,
  ProviderId,
  RegisteredId,
  SessionDataOf,
} from "./provider-types";
export { SessionHandle } from "./session-handle";
export type { SplitTenderOutcome, TenderStep } from "./split-tender";
