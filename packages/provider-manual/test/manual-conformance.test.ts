import { describeProviderConformance } from "@tender/testkit";
import { manual } from "../src/index";

// The manual provider never declines: it is the merchant's own promise, so there is no decline scenario.
describeProviderConformance({
  name: "manual",
  provider: () => manual(),
  scenarios: { authorizes: { data: { reference: "INV-1" } } },
});
