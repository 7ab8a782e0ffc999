import type { NextAction, PaymentProviderV1 } from "@tender/core";

/** Any provider, whatever its id and data types. */
// biome-ignore lint/suspicious/noExplicitAny: a provider's data types vary; `any` here only widens the constraint.
export type AnyProvider = PaymentProviderV1<string, any, any>;

/** The ids of the registered providers, as string literals. */
export type ProviderId<TProviders extends readonly AnyProvider[]> = TProviders[number]["id"];

/**
 * The provider registered as `TId`; a provider typed with a plain `string` id matches any id.
 *
 * @example
 * ```ts
 * type Registered = [ManualProvider<"manual">, StripeProvider];
 * type Stripe = ProviderById<Registered, "stripe">; // StripeProvider
 * ```
 */
export type ProviderById<TProviders extends readonly AnyProvider[], TId extends string> = [
  Extract<TProviders[number], { readonly id: TId }>,
] extends [never]
  ? PaymentProviderV1
  : Extract<TProviders[number], { readonly id: TId }>;

/** The session `data` the provider registered as `TId` takes. */
export type SessionDataOf<
  TProviders extends readonly AnyProvider[],
  TId extends string,
> = NonNullable<ProviderById<TProviders, TId>["~types"]>["sessionData"];

/** The next actions the provider registered as `TId` asks for. */
export type NextActionOf<
  TProviders extends readonly AnyProvider[],
  TId extends string,
> = NonNullable<ProviderById<TProviders, TId>["~types"]>["nextAction"] extends infer TAction extends
  NextAction
  ? TAction
  : NextAction;

/**
 * `TId` when it is registered; otherwise a sentence, so the compiler's error
 * says what to do.
 */
export type RegisteredId<TProviders extends readonly AnyProvider[], TId extends string> =
  TId extends ProviderId<TProviders>
    ? TId
    : `Provider "${TId}" is not registered: add it to createTender({ providers }) or use one of: ${ProviderId<TProviders>}`;
