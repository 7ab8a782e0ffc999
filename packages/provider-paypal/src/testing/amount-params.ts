import { isSupportedCurrency, toMinor } from "./money";
import { invalidRequest, unprocessable } from "./paypal-errors";

/** An amount from a request, checked: currency and minor units. */
export interface ParsedAmount {
  currency: string;
  minor: number;
}

/**
 * Reads a `Money` parameter as PayPal validates it: 400 for a missing or
 * malformed one, 422 CURRENCY_NOT_SUPPORTED outside PayPal's list, 422
 * DECIMAL_PRECISION for more decimals than the currency has (any for JPY,
 * HUF, TWD), 422 AMOUNT_MUST_BE_POSITIVE for zero (when `positive`).
 */
export function parseAmount(value: unknown, field: string, positive = true): ParsedAmount {
  if (typeof value !== "object" || value === null)
    throw invalidRequest(
      "MISSING_REQUIRED_PARAMETER",
      "A required field / parameter is missing.",
      field,
    );
  const { currency_code: currency, value: text } = value as Record<string, unknown>;
  if (typeof currency !== "string" || !/^[A-Z]{3}$/.test(currency))
    throw invalidRequest(
      "INVALID_PARAMETER_VALUE",
      "The value of a field is invalid.",
      `${field}/currency_code`,
    );
  if (typeof text !== "string" || !/^\d+(\.\d+)?$/.test(text))
    throw invalidRequest(
      "INVALID_PARAMETER_SYNTAX",
      "The value of a field does not conform to the expected format.",
      `${field}/value`,
    );
  if (!isSupportedCurrency(currency))
    throw unprocessable(
      "CURRENCY_NOT_SUPPORTED",
      `Currency code ${currency} is not currently supported.`,
    );
  const minor = toMinor(text, currency);
  if (minor === undefined)
    throw unprocessable(
      "DECIMAL_PRECISION",
      `The value of ${field}/value has more decimal places than ${currency} allows.`,
    );
  if (positive && minor <= 0)
    throw unprocessable(
      "AMOUNT_MUST_BE_POSITIVE",
      `The value of ${field}/value must be greater than zero.`,
    );
  return { currency, minor };
}

/** An optional string parameter, or `undefined`. */
export function optionalString(value: unknown, field: string, maxLength = 127): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.length > maxLength)
    throw invalidRequest("INVALID_PARAMETER_VALUE", "The value of a field is invalid.", field);
  return value;
}
