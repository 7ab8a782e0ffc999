import { readFileSync } from "node:fs";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { STRIPE_WEBHOOK_EVENTS } from "./stripe-webhook";

const doc = readFileSync(new URL("../../../docs/providers/stripe.md", import.meta.url), "utf8");

describe("docs/providers/stripe.md", () => {
  it("names the API version the SDK speaks, for the webhook endpoint", () => {
    expect(doc).toContain(`API version\n\`${Stripe.API_VERSION}\``);
  });

  it("says what every event the provider acts on does to the books", () => {
    const table = doc.slice(doc.indexOf("| Stripe event | What it does to the books |"));
    const acted = Object.entries(STRIPE_WEBHOOK_EVENTS)
      .filter(([, action]) => action !== "not_supported")
      .map(([type]) => type);
    for (const type of acted) expect(table, type).toContain(`\`${type}\``);
  });
});
