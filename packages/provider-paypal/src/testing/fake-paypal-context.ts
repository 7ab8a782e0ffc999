import type { PayPalEvent, PayPalLink } from "./fake-objects";
import type { FakePayPalState } from "./fake-paypal-state";

/** Where the official SDK sends requests, per environment. */
export const API_BASES = {
  sandbox: "https://api-m.sandbox.paypal.com",
  production: "https://api-m.paypal.com",
} as const;

/** Where buyers approve orders, per environment. */
export const WEB_BASES = {
  sandbox: "https://www.sandbox.paypal.com",
  production: "https://www.paypal.com",
} as const;

/** The merchant every order pays. */
export const FAKE_PAYEE = { email_address: "merchant@example.com", merchant_id: "FAKEMERCHANT01" };

/** What operations need: the state, the clock, ids, URLs and the event log. */
export interface FakePayPalContext {
  readonly state: FakePayPalState;
  readonly apiBase: string;
  readonly webBase: string;
  readonly webhookId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Bearer tokens issued; kept across `reset()` so clients need not log in again. */
  readonly tokens: Set<string>;
  /** Milliseconds. */
  now(): number;
  /** The clock as PayPal writes times (`2030-01-01T00:00:00Z`). */
  isoNow(offsetMs?: number): string;
  /** A fresh 17-character id such as `5O190127TN364715T`. */
  newId(): string;
  /** A fresh `debug_id`. */
  debugId(): string;
  link(path: string, rel: string, method?: PayPalLink["method"]): PayPalLink;
  /** Appends an event whose resource is a snapshot of `resource` as it is now. */
  emit(eventType: string, resourceType: string, summary: string, resource: object): void;
}

const ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXY";

/** PayPal's time format: ISO 8601 without milliseconds. */
export function paypalTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Builds the context over a state getter, so that `reset()` can swap the state. */
export function createFakePayPalContext(
  getState: () => FakePayPalState,
  settings: {
    now: () => number;
    apiBase: string;
    webBase: string;
    webhookId: string;
    clientId: string;
    clientSecret: string;
  },
): FakePayPalContext {
  const newId = (): string => {
    const serial = getState().nextId++;
    let prefix = "";
    for (let index = 0; index < 11; index++)
      prefix += ALPHABET[(serial * 13 + index * 7 + index * index) % ALPHABET.length];
    return `${prefix}${String(serial).padStart(6, "0")}`;
  };
  let debugSerial = 0;
  const context: FakePayPalContext = {
    get state() {
      return getState();
    },
    apiBase: settings.apiBase,
    webBase: settings.webBase,
    webhookId: settings.webhookId,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    tokens: new Set(),
    now: settings.now,
    isoNow: (offsetMs = 0) => paypalTime(settings.now() + offsetMs),
    newId,
    debugId: () => `f${(++debugSerial).toString(16).padStart(12, "0")}`,
    link: (path, rel, method = "GET") => ({ href: `${settings.apiBase}${path}`, rel, method }),
    emit(eventType, resourceType, summary, resource) {
      const id = `WH-${newId()}-${newId()}`;
      const event: PayPalEvent = {
        id,
        event_version: "1.0",
        create_time: context.isoNow(),
        resource_type: resourceType,
        resource_version: "2.0",
        event_type: eventType,
        summary,
        resource: structuredClone(resource),
        links: [
          context.link(`/v1/notifications/webhooks-events/${id}`, "self"),
          context.link(`/v1/notifications/webhooks-events/${id}/resend`, "resend", "POST"),
        ],
      };
      getState().events.push(event);
    },
  };
  return context;
}
