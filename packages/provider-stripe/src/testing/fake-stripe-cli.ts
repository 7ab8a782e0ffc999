#!/usr/bin/env node
/**
 * Runs a fake Stripe in its own process, over plain HTTP on 127.0.0.1, with
 * the control paths under `/_fake/` (see `answerControl`):
 *
 *   tender-fake-stripe [--port 12111] [--webhook-secret whsec_...]
 *
 * Point the Stripe provider at it with `stripe({ apiKey: "sk_test_...",
 * apiBase: "http://127.0.0.1:<port>" })`. It prints one line,
 * `fake Stripe listening on http://127.0.0.1:<port>`, and stops on SIGINT or SIGTERM.
 */
import { parseArgs } from "node:util";
import { createFakeStripe } from "./fake-stripe";
import { serveOverHttp } from "./serve-over-http";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    "webhook-secret": { type: "string" },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (0 for any free one), not ${values.port}.`);
  process.exit(2);
}
const secret = values["webhook-secret"];
const fake = createFakeStripe(secret ? { webhookSecret: secret } : {});
// No top-level await: the package also ships a CommonJS build.
void serveOverHttp(fake, { port, control: true }).then(
  (served) => {
    console.log(`fake Stripe listening on ${served.url}`);
    const stop = () => void served.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  },
  (error: unknown) => {
    console.error(`The fake Stripe could not listen on port ${port}: ${String(error)}`);
    process.exit(1);
  },
);
