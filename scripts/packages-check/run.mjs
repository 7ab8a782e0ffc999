// Loads every package with import, as an ESM application does.
import * as client from "@tender/client";
import * as core from "@tender/core";
import * as manual from "@tender/provider-manual";
import * as stripe from "@tender/provider-stripe";
import * as stripeTesting from "@tender/provider-stripe/testing";
import * as pglite from "@tender/store-postgres/pglite";
import * as mswNode from "msw/node";
import scenarios from "./scenarios.cjs";

await scenarios.manualFlow({ core, manual });
console.log("esm: manual provider flow");
await scenarios.clientFlow({ client, manual });
console.log("esm: @tender/client flow");
await scenarios.pgliteFlow({ core, manual, pglite });
console.log("esm: PGlite store flow");
await scenarios.stripeFlow({ core, stripe, stripeTesting, mswNode });
console.log("esm: Stripe provider flow against the fake Stripe");
