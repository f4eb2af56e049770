/**
 * (a) The demo learner's device syncs from nothing: their courses, modules, enrollments,
 * progress, conversations, messages and profile cards arrive and equal the server's data.
 */
import { eq, inArray, or } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COLLECTION_NAMES, type CollectionName, collections } from "../../shared/sync/registry";
import { toRxJsonSchema } from "../../shared/sync/rx-schema";
import {
  conversationParticipants,
  courseCurriculum,
  enrollments,
  messages,
  moduleProgress,
  users,
} from "../../sync-server/db/schema";
import { demoConversations } from "../../sync-server/demo/world";
import type { RunningServer } from "../../sync-server/server";
import { databaseKinds } from "../support/test-db";
import {
  type Device,
  freshStore,
  localDocs,
  login,
  openDevice,
  serverDocs,
  startTestServer,
  withoutDeleted,
} from "./harness";

describe.each(databaseKinds())("a demo learner's first sync (%s)", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: RunningServer;
  let device: Device;
  let token: string;

  beforeAll(async () => {
    store = await freshStore(kind);
    server = await startTestServer(store.where);
    token = await login(server.url, "demo");
    device = await openDevice({ baseUrl: server.url, token });
  });
  afterAll(async () => {
    await device?.close();
    await server?.close();
    await store?.drop();
  });

  it("downloads every collection and reports the first sync done", async () => {
    await device.sync.awaitInSync();
    const s = device.sync.status;
    expect(s.initialSync).toMatchObject({ done: true, collectionsDone: 11, collectionsTotal: 11 });
    expect(s.initialSync.documentsReceived).toBeGreaterThan(20);
    expect(s.pendingChanges).toBe(0);
    expect(s.online).toBe(true);
    expect(s.lastSyncedAt).not.toBeNull();
    expect(s.lastError).toBeNull();
  });

  it("holds exactly what the server serves this user, collection by collection", async () => {
    for (const name of COLLECTION_NAMES) {
      const remote = await serverDocs(server.url, token, name);
      const local = await localDocs(device.db, name);
      expect([...local.keys()].sort(), name).toEqual([...remote.keys()].sort());
      for (const [id, doc] of remote)
        expect(local.get(id), `${name} ${id}`).toEqual(withoutDeleted(doc));
    }
    for (const name of [
      "courses",
      "modules",
      "enrollments",
      "progress",
      "conversations",
      "messages",
      "profiles",
    ] as const) {
      expect((await localDocs(device.db, name)).size, name).toBeGreaterThan(0);
    }
  });

  it("uses the schemas the server serves at /sync/schema", async () => {
    const res = await fetch(`${server.url}/sync/schema`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      collections: { name: string; version: number; schema: unknown }[];
    };
    expect(body.collections.map((c) => c.name).sort()).toEqual([...COLLECTION_NAMES].sort());
    for (const c of body.collections) {
      const local = toRxJsonSchema(collections[c.name as CollectionName]);
      expect(c.version, c.name).toBe(local.version);
      expect(c.schema, c.name).toEqual(JSON.parse(JSON.stringify(local)));
    }
  });

  it("matches the database: the learner's enrollments, their modules, progress and messages", async () => {
    const { db } = server.database;
    const [me] = await db.select().from(users).where(eq(users.handle, "demo"));
    if (!me) throw new Error("no demo user");
    const myEnrollments = await db
      .select()
      .from(enrollments)
      .where(eq(enrollments.studentId, me.id));
    const local = await localDocs(device.db, "enrollments");
    for (const e of myEnrollments) {
      expect(local.get(e.id), `enrollment ${e.id}`).toMatchObject({
        status: e.status,
        courseId: e.courseId,
      });
    }
    const withAccess = myEnrollments.filter((e) => e.status !== "cancelled").map((e) => e.courseId);
    const mods = await db
      .select()
      .from(courseCurriculum)
      .where(inArray(courseCurriculum.courseId, withAccess));
    const localModules = await localDocs(device.db, "modules");
    for (const m of mods) expect(localModules.has(m.id), `module ${m.title}`).toBe(true);

    const prog = await db
      .select()
      .from(moduleProgress)
      .where(
        inArray(
          moduleProgress.enrollmentId,
          myEnrollments.map((e) => e.id),
        ),
      );
    const localProgress = await localDocs(device.db, "progress");
    expect(localProgress.size).toBe(prog.length);
    for (const p of prog)
      expect(localProgress.get(p.id)).toMatchObject({ isComplete: p.isComplete });

    const convs = await db
      .select()
      .from(conversationParticipants)
      .where(eq(conversationParticipants.userId, me.id));
    const msgs = await db
      .select()
      .from(messages)
      .where(or(...convs.map((c) => eq(messages.conversationId, c.conversationId))));
    const localMessages = await localDocs(device.db, "messages");
    expect(localMessages.size).toBe(msgs.length);
    const demoThread = demoConversations.find((c) => c.participants.includes("demo"));
    const texts = [...localMessages.values()].map((m) => m.content);
    for (const m of demoThread?.messages ?? []) expect(texts).toContain(m.text);

    const profiles = await localDocs(device.db, "profiles");
    expect([...profiles.values()].map((p) => p.handle)).toEqual(
      expect.arrayContaining(["demo", "marcus"]),
    );
  });
});
