/**
 * (b) A device keeps working while the server is down: modules marked complete, messages
 * sent, a read marker moved. They wait as pending changes, and when a server is back on the
 * same data they land in Postgres exactly once and the pending count returns to 0.
 */
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { progressId } from "../../shared/ids/derived-id";
import { conversationParticipants, messages, moduleProgress } from "../../sync-server/db/schema";
import type { RunningServer } from "../../sync-server/server";
import { databaseKinds } from "../support/test-db";
import { markRead, sendMessage, setModuleComplete } from "./actions";
import {
  type Device,
  freshStore,
  localDocs,
  login,
  openDevice,
  startTestServer,
  until,
} from "./harness";

describe.each(databaseKinds())("offline, then online again (%s)", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: RunningServer | undefined;
  let device: Device;

  beforeAll(async () => {
    store = await freshStore(kind);
    server = await startTestServer(store.where);
    const token = await login(server.url, "demo");
    device = await openDevice({ baseUrl: server.url, token, sync: { retryTime: 300 } });
    await device.sync.awaitInSync();
  });
  afterAll(async () => {
    await device?.close();
    await server?.close();
    await store?.drop();
  });

  it("queues changes while the server is down and applies each exactly once after", async () => {
    const db = device.db;
    const me = [...(await localDocs(db, "profiles")).values()].find((p) => p.handle === "demo");
    const marcus = [...(await localDocs(db, "profiles")).values()].find(
      (p) => p.handle === "marcus",
    );
    if (!me || !marcus) throw new Error("profiles missing");
    const conv = [...(await localDocs(db, "conversations")).values()].find((c) =>
      (c.participants as { userId: string }[]).some((p) => p.userId === marcus.id),
    );
    if (!conv) throw new Error("no conversation with marcus");
    // Two modules of an active enrollment that are not complete yet.
    const progress = await localDocs(db, "progress");
    const enrollment = [...(await localDocs(db, "enrollments")).values()].find(
      (e) => e.studentId === me.id && e.status === "in_progress",
    );
    if (!enrollment) throw new Error("no enrollment in progress");
    const todo = [...(await localDocs(db, "modules")).values()]
      .filter((m) => m.courseId === enrollment.courseId)
      .filter((m) => !progress.get(progressId(String(enrollment.id), String(m.id)))?.isComplete)
      .slice(0, 2);
    expect(todo).toHaveLength(2);

    // The server goes away (the process stops; requests now fail to connect).
    const dataServer = server;
    server = undefined;
    await dataServer?.close();
    await until(() => !device.sync.status.online, 10_000, "the device to notice it is offline");

    const tag = crypto.randomUUID().slice(0, 8);
    const eid = String(enrollment.id);
    for (const m of todo) await setModuleComplete(db, eid, String(m.id), true);
    const sent = [
      await sendMessage(db, String(conv.id), String(me.id), `offline 1 ${tag}`),
      await sendMessage(db, String(conv.id), String(me.id), `offline 2 ${tag}`),
      await sendMessage(db, String(conv.id), String(me.id), `offline 3 ${tag}`),
    ];
    const readAt = new Date().toISOString();
    await markRead(db, String(conv.id), String(me.id), readAt);

    // 2 progress + 3 messages + 1 conversation, all waiting.
    await until(() => device.sync.status.pendingChanges === 6, 5000, "6 pending changes");
    await new Promise((r) => setTimeout(r, 1000)); // retries fail meanwhile: still 6
    expect(device.sync.status.pendingChanges).toBe(6);
    expect(device.sync.status.online).toBe(false);

    // A server comes back on the same data (new port), the device finds it. The answers to
    // its first two pushes are lost on the way back: applied, but the device retries them.
    server = await startTestServer(store.where);
    device.loseAnswers(2, /\/sync\/(messages|progress)\/push/);
    device.retarget(server.url);
    await until(() => device.sync.status.pendingChanges === 0, 20_000, "pending changes to drain");
    await device.sync.awaitInSync();
    expect(device.sync.status.online).toBe(true);
    expect(device.sync.status.pendingChanges).toBe(0);
    expect(device.answersLost).toBe(2); // two pushes were applied, then sent again

    const pg = server.database.db;
    const rows = await pg.select().from(messages).where(inArray(messages.id, sent));
    expect(rows.map((r) => r.content).sort()).toEqual([1, 2, 3].map((n) => `offline ${n} ${tag}`));
    const byContent = await pg
      .select()
      .from(messages)
      .where(eq(messages.conversationId, String(conv.id)));
    expect(byContent.filter((r) => r.content.endsWith(tag))).toHaveLength(3);
    for (const m of todo) {
      const p = await pg
        .select()
        .from(moduleProgress)
        .where(
          and(eq(moduleProgress.enrollmentId, eid), eq(moduleProgress.moduleId, String(m.id))),
        );
      expect(p).toHaveLength(1);
      expect(p[0]?.isComplete).toBe(true);
    }
    const [part] = await pg
      .select()
      .from(conversationParticipants)
      .where(
        and(
          eq(conversationParticipants.conversationId, String(conv.id)),
          eq(conversationParticipants.userId, String(me.id)),
        ),
      );
    expect(part?.lastReadAt?.toISOString()).toBe(readAt);

    // And the device now holds the server's versions (server-stamped times included).
    const local = await localDocs(db, "messages");
    for (const r of rows) expect(local.get(r.id)?.createdAt).toBe(r.createdAt.toISOString());
  });
});
