/**
 * Successive edits of one document by one device. The server stamps server-owned fields
 * (e.g. profiles.updatedAt) on every write, so the device's idea of the server's state is
 * stale after its own push until it pulls again. A second edit made before that pull (the
 * device went offline right after pushing, or the stream was slow) must not be lost.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../sync-server/db/schema";
import type { RunningServer } from "../../sync-server/server";
import { databaseKinds } from "../support/test-db";
import { type Device, freshStore, login, openDevice, startTestServer, until } from "./harness";

describe.each(databaseKinds())("a device's own successive edits (%s)", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: RunningServer;
  let device: Device;

  beforeAll(async () => {
    store = await freshStore(kind);
    server = await startTestServer(store.where);
    // No event stream: the device learns of the server's stamp only when it pulls.
    device = await openDevice({
      baseUrl: server.url,
      token: await login(server.url, "demo"),
      collections: ["profiles"],
      sync: { stream: false },
    });
    await device.sync.awaitInSync();
  });
  afterAll(async () => {
    await device?.close();
    await server?.close();
    await store?.drop();
  });

  /**
   * Known defect (reported): the server detects conflicts by comparing the whole assumed
   * state, server-owned `updatedAt` included, and profiles are server-wins, so the second
   * edit comes back as a conflict and is replaced by the server's state: the learner's bio
   * is silently lost. Expected to fail until the server compares only what the device may
   * write (editable fields + _deleted). Then drop `.fails`.
   */
  it("the second edit, made before any pull, reaches the server", async () => {
    const db = server.database.db;
    const [me] = await db.select().from(users).where(eq(users.handle, "demo"));
    const profile = await device.db.collections.profiles.findOne(String(me?.id)).exec();
    await profile?.incrementalPatch({ title: "Edit one" });
    await until(() => device.sync.status.pendingChanges === 0, 5000, "first push");
    const again = await device.db.collections.profiles.findOne(String(me?.id)).exec();
    await again?.incrementalPatch({ bioShort: "Edit two" });
    await until(() => device.sync.status.pendingChanges === 0, 5000, "second push");
    await device.sync.awaitInSync();
    const [row] = await db
      .select()
      .from(users)
      .where(eq(users.id, String(me?.id)));
    expect(row?.title).toBe("Edit one");
    expect(row?.bioShort).toBe("Edit two");
  });
});
