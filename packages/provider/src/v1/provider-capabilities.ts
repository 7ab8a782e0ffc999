/**
 * What a provider can do. The core refuses what a provider does not declare
 * with `capability_not_supported`, before calling it.
 *
 * @example
 * ```ts
 * const capabilities: ProviderCapabilities = { ...DEFAULT_CAPABILITIES, partialCapture: true };
 * ```
 */
export interface ProviderCapabilities {
  /** A capture may take less than the authorization. */
  partialCapture: boolean;
  /** Several captures per authorization; without it the first capture is final and releases the rest. */
  multipleCaptures: boolean;
  /** A refund may give back less than was captured. */
  partialRefund: boolean;
  /** The provider reports changes by webhook (`getWebhookActionAndData`). */
  webhooks: boolean;
  /** The provider keeps customers (`createAccountHolder` and friends). */
  accountHolders: boolean;
  /** The provider saves payment methods for a customer (`listPaymentMethods`, `savePaymentMethod`). */
  savedPaymentMethods: boolean;
  /** The provider captures as it authorizes (its authorize answers `captured`). */
  automaticCapture: boolean;
  /**
   * The provider can raise an authorized payment's amount before any capture
   * (hotels, tips, order edits): it has `incrementAuthorization`. Optional: a
   * provider that does not declare it has not.
   */
  incrementalAuthorization?: boolean;
  /**
   * The provider talks to no remote service: its calls are bookkeeping in
   * this process, with no effect outside it, and safe to repeat. The core then
   * calls it inside the transaction (one commit per step) instead of
   * reserving, calling and finalizing (two). The manual provider is local.
   * Never declare it for a provider that moves money over a network.
   */
  local?: boolean;
}

/**
 * Capabilities a provider has when it declares none: the conservative set.
 * Spread it and turn on what you support.
 *
 * @example
 * ```ts
 * capabilities: { ...DEFAULT_CAPABILITIES, partialCapture: true, multipleCaptures: true },
 * ```
 */
export const DEFAULT_CAPABILITIES: ProviderCapabilities = {
  partialCapture: false,
  multipleCaptures: false,
  partialRefund: false,
  webhooks: false,
  accountHolders: false,
  savedPaymentMethods: false,
  automaticCapture: false,
};
