export { assertAmount, isMinorUnitAmount } from "./assert-amount";
export type { CurrencyInfo } from "./currencies";
export { CURRENCIES, getCurrency, isCurrencyCode, normalizeCurrencyCode } from "./currencies";
export { formatAmount } from "./format-amount";
export { money } from "./money";
export { parseAmount, toDecimalString } from "./parse-amount";
