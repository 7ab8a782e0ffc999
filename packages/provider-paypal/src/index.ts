/**
 * `@tender/provider-paypal`: Tender's PayPal provider.
 *
 * @packageDocumentation
 */
export {};
