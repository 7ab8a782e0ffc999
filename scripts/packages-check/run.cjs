// Loads every package with require(), as a CommonJS application does.
"use strict";
const { manualFlow, clientFlow, pgliteFlow, stripeFlow } = require("./scenarios.cjs");

async function main() {
  const core = require("@tender/core");
  const manual = require("@tender/provider-manual");
  await manualFlow({ core, manual });
  console.log("cjs: manual provider flow");
  await clientFlow({ client: require("@tender/client"), manual });
  console.log("cjs: @tender/client flow");
  await pgliteFlow({ core, manual, pglite: require("@tender/store-postgres/pglite") });
  console.log("cjs: PGlite store flow");
  await stripeFlow({
    core,
    stripe: require("@tender/provider-stripe"),
    stripeTesting: require("@tender/provider-stripe/testing"),
    mswNode: require("msw/node"),
  });
  console.log("cjs: Stripe provider flow against the fake Stripe");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
