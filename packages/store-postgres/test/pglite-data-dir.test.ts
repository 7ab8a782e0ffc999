import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collectionRecord } from "@tender/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { pgliteStore } from "../src/pglite/index";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("pgliteStore with a data directory", () => {
  it("keeps its records in the folder across a restart", async () => {
    dir = await mkdtemp(join(tmpdir(), "tender-pglite-"));
    const record = collectionRecord("paycol_kept", { metadata: { note: "persisted" } });

    const first = pgliteStore({ dataDir: dir });
    await first.transaction((tx) => tx.insert("payment_collections", record));
    await first.close();

    const second = pgliteStore({ dataDir: dir });
    try {
      expect(await second.transaction((tx) => tx.get("payment_collections", record.id))).toEqual(
        record,
      );
      expect(await second.migrate()).toEqual({ applied: [], version: 11 });
    } finally {
      await second.close();
    }
  });
});
