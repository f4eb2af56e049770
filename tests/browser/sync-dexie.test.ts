/// <reference types="mocha" />
/**
 * The client sync library in a real Chromium on RxDB's Dexie (IndexedDB) storage, against
 * the real server: the demo learner's world arrives, survives closing and reopening the
 * database with no network, and a completion made on the device reaches the server.
 */
import { createPeerloopDatabase, startSync } from "../../client/sync/index";
import { createBrowserStorage } from "../../client/sync/storage-browser";
import { progressId } from "../../shared/ids/derived-id";

const base = (window as unknown as { PEERLOOP_URL: string }).PEERLOOP_URL;

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function serverDocs(token: string, collection: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${base}/sync/${collection}/pull?limit=5000`, {
    headers: { authorization: `Bearer ${token}` },
  });
  check(res.ok, `pull ${collection}: ${res.status}`);
  const body = (await res.json()) as { documents: Record<string, unknown>[] };
  return body.documents.filter((d) => !d._deleted);
}

describe("sync in Chromium on IndexedDB (Dexie)", () => {
  it("holds the learner's world offline and pushes a completion", async () => {
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "demo@peerloop.demo", password: "peerloop-demo-2026" }),
    });
    check(login.ok, `login: ${login.status}`);
    const { token } = (await login.json()) as { token: string };
    const name = `peerloop-browser-${Date.now()}`;

    const db = await createPeerloopDatabase({ name, storage: createBrowserStorage() });
    const sync = startSync(db, { baseUrl: base, getToken: () => token });
    await sync.awaitInSync();

    const expected = {
      enrollments: (await serverDocs(token, "enrollments")).length,
      modules: (await serverDocs(token, "modules")).length,
      progress: (await serverDocs(token, "progress")).length,
      messages: (await serverDocs(token, "messages")).length,
    };
    for (const [collection, n] of Object.entries(expected)) {
      const local = await db.collections[collection as keyof typeof expected].count().exec();
      check(n > 0 && local === n, `${collection}: ${local} on the device, ${n} on the server`);
    }

    // Mark the first module not yet complete, as the learner would.
    const enrollment = (
      await db.enrollments.find({ selector: { status: "in_progress" } }).exec()
    )[0];
    check(enrollment, "an in-progress enrollment");
    const done = new Set(
      (await db.progress.find({ selector: { enrollmentId: enrollment.id } }).exec())
        .filter((p) => p.isComplete)
        .map((p) => p.moduleId),
    );
    const next = (
      await db.modules
        .find({ selector: { courseId: enrollment.courseId }, sort: [{ moduleOrder: "asc" }] })
        .exec()
    ).find((m) => !done.has(m.id));
    check(next, "a module left to complete");
    const now = new Date().toISOString();
    const id = progressId(enrollment.id, next.id);
    await db.progress.upsert({
      id,
      enrollmentId: enrollment.id,
      moduleId: next.id,
      isComplete: true,
      completedAt: now,
      uncheckedAt: null,
      updatedAt: now,
    });
    await sync.awaitInSync();
    const onServer = (await serverDocs(token, "progress")).find((p) => p.id === id);
    check(onServer?.isComplete === true, "the completion reached the server");
    check(
      sync.status.pendingChanges === 0,
      `pending changes after sync: ${sync.status.pendingChanges}`,
    );

    // Close and reopen with no sync at all: IndexedDB kept everything.
    await sync.stop();
    await db.close();
    const reopened = await createPeerloopDatabase({ name, storage: createBrowserStorage() });
    const kept = await reopened.progress.findOne(id).exec();
    check(kept?.isComplete === true, "the device kept the completion across a reopen");
    check(
      (await reopened.modules.count().exec()) === expected.modules,
      "modules kept across a reopen",
    );
    await reopened.remove();
  });
});
