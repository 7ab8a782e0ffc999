import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse } from "msw";
import { answerControl, CONTROL_PREFIX } from "./control-routes";
import type { FakeStripe } from "./fake-stripe";
import { STRIPE_API_BASE } from "./stripe-request-handler";

/** A request as it reaches the fake over HTTP, for hooks. */
export interface HttpFakeRequest {
  method: string;
  /** The path, without the query. */
  path: string;
}

export interface ServeOverHttpOptions {
  /** The port to listen on (127.0.0.1); a free one when not given. */
  port?: number;
  /** Called as a request arrives, before the fake applies it. */
  onArrival?(request: HttpFakeRequest): void | Promise<void>;
  /** Called once the fake applied a request, before its answer is sent. */
  onApplied?(request: HttpFakeRequest): void | Promise<void>;
  /**
   * Also answer the control paths under `/_fake/` (see {@link answerControl}),
   * for a fake whose test or demo runs in another process.
   */
  control?: boolean;
}

export interface HttpFakeStripe {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stops listening. */
  close(): Promise<void>;
}

/**
 * Serves a fake Stripe over plain HTTP on 127.0.0.1, so processes other than
 * the test's own (workers that a crash test kills) talk to it with the
 * official SDK configured with `{ host, port, protocol: "http" }`. The fake
 * keeps its state in this process: it outlives the workers, and the test
 * compares the books with it afterwards.
 *
 * @example
 * ```ts
 * const fake = createFakeStripe();
 * const served = await serveOverHttp(fake);
 * const client = new Stripe("sk_test_x", { host: served.host, port: served.port, protocol: "http" });
 * ```
 */
export async function serveOverHttp(
  fake: FakeStripe,
  options: ServeOverHttpOptions = {},
): Promise<HttpFakeStripe> {
  const server: Server = createServer((incoming, outgoing) => {
    void answer(fake, options, incoming, outgoing).catch((error: unknown) => {
      if (!outgoing.headersSent) outgoing.writeHead(500, { "Content-Type": "text/plain" });
      outgoing.end(error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: "127.0.0.1",
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer(
  fake: FakeStripe,
  options: ServeOverHttpOptions,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(Buffer.from(chunk));
  const url = new URL(incoming.url ?? "/", STRIPE_API_BASE);
  const method = (incoming.method ?? "GET").toUpperCase();
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const request = new Request(url, {
    method,
    headers,
    ...(method === "GET" || method === "HEAD" ? {} : { body: Buffer.concat(chunks) }),
  });
  const info = { method, path: url.pathname };
  if (options.control && url.pathname.startsWith(CONTROL_PREFIX)) {
    const text = Buffer.concat(chunks).toString("utf8");
    await send(
      outgoing,
      await answerControl(fake, { ...info, body: text ? JSON.parse(text) : {} }),
    );
    return;
  }
  await options.onArrival?.(info);
  const response = await getResponse(fake.handlers, request);
  await options.onApplied?.(info);
  if (response === undefined) {
    outgoing.writeHead(404, { "Content-Type": "application/json" });
    outgoing.end(
      JSON.stringify({
        error: { type: "invalid_request_error", message: "Unrecognized request URL." },
      }),
    );
    return;
  }
  // A lost answer (msw's network error): the connection drops without one.
  if (response.type === "error") {
    outgoing.destroy();
    return;
  }
  await send(outgoing, response);
}

async function send(outgoing: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    responseHeaders[name] = value;
  });
  outgoing.writeHead(response.status, responseHeaders);
  outgoing.end(body);
}
