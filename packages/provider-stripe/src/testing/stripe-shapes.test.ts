import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GENERATED_PATH, renderStripeShapes } from "../../scripts/generate-stripe-shapes";
import { missingStripeFields } from "./stripe-shape-check";
import { STRIPE_EVENT_OBJECTS, STRIPE_SHAPES } from "./stripe-shapes.generated";

describe("stripe-shapes.generated.ts", () => {
  it("is what the generator writes from the installed stripe SDK's declaration files", () => {
    // Out of date: run `npx --yes pnpm@10.34.9 --filter @tender/provider-stripe generate:shapes`.
    expect(readFileSync(GENERATED_PATH, "utf8")).toBe(renderStripeShapes());
  });

  it("lists required fields with null allowed, leaves optional ones out, and nests object types", () => {
    const charge = STRIPE_SHAPES.Charge;
    expect(charge?.required).toEqual(expect.arrayContaining(["outcome", "review", "disputed"]));
    expect(charge?.required).not.toContain("refunds");
    expect(charge?.nested).toMatchObject({
      outcome: "Charge.Outcome",
      payment_method_details: "Charge.PaymentMethodDetails",
    });
    // An expandable `string | Customer` is not looked into.
    expect(charge?.nested).not.toHaveProperty("customer");
    expect(STRIPE_SHAPES["Charge.PaymentMethodDetails.Card"]?.required).toEqual(
      expect.arrayContaining(["three_d_secure", "network_transaction_id", "amount_authorized"]),
    );
    expect(STRIPE_SHAPES.Dispute?.nested.balance_transactions).toBe("BalanceTransaction");
    expect(STRIPE_EVENT_OBJECTS["charge.dispute.created"]).toBe("Dispute");
  });

  it("the check reports a missing field by its path, and an undefined one as missing", () => {
    const withoutOutcomeType = { network_status: null, reason: null };
    expect(missingStripeFields({ type: "card", card: {} }, "Charge.PaymentMethodDetails")).toEqual(
      expect.arrayContaining(["Charge.PaymentMethodDetails.card.brand"]),
    );
    expect(missingStripeFields(withoutOutcomeType, "Charge.Outcome")).toContain(
      "Charge.Outcome.type",
    );
    expect(missingStripeFields({ type: undefined }, "PaymentIntent.Processing")).toEqual([
      "PaymentIntent.Processing.type",
    ]);
  });
});
