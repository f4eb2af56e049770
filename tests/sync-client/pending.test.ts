/**
 * pendingChanges counts local writes the server has not acknowledged, from storage: it goes
 * up with each changed document while offline (several writes to one document count once),
 * and a restarted app (same database) still counts what it did not send.
 */
import { getRxStorageMemory } from "rxdb/plugins/storage-memory";
import { describe, expect, it } from "vitest";
import { createPeerloopDatabase } from "../../client/sync/database";
import { startSync } from "../../client/sync/replication";
import { setModuleComplete } from "./actions";
import { ids, sampleDocs } from "./fixtures";
import { until } from "./harness";

const offlineFetch = (async () => {
  throw new TypeError("fetch failed");
}) as typeof fetch;

describe("pendingChanges", () => {
  it("counts unsent documents, also after a restart", async () => {
    const storage = getRxStorageMemory();
    const name = `pending-${Date.now()}`;
    const open = () =>
      createPeerloopDatabase({
        name,
        storage,
        multiInstance: false,
        collections: ["progress", "messages"],
      });
    const options = {
      baseUrl: "http://nowhere.test",
      getToken: () => "t",
      fetch: offlineFetch,
      retryTime: 50,
    };

    let db = await open();
    let sync = startSync(db, options);
    await until(() => !sync.status.online, 2000, "offline noticed");
    await setModuleComplete(db, ids.enrollment, ids.module, true);
    await until(() => sync.status.pendingChanges === 1, 2000, "1 pending");
    await setModuleComplete(db, ids.enrollment, ids.module, false); // same document again
    await db.collections.messages.insert(sampleDocs.messages as never);
    await until(() => sync.status.pendingChanges === 2, 2000, "2 pending");
    expect(sync.status.initialSync.done).toBe(false);
    await sync.stop();
    await db.close();

    db = await open();
    expect(await db.collections.messages.count().exec()).toBe(1); // same storage, reopened
    sync = startSync(db, options);
    await until(() => sync.status.pendingChanges === 2, 2000, "2 pending after restart");
    await sync.stop();
    await db.remove();
  });
});
