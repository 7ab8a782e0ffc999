import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Payment, PaymentSession } from "@tender/core";
import { type CheckoutFakes, createCheckoutFakes } from "../../src/fakes/checkout-fakes";
import {
  type CheckoutServer,
  type CheckoutServerOptions,
  startCheckoutServer,
} from "../../src/start-checkout-server";

/**
 * A checkout server on a fresh PGlite folder, with fakes that outlive it:
 * `restart()` closes the server and starts another on the same port, data
 * and fakes, as a redeploy would.
 */
export interface Shop {
  readonly server: CheckoutServer;
  readonly url: string;
  readonly fakes: CheckoutFakes;
  readonly log: string[];
  restart(): Promise<void>;
  close(): Promise<void>;
  /** A JSON request to the server; resolves with the status and the parsed body. */
  request(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: unknown }>;
  /** A collection's payments, straight from the service. */
  paymentsOf(collectionId: string): Promise<Payment[]>;
  /** A collection's sessions, straight from the service. */
  sessionsOf(collectionId: string): Promise<PaymentSession[]>;
}

export async function openShop(options: CheckoutServerOptions = {}): Promise<Shop> {
  const dataDir = await mkdtemp(join(tmpdir(), "checkout-server-"));
  const fakes = createCheckoutFakes();
  const log: string[] = [];
  const start = (port: number) =>
    startCheckoutServer({
      webhookEveryMs: 250,
      sepaSettlesAfterMs: null,
      ...options,
      port,
      dataDir,
      fakes,
      log: (line) => log.push(line),
    });
  let server = await start(0);
  const shop: Shop = {
    get server() {
      return server;
    },
    get url() {
      return server.url;
    },
    fakes,
    log,
    async restart() {
      const port = Number(new URL(server.url).port);
      await server.close();
      server = await start(port);
    },
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
    async request(path, init = {}) {
      const response = await fetch(`${server.url}${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers: {
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
          ...init.headers,
        },
        ...(init.body === undefined
          ? {}
          : { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }),
      });
      const text = await response.text();
      const body: unknown = text === "" ? null : JSON.parse(text);
      return { status: response.status, body };
    },
    paymentsOf: (collectionId) =>
      server.tender.service.listPayments({ payment_collection_id: collectionId }),
    sessionsOf: (collectionId) =>
      server.tender.service.listPaymentSessions({ payment_collection_id: collectionId }),
  };
  return shop;
}

/** The collection an order page is about, from its address. */
export function collectionIdOf(url: string): string {
  const id = new URL(url).searchParams.get("collection");
  if (id === null) throw new Error(`${url} names no collection`);
  return id;
}

/** The one payment a test expects on a collection. */
export function onlyPayment(payments: readonly Payment[]): Payment {
  const [payment, ...others] = payments;
  if (payment === undefined || others.length > 0) {
    throw new Error(`expected one payment, found ${payments.length}`);
  }
  return payment;
}

/** A Stripe PaymentIntent's or PayPal order's id, kept in the session's or payment's data. */
export function providerIdOf(record: { data: Record<string, unknown> }): string {
  const id = record.data.order_id ?? record.data.id;
  if (typeof id !== "string") throw new Error("the record names no provider object");
  return id;
}

/** The id of the record an API answer carries under `key`: `{ collection: { id } }`. */
export function idIn(body: unknown, key: "collection" | "session" | "payment"): string {
  if (typeof body === "object" && body !== null) {
    const record: unknown = Reflect.get(body, key);
    if (typeof record === "object" && record !== null) {
      const id: unknown = Reflect.get(record, "id");
      if (typeof id === "string") return id;
    }
  }
  throw new Error(`no ${key} id in ${JSON.stringify(body)}`);
}
