export {
  mapStripeStatus,
  STRIPE_INTENT_STATUSES,
  type StripeIntentData,
  type StripeIntentStatus,
  type StripeIntentView,
  toProviderResult,
  viewIntent,
} from "./map-stripe-status";
export { fromStripeAmount, STRIPE_MINIMUM_CHARGE, toStripeAmount } from "./stripe-currency";
export { redactSecrets, toProviderError } from "./stripe-error";
export {
  type StripeNextAction,
  type StripePaymentMethodType,
  type StripeProvider,
  type StripeProviderSettings,
  type StripeSessionData,
  stripe,
} from "./stripe-provider";
export {
  mapStripeEvent,
  STRIPE_WEBHOOK_EVENTS,
  type StripeEventMeaning,
} from "./stripe-webhook";
