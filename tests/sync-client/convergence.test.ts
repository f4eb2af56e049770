/**
 * (c) Convergence, as a property: two devices of one learner, random interleavings (seeded)
 * of offline edits — module check/un-check, messages, read markers — and syncs. After a full
 * sync both devices hold the same documents as the server; the final completion of every
 * module is that of the learner's latest action on it (a completion is never undone by a
 * stale device; a later explicit un-check wins); the read marker is the latest one; every
 * message arrives once.
 */
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { progressId } from "../../shared/ids/derived-id";
import type { CollectionName } from "../../shared/sync/registry";
import { conversationParticipants, messages, users } from "../../sync-server/db/schema";
import type { RunningServer } from "../../sync-server/server";
import { databaseKinds } from "../support/test-db";
import { markRead, sendMessage, setModuleComplete } from "./actions";
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

const RUNS = 25;
const STEPS = 14;
const COLLECTIONS = ["progress", "messages", "conversations", "enrollments", "modules"] as const;
const COMPARED: CollectionName[] = ["progress", "messages", "conversations"];

/** mulberry32: a tiny seeded PRNG, so a failing run can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A time strictly later than any handed out before (ms resolution on the wire). */
let lastTime = 0;
function nextTime(): string {
  lastTime = Math.max(Date.now(), lastTime + 1);
  return new Date(lastTime).toISOString();
}

