import type { HttpHandler } from "msw";
import { setupServer } from "msw/node";

/**
 * Routes the provider SDKs' requests to the fakes' msw handlers, in this
 * process. Requests to this machine (the webhook deliveries to our own
 * endpoints, the tests' calls) and, in Stripe test mode, to Stripe go out
 * untouched; anything else is an error, so a request the fakes do not know
 * never leaves the machine unnoticed.
 */
export function interceptProviderApis(
  handlers: HttpHandler[],
  options: { realStripe: boolean },
): { close(): void } {
  const server = setupServer(...handlers);
  server.listen({
    onUnhandledRequest(request, print) {
      const { hostname } = new URL(request.url);
      if (hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]") return;
      if (options.realStripe && (hostname === "stripe.com" || hostname.endsWith(".stripe.com")))
        return;
      print.error();
    },
  });
  return { close: () => server.close() };
}
