import type { Client } from "@paypal/paypal-server-sdk";
import { TenderError } from "@tender/core";

/** PayPal's two environments, each with its own credentials and API host. */
export type PayPalEnvironment = "sandbox" | "production";

/** The API host of each environment (where the SDK and webhook verification go). */
export const PAYPAL_API_BASES: Readonly<Record<PayPalEnvironment, string>> = {
  sandbox: "https://api-m.sandbox.paypal.com",
  production: "https://api-m.paypal.com",
};

/**
 * Settings of {@link paypal}. Credentials not given are read from the
 * environment at first use (never at import): `PAYPAL_CLIENT_ID`,
 * `PAYPAL_CLIENT_SECRET`, `PAYPAL_ENVIRONMENT` (`sandbox` or `production`)
 * and, for webhooks, `PAYPAL_WEBHOOK_ID`.
 *
 * @example
 * ```ts
 * const settings: PayPalProviderSettings = {
 *   environment: "sandbox",
 *   returnUrl: "https://shop.example/paypal/return",
 *   cancelUrl: "https://shop.example/paypal/cancel",
 * };
 * ```
 */
export interface PayPalProviderSettings<TId extends string = "paypal"> {
  /** The id the provider registers under; `"paypal"` unless given. */
  id?: TId;
  /** The REST app's client id; `PAYPAL_CLIENT_ID` when not given. */
  clientId?: string;
  /** The REST app's secret; `PAYPAL_CLIENT_SECRET` when not given. Never printed. */
  clientSecret?: string;
  /** `sandbox` or `production`; `PAYPAL_ENVIRONMENT` when not given. */
  environment?: PayPalEnvironment;
  /** The id of the webhook PayPal signs events for; `PAYPAL_WEBHOOK_ID` when not given. */
  webhookId?: string;
  /** Where PayPal sends the buyer after approving (a session's `data.return_url` or context's `return_url` wins). */
  returnUrl?: string;
  /** Where PayPal sends the buyer who cancels at PayPal (a session's `data.cancel_url` wins). */
  cancelUrl?: string;
  /**
   * `"manual"` (the default): an AUTHORIZE order, captured later in one or
   * several parts. `"automatic"`: a CAPTURE order, captured when the session
   * is authorized.
   */
  capture?: "manual" | "automatic";
  /**
   * A ready SDK client (its own credentials, environment, timeouts, agents
   * and proxy): the transport seam, since the SDK takes no `fetch`. Set
   * `environment` beside it for webhook verification.
   */
  client?: Client;
  /** The fetch used for `verify-webhook-signature`, which the SDK does not wrap. */
  fetch?: typeof fetch;
  /** Milliseconds before a request gives up (the SDK waits for ever by default). */
  timeoutMs?: number;
  /**
   * Reauthorize an authorization nothing was captured from once its 3-day
   * honor period has passed, before capturing it (default true).
   */
  reauthorize?: boolean;
  /** The clock for the honor period; `Date.now` unless given. */
  now?: () => Date;
}

/** Client credentials and environment, resolved from the settings or the environment. */
export interface PayPalCredentials {
  clientId: string;
  clientSecret: string;
  environment: PayPalEnvironment;
}

/** A setting, or its environment variable, or a `configuration` error naming both. */
function required(value: string | undefined, setting: string, variable: string): string {
  const found = value ?? process.env[variable];
  if (found === undefined || found === "") {
    throw new TenderError({
      code: "configuration",
      message: `The PayPal provider has no ${setting}: pass paypal({ ${setting} }) or set the ${variable} environment variable.`,
    });
  }
  return found;
}

/** The environment of the settings or `PAYPAL_ENVIRONMENT`, checked. */
export function resolveEnvironment(settings: PayPalProviderSettings<string>): PayPalEnvironment {
  const value = required(settings.environment, "environment", "PAYPAL_ENVIRONMENT").toLowerCase();
  if (value === "sandbox" || value === "production") return value;
  throw new TenderError({
    code: "configuration",
    message: `The PayPal environment must be "sandbox" or "production" (paypal({ environment }) or PAYPAL_ENVIRONMENT); got "${value}".`,
  });
}

/** The client credentials, read when first needed. */
export function resolveCredentials(settings: PayPalProviderSettings<string>): PayPalCredentials {
  return {
    clientId: required(settings.clientId, "clientId", "PAYPAL_CLIENT_ID"),
    clientSecret: required(settings.clientSecret, "clientSecret", "PAYPAL_CLIENT_SECRET"),
    environment: resolveEnvironment(settings),
  };
}

/** The webhook id PayPal signs events for, read when the first webhook arrives. */
export function resolveWebhookId(settings: PayPalProviderSettings<string>): string {
  return required(settings.webhookId, "webhookId", "PAYPAL_WEBHOOK_ID");
}