describe.each(databaseKinds())("two devices of one learner converge (%s)", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: RunningServer;
  let token: string;
  let me: string;
  let enrollmentId: string;
  let moduleIds: string[];
  let conversationId: string;

  beforeAll(async () => {
    store = await freshStore(kind);
    server = await startTestServer(store.where);
    token = await login(server.url, "demo");
    const db = server.database.db;
    const [user] = await db.select().from(users).where(eq(users.handle, "demo"));
    me = String(user?.id);
    const enr = [...(await serverDocs(server.url, token, "enrollments")).values()].find(
      (e) => e.studentId === me && e.status === "in_progress",
    );
    enrollmentId = String(enr?.id);
    moduleIds = [...(await serverDocs(server.url, token, "modules")).values()]
      .filter((m) => m.courseId === enr?.courseId)
      .slice(0, 3)
      .map((m) => String(m.id));
    const [part] = await db
      .select()
      .from(conversationParticipants)
      .where(eq(conversationParticipants.userId, me));
    conversationId = String(part?.conversationId);
    expect(moduleIds).toHaveLength(3);
  });
  afterAll(async () => {
    await server?.close();
    await store?.drop();
  });

  it(`holds for ${RUNS} seeded runs`, { timeout: 600_000 }, async () => {
    const stats = { conflicts: 0, steps: 0, offlineEdits: 0 };
    for (let run = 1; run <= RUNS; run++) {
      const rand = prng(run * 7919);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
      const open = () =>
        openDevice({
          baseUrl: server.url,
          token,
          collections: COLLECTIONS,
          sync: { retryTime: 100 },
        });
      const devices: Device[] = [await open(), await open()];
      const offline = [false, false];
      try {
        await Promise.all(devices.map((d) => d.sync.awaitInSync()));
        const startProgress = await serverDocs(server.url, token, "progress");
        const msgsBefore = (
          await server.database.db
            .select()
            .from(messages)
            .where(eq(messages.conversationId, conversationId))
        ).length;
        const lastAction = new Map<string, { complete: boolean; at: string }>();
        let lastRead: string | null = null;
        const sent: string[] = [];
        for (const d of devices) {
          d.sync.status$.subscribe(() => {});
          for (const rs of Object.values(d.sync.replications))
            rs.conflict$.subscribe(() => stats.conflicts++);
        }

        for (let step = 0; step < STEPS; step++) {
          stats.steps++;
          const i = rand() < 0.5 ? 0 : 1;
          const d = devices[i] as Device;
          const op = pick([
            "toggle",
            "toggle",
            "toggle",
            "send",
            "read",
            "offline",
            "online",
            "sync",
          ] as const);
          if (offline[i] && op !== "online" && op !== "sync") stats.offlineEdits++;
          switch (op) {
            case "toggle": {
              const moduleId = pick(moduleIds);
              const local = await d.db.collections.progress
                .findOne(progressId(enrollmentId, moduleId))
                .exec();
              const complete = !local?.isComplete; // what the learner sees decides the toggle
              const at = nextTime();
              await setModuleComplete(d.db, enrollmentId, moduleId, complete, at);
              lastAction.set(moduleId, { complete, at });
              break;
            }
            case "send":
              sent.push(await sendMessage(d.db, conversationId, me, `run ${run} step ${step}`));
              break;
            case "read": {
              const at = nextTime();
              await markRead(d.db, conversationId, me, at);
              lastRead = at;
              break;
            }
            case "offline":
            case "online":
              offline[i] = op === "offline";
              d.setOffline(offline[i] as boolean);
              break;
            case "sync":
              if (!offline[i]) await d.sync.awaitInSync();
              break;
          }
        }

        // Everyone back online; sync until both have seen each other's last changes.
        for (const d of devices) d.setOffline(false);
        for (const d of [...devices, ...devices]) await d.sync.awaitInSync();

        const ctx = `run ${run}`;
        for (const name of COMPARED) {
          const remote = await serverDocs(server.url, token, name);
          const expected = new Map([...remote].map(([id, doc]) => [id, withoutDeleted(doc)]));
          for (const d of devices)
            expect(await localDocs(d.db, name), `${ctx} ${name}`).toEqual(expected);
        }
        const remoteProgress = await serverDocs(server.url, token, "progress");
        for (const moduleId of moduleIds) {
          const id = progressId(enrollmentId, moduleId);
          const want =
            lastAction.get(moduleId)?.complete ?? Boolean(startProgress.get(id)?.isComplete);
          expect(Boolean(remoteProgress.get(id)?.isComplete), `${ctx} module ${moduleId}`).toBe(
            want,
          );
        }
        if (lastRead) {
          const conv = (await serverDocs(server.url, token, "conversations")).get(conversationId);
          const mine = (
            (conv?.participants ?? []) as { userId: string; lastReadAt: string }[]
          ).find((p) => p.userId === me);
          expect(mine?.lastReadAt, `${ctx} read marker`).toBe(lastRead);
        }
        const rows = sent.length
          ? await server.database.db.select().from(messages).where(inArray(messages.id, sent))
          : [];
        expect(rows.map((r) => r.id).sort(), `${ctx} messages`).toEqual([...sent].sort());
        const msgsAfter = (
          await server.database.db
            .select()
            .from(messages)
            .where(eq(messages.conversationId, conversationId))
        ).length;
        expect(msgsAfter - msgsBefore, `${ctx} no duplicates`).toBe(sent.length);
        for (const d of devices) expect(d.sync.status.pendingChanges, ctx).toBe(0);
      } finally {
        for (const d of devices) await d.close();
      }
    }
    console.info("convergence:", { runs: RUNS, ...stats });
    expect(stats.conflicts).toBeGreaterThan(0); // the runs did exercise conflict resolution
  });

  /**
   * Known defect (reported), found while writing the property above: mergeProgress keeps
   * the server's timestamps when both sides agree on isComplete, so a later completion made
   * on a stale device is stored with the earlier completedAt; an un-check queued offline in
   * between (earlier than that completion) then wins. Expected to fail until mergeProgress
   * keeps the later completedAt/uncheckedAt when both states agree; then drop `.fails`.
   */
  it("a completion later than a queued un-check survives it", async () => {
    const open = () =>
      openDevice({
        baseUrl: server.url,
        token,
        collections: COLLECTIONS,
        sync: { retryTime: 100 },
      });
    const [a, b] = [await open(), await open()];
    const moduleId = moduleIds[0] as string;
    const id = progressId(enrollmentId, moduleId);
    try {
      await a.sync.awaitInSync();
      await b.sync.awaitInSync();
      await setModuleComplete(a.db, enrollmentId, moduleId, false, nextTime()); // a known start
      await a.sync.awaitInSync();
      await b.sync.awaitInSync();
      b.setOffline(true); // B will not see A's completion
      await setModuleComplete(a.db, enrollmentId, moduleId, true, nextTime()); // t1
      await a.sync.awaitInSync();
      a.setOffline(true);
      await setModuleComplete(a.db, enrollmentId, moduleId, false, nextTime()); // t2: queued on A
      await setModuleComplete(b.db, enrollmentId, moduleId, true, nextTime()); // t3: the latest
      b.setOffline(false);
      await b.sync.awaitInSync();
      a.setOffline(false);
      for (const d of [a, b, a, b]) await d.sync.awaitInSync();
      expect((await serverDocs(server.url, token, "progress")).get(id)?.isComplete).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
