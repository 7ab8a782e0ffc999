import { describeProviderConformance } from "@tender/testkit";
import { giftCard, giftCardLedger } from "../src/index";

// The gift-card service behind the provider, fresh for each test: its records are what the books must equal.
let ledger = giftCardLedger();

describeProviderConformance({
  name: "gift-card",
  provider: () => {
    ledger = giftCardLedger();
    ledger.issue("GC-FULL", 100_000);
    ledger.issue("GC-SHORT", 2000);
    ledger.issue("GC-EMPTY", 0);
    return giftCard({ ledger });
  },
  scenarios: {
    authorizes: { data: { card: "GC-FULL" } },
    declines: { data: { card: "GC-EMPTY" } },
    // A card with less than the session asks authorizes its balance.
    partiallyAuthorizes: { data: { card: "GC-SHORT" }, amount: 2000 },
  },
  // What moved at the gift-card service for a payment, read from its own records.
  ledger: ({ payment }) => {
    const holdId = payment?.data.hold_id;
    const hold = typeof holdId === "string" ? ledger.hold(holdId) : undefined;
    return { captured: hold?.captured ?? 0, refunded: hold?.refunded ?? 0 };
  },
});
