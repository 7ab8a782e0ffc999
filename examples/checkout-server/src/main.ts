import { startCheckoutServer } from "./start-checkout-server";

/**
 * `pnpm start`: PORT (default 3000), DATABASE_URL for PostgreSQL (PGlite in
 * .data otherwise), STRIPE_API_KEY (and STRIPE_WEBHOOK_SECRET) for Stripe's
 * test mode instead of the fake.
 */
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number; got ${JSON.stringify(process.env.PORT)}.`);
  }
  const server = await startCheckoutServer({
    port,
    ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    ...(process.env.STRIPE_API_KEY ? { stripeApiKey: process.env.STRIPE_API_KEY } : {}),
    ...(process.env.STRIPE_WEBHOOK_SECRET
      ? { stripeWebhookSecret: process.env.STRIPE_WEBHOOK_SECRET }
      : {}),
  });
  console.log(`Tender checkout: ${server.url}  (admin: ${server.url}/admin)`);
  console.log(
    `Store: ${process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "PGlite in examples/checkout-server/.data"}; Stripe: ${process.env.STRIPE_API_KEY ? "test mode (STRIPE_API_KEY)" : "the fake"}; PayPal: the fake.`,
  );
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error("The checkout server failed to start:", error);
  process.exitCode = 1;
});
