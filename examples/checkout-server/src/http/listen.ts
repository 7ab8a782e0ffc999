import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";

/**
 * Serves a fetch handler on Node's http server. The globals (Request,
 * Response) stay Node's own: msw and the provider SDKs in this process use them.
 */
export async function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  options: { port: number; hostname: string },
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createAdaptorServer({ fetch, overrideGlobalObjects: false });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  const address: AddressInfo | string | null = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return {
    url: `http://${options.hostname}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive connections would hold the close for seconds.
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
