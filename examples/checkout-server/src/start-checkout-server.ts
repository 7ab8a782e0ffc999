import { createTender } from "@tender/client";
import { createCheckoutApp } from "./checkout-app";
import {
  type CheckoutProviderId,
  type CheckoutTender,
  checkoutProviders,
} from "./checkout-providers";
import { CollectionEvents } from "./collection-events";
import { ensureRefundReasons } from "./ensure-refund-reasons";
import {
  type CheckoutFakes,
  createCheckoutFakes,
  FAKE_PAYPAL_SETTINGS,
  FAKE_STRIPE_SETTINGS,
} from "./fakes/checkout-fakes";
import { createFakeBank } from "./fakes/fake-bank";
import { interceptProviderApis } from "./fakes/intercept-provider-apis";
import { listen } from "./http/listen";
import { openStore } from "./open-store";
import { startSweeps } from "./start-sweeps";
import { createWebhookPump, type WebhookSource } from "./webhook-pump";

export interface CheckoutServerOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  hostname?: string;
  /** PGlite's folder (default examples/checkout-server/.data); ignored with `databaseUrl`. */
  dataDir?: string;
  /** PostgreSQL instead of PGlite: `postgres://user@host:5432/db`. */
  databaseUrl?: string;
  /** The PostgreSQL schema of Tender's tables (default `tender`). */
  databaseSchema?: string;
  /** A Stripe test-mode key (`sk_test_...`): real Stripe instead of the fake. */
  stripeApiKey?: string;
  /** The webhook endpoint's signing secret in Stripe test mode (`stripe listen` prints one). */
  stripeWebhookSecret?: string;
  /** The fake Stripe and PayPal; pass the same ones to a restarted server. Made when not given. */
  fakes?: CheckoutFakes;
  /** How often the fakes' webhook events are sent to the server (default 1000 ms); null: only on `POST /fake/deliver`. */
  webhookEveryMs?: number | null;
  /** When the fake bank settles a SEPA debit (default 3000 ms); null: only on `POST /fake/stripe/payment_intents/:id/settle`. */
  sepaSettlesAfterMs?: number | null;
  /** Where the server says what it does (default console.log). */
  log?: (line: string) => void;
}

export interface CheckoutServer {
  /** `http://127.0.0.1:3000`. */
  url: string;
  tender: CheckoutTender;
  fakes: CheckoutFakes;
  /** Sends the fakes' pending webhook events to the server now. */
  deliverWebhooks(): Promise<void>;
  /** Stops taking requests and closes the store; the data stays in its folder or database. */
  close(): Promise<void>;
}

/**
 * Starts the checkout server: the storefront and admin pages and APIs, the
 * webhook endpoints, the event streams, Tender's relay and sweeps, and the
 * fakes' webhook deliveries.
 *
 * @example
 * ```ts
 * const server = await startCheckoutServer({ port: 0, dataDir: "/tmp/shop" });
 * console.log(`open ${server.url}`);
 * await server.close();
 * ```
 */
export async function startCheckoutServer(
  options: CheckoutServerOptions = {},
): Promise<CheckoutServer> {
  const log = options.log ?? console.log;
  const realStripe = options.stripeApiKey !== undefined && options.stripeApiKey !== "";
  const fakes = options.fakes ?? createCheckoutFakes();
  const cleanups: Array<() => unknown> = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    // Before any provider is made: the SDKs keep the fetch they find when they are built.
    const interception = interceptProviderApis(
      [...(realStripe ? [] : fakes.stripe.handlers), ...fakes.paypal.handlers],
      { realStripe },
    );
    cleanups.push(() => interception.close());
    const store = openStore(options);
    cleanups.push(() => store.close());
    const events = new CollectionEvents();
    const tender = createTender({
      providers: checkoutProviders({
        stripe: realStripe
          ? { apiKey: options.stripeApiKey ?? "", webhookSecret: options.stripeWebhookSecret }
          : FAKE_STRIPE_SETTINGS,
        paypal: FAKE_PAYPAL_SETTINGS,
      }),
      store,
      // Every event, after its commit, from the outbox: at once, and again by the relay if that failed.
      onEvent: (event) => events.publish(event),
    });
    cleanups.push(() => tender.service.close());
    await ensureRefundReasons(tender.service);

    const stripeSource: WebhookSource = {
      path: "/webhooks/stripe",
      deliver: (target) => fakes.stripe.deliver(target),
    };
    const payPalSource: WebhookSource = {
      path: "/webhooks/paypal",
      deliver: (target) => fakes.paypal.deliver(target),
    };
    const sources = realStripe ? [payPalSource] : [stripeSource, payPalSource];
    const pump = createWebhookPump({
      sources,
      // null is a choice (deliver only when asked), not a missing option.
      everyMs: options.webhookEveryMs === undefined ? 1000 : options.webhookEveryMs,
      log,
    });
    cleanups.push(() => pump.stop());
    const bank = realStripe
      ? null
      : createFakeBank(fakes.stripe, {
          settleAfterMs:
            options.sepaSettlesAfterMs === undefined ? 3000 : options.sepaSettlesAfterMs,
          log,
        });
    cleanups.push(() => bank?.stop());
    const sweeps = startSweeps(tender.service, { everyMs: 60_000, log });
    cleanups.push(() => sweeps.stop());

    const closing = new AbortController();
    const offered: CheckoutProviderId[] = realStripe
      ? ["manual", "stripe", "paypal"]
      : ["manual", "stripe", "stripe-sepa", "paypal"];
    const app = await createCheckoutApp({
      tender,
      events,
      offered,
      fakeStripe: realStripe ? null : fakes.stripe,
      fakePayPal: fakes.paypal,
      bank,
      deliverWebhooks: () => pump.deliverNow(),
      closing: closing.signal,
      log,
    });
    const http = await listen(app.fetch, {
      port: options.port ?? 3000,
      hostname: options.hostname ?? "127.0.0.1",
    });
    cleanups.push(async () => {
      closing.abort(); // event streams end, so the server can close
      await http.close();
    });
    const { url } = http;
    pump.start(url);
    return {
      url,
      tender,
      fakes,
      deliverWebhooks: () => pump.deliverNow(),
      close: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
