/**
 * `@tender/provider-paypal`: Tender's PayPal provider, on Orders v2 and the
 * official `@paypal/paypal-server-sdk`. The fake PayPal for tests is
 * `@tender/provider-paypal/testing`.
 *
 * @packageDocumentation
 */

export {
  capturedOf,
  mapAuthorizationStatus,
  mapCaptureStatus,
  mapPayPalOrder,
  type PayPalNextAction,
  toProviderResult,
} from "./map-paypal-status";
export { HONOR_PERIOD_MS } from "./paypal-captures";
export type { PayPalApi } from "./paypal-client";
export {
  fromPayPalMoney,
  PAYPAL_CURRENCIES,
  PAYPAL_ZERO_DECIMAL,
  type PayPalCurrency,
  type PayPalMoney,
  paypalCurrencyOf,
  toPayPalMoney,
} from "./paypal-currency";
export type {
  PayPalCaptureRecord,
  PayPalPaymentData,
  PayPalRefundRecord,
  PayPalSessionData,
} from "./paypal-data";
export { toProviderDispute } from "./paypal-disputes";
export { toProviderError } from "./paypal-error";
export {
  type PayPalAuthorizationView,
  type PayPalCaptureView,
  type PayPalOrderView,
  type PayPalRefundView,
  viewAuthorization,
  viewCapture,
  viewOrder,
  viewRefund,
} from "./paypal-objects";
export { type PayPalProvider, paypal } from "./paypal-provider";
export { planRefund, type RefundPart } from "./paypal-refunds";
export {
  PAYPAL_API_BASES,
  type PayPalEnvironment,
  type PayPalProviderSettings,
} from "./paypal-settings";
export {
  PAYPAL_AUTHORIZATION_STATUSES,
  PAYPAL_CAPTURE_STATUSES,
  PAYPAL_ORDER_STATUSES,
  PAYPAL_REFUND_STATUSES,
  type PayPalAuthorizationStatus,
  type PayPalCaptureStatus,
  type PayPalOrderStatus,
  type PayPalRefundStatus,
} from "./paypal-statuses";
export { PAYPAL_WEBHOOK_EVENTS, type PayPalWebhookEventType } from "./paypal-webhook";
