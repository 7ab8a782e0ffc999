import { memoryStore } from "@tender/core";
import { describeStoreConformance } from "../src/conformance/store-conformance";

// The reference implementation passes the suite too: the suite asks nothing of a SQL store that the memory store does not give.
describeStoreConformance("memory", async () => ({
  store: memoryStore(),
  cleanup: async () => undefined,
}));
