import { TenderError } from "@tender/core";
import Stripe from "stripe";

export interface StripeClientSettings {
  apiKey?: string;
  client?: Stripe;
  fetch?: typeof fetch;
  maxNetworkRetries?: number;
  timeoutMs?: number;
  apiBase?: string;
}

/**
 * Makes the Stripe client on first use, so a provider can be constructed
 * (and registered) before its key is loaded. A missing key is an error naming
 * both the setting and the environment variable; the key never appears in it.
 */
export function lazyStripeClient(settings: StripeClientSettings): () => Stripe {
  let client: Stripe | undefined = settings.client;
  return () => {
    if (client) return client;
    const apiKey = settings.apiKey ?? process.env.STRIPE_API_KEY;
    if (!apiKey) {
      throw new TenderError({
        code: "configuration",
        message:
          "The Stripe provider has no API key: pass stripe({ apiKey }) or set the STRIPE_API_KEY environment variable.",
      });
    }
    client = new Stripe(apiKey, {
      ...apiHost(settings.apiBase),
      maxNetworkRetries: settings.maxNetworkRetries ?? 2,
      ...(settings.timeoutMs !== undefined ? { timeout: settings.timeoutMs } : {}),
      httpClient: Stripe.createFetchHttpClient(settings.fetch),
      appInfo: { name: "tender" },
    });
    return client;
  };
}

/** The webhook signing secrets (several while one is rotated), or a configuration error. */
export function webhookSecrets(secret: string | readonly string[] | undefined): string[] {
  const configured = secret ?? process.env.STRIPE_WEBHOOK_SECRET;
  const secrets = (typeof configured === "string" ? [configured] : [...(configured ?? [])]).filter(
    (value) => value.length > 0,
  );
  if (secrets.length === 0) {
    throw new TenderError({
      code: "configuration",
      message:
        "The Stripe provider has no webhook secret: pass stripe({ webhookSecret }) or set the STRIPE_WEBHOOK_SECRET environment variable (the whsec_... value of your endpoint).",
    });
  }
  return secrets;
}

/** `host`, `port` and `protocol` for the SDK from a base URL (`http://127.0.0.1:12111`). */
function apiHost(apiBase: string | undefined): {
  host?: string;
  port?: number;
  protocol?: "http" | "https";
} {
  if (apiBase === undefined) return {};
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new TenderError({
      code: "configuration",
      message: `stripe({ apiBase }) must be a URL such as "http://127.0.0.1:12111"; got "${apiBase}".`,
    });
  }
  const protocol = url.protocol === "http:" ? "http" : "https";
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : protocol === "http" ? 80 : 443,
    protocol,
  };
}
