import { pgliteStore } from "@tender/store-postgres/pglite";
import { describe, expect, it } from "vitest";
import { runPayPalQuickstart } from "./run-paypal-quickstart";
import { runQuickstart } from "./run-quickstart";
import { runStripeQuickstart } from "./run-stripe-quickstart";

describe("the quickstart", () => {
  it("runs the whole flow and prints each step's statuses and formatted amounts", async () => {
    const lines: string[] = [];
    await runQuickstart({ print: (line) => lines.push(line) });
    const output = lines.join("\n");
    expect(output).toMatch(/payment\s+partially_captured\s+\$50\.00, captured \$30\.00/);
    expect(output).toMatch(/payment\s+captured\s+\$50\.00, captured \$50\.00, refunded \$0\.00/);
    expect(output).toMatch(
      /payment\s+partially_refunded\s+\$50\.00, captured \$50\.00, refunded \$15\.00/,
    );
    expect(output).toMatch(/collection partially_refunded\s+owed \$50\.00/);
    expect(output).toContain("authorize answered requires_more; session is requires_more");
    expect(output).toMatch(/authorized again: payment\s+authorized\s+\$25\.00/);
  });

  it("runs the Stripe flow against the fake: success, decline, and a 3DS round trip", async () => {
    const lines: string[] = [];
    await runStripeQuickstart((line) => lines.push(line));
    const output = lines.join("\n");
    expect(output).toMatch(/payment\s+partially_refunded, captured \$50\.00, refunded \$15\.00/);
    expect(output).toContain("decline code insufficient_funds");
    expect(output).toMatch(/payment_requires_more; send the customer to https:\/\//);
    expect(output).toContain("authorized again: payment authorized, $50.00");
  });

  it("runs the PayPal flow against the fake: approval, two captures, a refund across both, a decline", async () => {
    const lines: string[] = [];
    await runPayPalQuickstart((line) => lines.push(line));
    const output = lines.join("\n");
    expect(output).toMatch(
      /payment_requires_more; send the buyer to https:\/\/www\.sandbox\.paypal\.com\//,
    );
    expect(output).toMatch(/payment\s+partially_refunded, captured €80\.00, refunded €60\.00/);
    // The books equal PayPal's own ledger for the order.
    expect(output).toMatch(/PayPal\s+captured €80\.00, refunded €60\.00/);
    expect(output).toContain("payment_authorization_failed; session error");
  });

  it("runs the same flow on the embedded PostgreSQL store (--store pglite)", async () => {
    const store = pgliteStore();
    const lines: string[] = [];
    try {
      await runQuickstart({ store, print: (line) => lines.push(line) });
    } finally {
      await store.close();
    }
    const output = lines.join("\n");
    expect(output).toContain("(pglite store)");
    expect(output).toMatch(
      /collection partially_refunded\s+owed \$50\.00, authorized \$50\.00, captured \$50\.00, refunded \$15\.00/,
    );
  });
});
