import { memoryStore } from "@tender/core";
import { describeStoreConformance } from "./describe-store-conformance";

// The reference implementation passes the suite too: the suite asks nothing of a SQL store that the memory store does not give.
describeStoreConformance("memory", () => memoryStore());
