/**
 * A device away longer than the server keeps tombstones: its next pull answers 410
 * resync_required. The device downloads the collection again, drops the documents the
 * server no longer has (whose deletion it could not be told), keeps and pushes its own
 * unsent changes, and carries on syncing from the new checkpoint.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages, users } from "../../sync-server/db/schema";
import type { RunningServer } from "../../sync-server/server";
import { purgeTombstones } from "../../sync-server/sync/purge";
import { sendMessage } from "./actions";
import {
  type Device,
  freshStore,
  localDocs,
  login,
  openDevice,
  serverDocs,
  startTestServer,
  until,
} from "./harness";

describe("resync_required (PGlite)", () => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: RunningServer;
  let device: Device;
  let token: string;

  beforeAll(async () => {
    store = await freshStore("pglite");
    server = await startTestServer(store.where);
    token = await login(server.url, "demo");
    device = await openDevice({
      baseUrl: server.url,
      token,
      collections: ["messages", "conversations"],
    });
    await device.sync.awaitInSync();
  });
  afterAll(async () => {
    await device?.close();
    await server?.close();
    await store?.drop();
  });

  it("drops what the server deleted meanwhile, keeps unsent local writes", async () => {
    const db = server.database.db;
    const [me] = await db.select().from(users).where(eq(users.handle, "demo"));
    const before = await localDocs(device.db, "messages");
    const [victim, other] = [...before.values()];
    if (!victim || !other) throw new Error("no messages");

    device.setOffline(true);
    // While the device is away: a message is deleted on the server, and the deletion's
    // tombstone is purged (as after SYNC_TOMBSTONE_DAYS).
    await db
      .update(messages)
      .set({ deletedAt: sql`now()` })
      .where(eq(messages.id, String(victim.id)));
    await purgeTombstones(db, 1, new Date(Date.now() + 2 * 86_400_000));
    // Meanwhile the device writes a message it has not sent yet.
    const mine = await sendMessage(
      device.db,
      String(other.conversationId),
      String(me?.id),
      "written offline",
    );

    device.setOffline(false);
    await until(
      async () => !(await localDocs(device.db, "messages")).has(String(victim.id)),
      15_000,
      "the deleted message to go",
    );
    await device.sync.awaitInSync();

    const local = await localDocs(device.db, "messages");
    const remote = await serverDocs(server.url, token, "messages");
    expect([...local.keys()].sort()).toEqual([...remote.keys()].sort());
    expect(local.has(mine)).toBe(true);
    expect(remote.has(mine)).toBe(true);
    expect(device.sync.status.lastError).toMatchObject({
      code: "resync_required",
      collection: "messages",
    });
    expect(device.sync.status.pendingChanges).toBe(0);

    // Syncing goes on from the new checkpoint: a message from elsewhere arrives.
    const before2 = device.requests.length;
    await db.insert(messages).values({
      id: crypto.randomUUID(),
      conversationId: String(other.conversationId),
      senderId: String(me?.id),
      content: "from the web",
    });
    await device.sync.awaitInSync();
    expect(
      [...(await localDocs(device.db, "messages")).values()].some(
        (m) => m.content === "from the web",
      ),
    ).toBe(true);
    expect(device.requests.slice(before2).some((r) => r.includes("/messages/pull"))).toBe(true);
  });
});
