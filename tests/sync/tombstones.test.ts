/**
 * Deletions reach devices as tombstones: a soft-deleted document as itself with
 * `_deleted: true`, a hard-deleted row as an id-only tombstone. Tombstones are purged after
 * SYNC_TOMBSTONE_DAYS; a device whose checkpoint is older than the purge horizon must start
 * again (410 resync_required), and a fresh start no longer carries the purged tombstones.
 *
 * The steps build on each other (one device's history), so they run in order.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { directConversationId } from "../../shared/ids/derived-id";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Checkpoint, Cursor } from "../../shared/sync/protocol";
import { queryRows } from "../../sync-server/db/database";
import { PURGE_HORIZON_KEY } from "../../sync-server/sync/pull";
import { purgeTombstones } from "../../sync-server/sync/purge";
import { pull, pullAll, register } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";

const DAY_MS = 86_400_000;
const RETENTION_DAYS = 45;

describe.each(databaseKinds())("tombstones on %s", (kind) => {
  let t: TestApp;
  let token: string;
  const ids = {
    deletedMessage: uuidv7(),
    keptMessage: uuidv7(),
    deletedNotification: uuidv7(),
    keptNotification: uuidv7(),
  };
  /** Checkpoints the device held at each step. */
  const cp: Record<string, Checkpoint | null> = {};

  const tombstoneRows = () =>
    queryRows<{ id: string; x: string; p: number }>(
      t.deps.db,
      sql`SELECT doc_id::text AS id, xid::text AS x, position::float8 AS p FROM sync_changes
          WHERE removed OR deleted`,
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    const a = await register(t, "tomb_alice");
    const b = await register(t, "tomb_bob");
    token = b.token;
    const conversationId = directConversationId(a.id, b.id);
    await t.deps.db.execute(sql`INSERT INTO conversations (id) VALUES (${conversationId})`);
    await t.deps.db.execute(
      sql`INSERT INTO conversation_participants (conversation_id, user_id)
          VALUES (${conversationId}, ${a.id}), (${conversationId}, ${b.id})`,
    );
    for (const id of [ids.deletedMessage, ids.keptMessage]) {
      await t.deps.db.execute(
        sql`INSERT INTO messages (id, conversation_id, sender_id, content)
            VALUES (${id}, ${conversationId}, ${a.id}, 'hello')`,
      );
    }
    for (const id of [ids.deletedNotification, ids.keptNotification]) {
      await t.deps.db.execute(
        sql`INSERT INTO notifications (id, user_id, type, title, body)
            VALUES (${id}, ${b.id}, 'message', 'New message', 'from alice')`,
      );
    }
    // The device's first sync: it holds both messages and both notifications.
    for (const collection of ["messages", "notifications"]) {
      const r = await pullAll(t, token, collection, null);
      expect([...r.docs.values()].every((d) => d._deleted === false)).toBe(true);
      expect(r.docs.size).toBe(2);
      cp[`${collection}:synced`] = r.checkpoint;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a soft-deleted message reaches the device as the document with _deleted: true", async () => {
    await t.deps.db.execute(
      sql`UPDATE messages SET deleted_at = now() WHERE id = ${ids.deletedMessage}`,
    );
    const r = await pullAll(t, token, "messages", cp["messages:synced"] ?? null);
    expect([...r.docs.keys()]).toEqual([ids.deletedMessage]);
    expect(r.docs.get(ids.deletedMessage)).toMatchObject({
      id: ids.deletedMessage,
      content: "hello",
      _deleted: true,
    });
    cp["messages:tombstoned"] = r.checkpoint;
  });

  it("a hard-deleted notification reaches the device as an id-only tombstone", async () => {
    await t.deps.db.execute(sql`DELETE FROM notifications WHERE id = ${ids.deletedNotification}`);
    const r = await pullAll(t, token, "notifications", cp["notifications:synced"] ?? null);
    expect([...r.docs.values()]).toEqual([{ id: ids.deletedNotification, _deleted: true }]);
    cp["notifications:tombstoned"] = r.checkpoint;
  });

  it("a purge well inside the retention keeps every tombstone", async () => {
    const before = await tombstoneRows();
    expect(before.map((r) => r.id).sort()).toEqual(
      [ids.deletedMessage, ids.deletedNotification].sort(),
    );
    expect(await purgeTombstones(t.deps.db, RETENTION_DAYS)).toEqual({ purged: 0 });
    expect(await tombstoneRows()).toHaveLength(before.length);
  });

  it("a purge past the retention removes the tombstones and sets the horizon to the newest", async () => {
    const before = await tombstoneRows();
    const newest = before.reduce((a, b) =>
      BigInt(b.x) > BigInt(a.x) || (b.x === a.x && b.p > a.p) ? b : a,
    );
    const farFuture = new Date(Date.now() + (RETENTION_DAYS + 365) * DAY_MS);
    expect(await purgeTombstones(t.deps.db, RETENTION_DAYS, farFuture)).toEqual({
      purged: before.length,
    });
    expect(await tombstoneRows()).toEqual([]);
    const [state] = await queryRows<{ value: Cursor }>(
      t.deps.db,
      sql`SELECT value FROM sync_state WHERE key = ${PURGE_HORIZON_KEY}`,
    );
    expect(state?.value).toEqual({ x: newest.x, p: newest.p });
    // Live documents' entries are untouched.
    const live = await queryRows<{ id: string }>(
      t.deps.db,
      sql`SELECT doc_id::text AS id FROM sync_changes WHERE doc_id IN (${ids.keptMessage}, ${ids.keptNotification})`,
    );
    expect(live).toHaveLength(2);
  });

  it("a device whose checkpoint predates the horizon must resync (410)", async () => {
    for (const key of ["messages:synced", "notifications:synced"]) {
      const collection = key.split(":")[0] ?? "";
      const res = await pull(t, token, collection, cp[key] ?? null, 100);
      expect(res.status, key).toBe(410);
      expect(res.body.error.code).toBe("resync_required");
    }
  });

  it("a fresh pull succeeds and carries no purged tombstone", async () => {
    for (const collection of ["messages", "notifications"]) {
      const r = await pullAll(t, token, collection, null);
      const kept = collection === "messages" ? ids.keptMessage : ids.keptNotification;
      expect([...r.docs.keys()]).toEqual([kept]);
      expect(r.docs.get(kept)?._deleted).toBe(false);
      cp[`${collection}:fresh`] = r.checkpoint;
    }
  });

  it("the old checkpoint is refused for its age, even now that its scopes are known again", async () => {
    // The fresh pull saved the same scope set again, so the 410 is the horizon's doing.
    const old = cp["notifications:synced"];
    const [set] = await queryRows<{ n: number }>(
      t.deps.db,
      sql`SELECT count(*)::int AS n FROM sync_scope_sets WHERE hash = ${old?.h ?? ""}`,
    );
    expect(set?.n).toBe(1);
    const res = await pull(t, token, "notifications", old ?? null, 100);
    expect(res.status).toBe(410);
    expect(res.body.error.code).toBe("resync_required");
    // A device that had already received the newest purged tombstone is not behind.
    const current = await pull(t, token, "notifications", cp["notifications:tombstoned"] ?? null);
    expect(current.status).toBe(200);
    expect(current.body.documents).toEqual([]);
  });

  // A fresh pull whose scopes' newest entries were purged tombstones must not end below
  // the purge horizon, or the next pull would be sent to start over again, for ever.
  it("a device that just resynced can go on pulling from its new checkpoint", async () => {
    for (const collection of ["messages", "notifications"]) {
      const res = await pull(t, token, collection, cp[`${collection}:fresh`] ?? null, 100);
      expect(res.status, collection).toBe(200);
      expect(res.body.documents).toEqual([]);
    }
  });

  it("a device that keeps pulling keeps its checkpoint's scope set through purges", async () => {
    // A deletion the device receives, then both it and the device's scope set grow old.
    const gone = uuidv7();
    await t.deps.db.execute(
      sql`INSERT INTO notifications (id, user_id, type, title, body)
          SELECT ${gone}, user_id, type, title, body FROM notifications WHERE id = ${ids.keptNotification}`,
    );
    await t.deps.db.execute(sql`DELETE FROM notifications WHERE id = ${gone}`);
    const seen = await pullAll(t, token, "notifications", cp["notifications:tombstoned"] ?? null);
    expect(seen.docs.get(gone)).toEqual({ id: gone, _deleted: true });
    await t.deps.db.execute(
      sql`UPDATE sync_changes SET changed_at = now() - interval '400 days' WHERE doc_id = ${gone}`,
    );
    await t.deps.db.execute(
      sql`UPDATE sync_scope_sets SET last_used_at = now() - interval '400 days'`,
    );
    // The device pulls (nothing new) just before the purge: its scope set is in use.
    const steady = await pull(t, token, "notifications", seen.checkpoint);
    expect(steady.status).toBe(200);
    expect(steady.body.documents).toEqual([]);
    expect(await purgeTombstones(t.deps.db, RETENTION_DAYS)).toEqual({ purged: 1 });
    // It had the purged tombstone, and its scope set was in use: no resync.
    const after = await pull(t, token, "notifications", steady.body.checkpoint);
    expect(after.status, JSON.stringify(after.body)).toBe(200);
  });
});
