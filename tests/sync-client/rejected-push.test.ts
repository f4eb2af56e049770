/**
 * (e) A write the server refuses: the device ends up holding the server's state, the sync
 * status shows the refusal, nothing changes on the server, and the device does not keep
 * pushing the refused write. In a push with valid and refused rows, the valid ones apply.
 */
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { progressId } from "../../shared/ids/derived-id";
import { courseCurriculum, enrollments, moduleProgress, users } from "../../sync-server/db/schema";
import type { RunningServer } from "../../sync-server/server";
import { databaseKinds } from "../support/test-db";
import {
  type Device,
  freshStore,
  localDocs,
  login,
  openDevice,
  startTestServer,
  until,
} from "./harness";

describe.each(databaseKinds())("refused pushes (%s)", (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  let server: RunningServer;
  let device: Device;

  beforeAll(async () => {
    store = await freshStore(kind);
    server = await startTestServer(store.where);
    device = await openDevice({
      baseUrl: server.url,
      token: await login(server.url, "demo"),
      collections: ["enrollments", "progress", "modules", "profiles"],
    });
    await device.sync.awaitInSync();
  });
  afterAll(async () => {
    await device?.close();
    await server?.close();
    await store?.drop();
  });

  it("an enrollment edited on the device reverts to the server's, with lastError set", async () => {
    const db = server.database.db;
    const [me] = await db.select().from(users).where(eq(users.handle, "demo"));
    const [before] = await db
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.studentId, String(me?.id)), ne(enrollments.status, "completed")));
    if (!before) throw new Error("no enrollment");
    const local = await device.db.collections.enrollments.findOne(before.id).exec();
    await local?.incrementalPatch({ status: "completed", completedAt: new Date().toISOString() });

    await until(
      async () => {
        const doc = await device.db.collections.enrollments.findOne(before.id).exec();
        return doc?.status === before.status;
      },
      10_000,
      "the device to take the server's enrollment back",
    );
    await device.sync.awaitInSync();

    const doc = (await localDocs(device.db, "enrollments")).get(before.id);
    expect(doc).toMatchObject({ status: before.status, completedAt: null });
    expect(device.sync.status.lastError).toMatchObject({
      code: "server_owned",
      collection: "enrollments",
    });
    expect(device.sync.status.lastError?.message).toContain(before.id);
    expect(device.sync.status.pendingChanges).toBe(0);
    const [after] = await db.select().from(enrollments).where(eq(enrollments.id, before.id));
    expect(after).toEqual(before);

    // The refusal is settled: no push keeps going to the server.
    const pushes = () => device.requests.filter((r) => r === "POST /sync/enrollments/push").length;
    const n = pushes();
    await new Promise((r) => setTimeout(r, 1000));
    expect(pushes()).toBe(n);
  });

  it("in one push, a valid row applies and a refused one becomes the server's tombstone", async () => {
    const db = server.database.db;
    const [me] = await db.select().from(users).where(eq(users.handle, "demo"));
    const mine = [...(await localDocs(device.db, "enrollments")).values()].find(
      (e) => e.studentId === me?.id && e.status !== "cancelled",
    );
    const [theirs] = await db
      .select()
      .from(enrollments)
      .where(ne(enrollments.studentId, String(me?.id)));
    if (!mine || !theirs) throw new Error("fixtures missing");
    const progress = await localDocs(device.db, "progress");
    const mod = [...(await localDocs(device.db, "modules")).values()].find(
      (m) =>
        m.courseId === mine.courseId &&
        !progress.get(progressId(String(mine.id), String(m.id)))?.isComplete,
    );
    const [theirModule] = await db
      .select()
      .from(courseCurriculum)
      .where(eq(courseCurriculum.courseId, theirs.courseId));
    if (!mod || !theirModule) throw new Error("modules missing");
    const at = new Date().toISOString();
    const row = (enrollmentId: string, moduleId: string) => ({
      id: progressId(enrollmentId, moduleId),
      enrollmentId,
      moduleId,
      isComplete: true,
      completedAt: at,
      uncheckedAt: null,
      updatedAt: at,
    });
    const good = row(String(mine.id), String(mod.id));
    const bad = row(theirs.id, theirModule.id);
    const foreignBefore = await db
      .select()
      .from(moduleProgress)
      .where(eq(moduleProgress.id, bad.id));
    await device.db.collections.progress.bulkInsert([good, bad]); // one change, one push

    await until(
      async () => !(await localDocs(device.db, "progress")).has(bad.id),
      10_000,
      "the refused row to go",
    );
    await device.sync.awaitInSync();
    const local = await localDocs(device.db, "progress");
    expect(local.get(good.id)).toMatchObject({ isComplete: true });
    expect(local.has(bad.id)).toBe(false);
    expect(device.sync.status.lastError).toMatchObject({
      code: "forbidden_write",
      collection: "progress",
    });
    expect(device.sync.status.pendingChanges).toBe(0);

    const rows = await db
      .select()
      .from(moduleProgress)
      .where(eq(moduleProgress.enrollmentId, String(mine.id)));
    expect(rows.find((r) => r.moduleId === mod.id)?.isComplete).toBe(true);
    const foreign = await db.select().from(moduleProgress).where(eq(moduleProgress.id, bad.id));
    expect(foreign).toEqual(foreignBefore); // someone else's progress: untouched
  });
});
