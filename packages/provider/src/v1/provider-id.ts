/**
 * The id a provider factory registers under: the one its settings give, or
 * the factory's default. Declare that default as the factory's type
 * parameter default too, so a typed client knows the literal id either way
 * (`giftCard()` is `"gift-card"`, `giftCard({ id: "store-credit" })` is
 * `"store-credit"`).
 *
 * @example
 * ```ts
 * export function giftCard<const TId extends string = "gift-card">(settings: { id?: TId } = {}) {
 *   return defineProvider<GiftCardData>()({ id: providerId(settings.id, "gift-card"), ... });
 * }
 * ```
 */
export function providerId<TId extends string>(given: TId | undefined, fallback: string): TId {
  if (given !== undefined) return given;
  // Without an id the factory's type parameter takes its default, which is this fallback.
  return fallback as TId;
}
