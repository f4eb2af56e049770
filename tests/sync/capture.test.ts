/**
 * Change capture: the triggers generated from sync-server/sync/capture/rules.ts see every
 * write — also an operator's plain SQL — and their NOTIFY reaches the live-stream hub of the
 * users whose scopes changed, and only theirs. A change of rights tells the user "all
 * collections".
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Checkpoint } from "../../shared/sync/protocol";
import { queryRows } from "../../sync-server/db/database";
import { MIGRATIONS_FOLDER } from "../../sync-server/db/migrate";
import { users } from "../../sync-server/db/schema";
import { seedDemoWorld } from "../../sync-server/demo/seed";
import { DEMO_PASSWORD } from "../../sync-server/demo/world";
import { CAPTURE_RULES } from "../../sync-server/sync/capture/rules";
import { captureMigrationSql } from "../../sync-server/sync/capture/sql";
import { login, pullAll, register } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";

const NOTIFY_WAIT_MS = 3000;
const QUIET_MS = 300;
const EVENTS = ["insert", "update", "delete"] as const;

describe("capture migration", () => {
  const files = readdirSync(MIGRATIONS_FOLDER)
    .filter((f) => f.endsWith("_sync_capture.sql"))
    .sort();

  it("the newest *_sync_capture.sql is exactly what the rules generate", () => {
    const newest = files.at(-1);
    expect(newest, "no *_sync_capture.sql migration").toBeDefined();
    const committed = readFileSync(join(MIGRATIONS_FOLDER, newest ?? ""), "utf8");
    // If this fails: `npm run db:capture` (after `drizzle-kit generate --custom` for a new file).
    expect(committed).toBe(captureMigrationSql());
  });

  it("is a journaled migration, so it is applied", () => {
    const journal = JSON.parse(
      readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"),
    ) as { entries: { tag: string }[] };
    const tags = journal.entries.map((e) => `${e.tag}.sql`);
    for (const f of files) expect(tags).toContain(f);
  });
});

/** Records what a hub subscription is told, and waits for a matching call. */
class Recorder {
  readonly calls: (string[] | null)[] = [];
  private waiters: { match: (c: string[] | null) => boolean; resolve: () => void }[] = [];

  readonly notify = (collections: string[] | null) => {
    this.calls.push(collections);
    this.waiters = this.waiters.filter((w) => {
      if (!w.match(collections)) return true;
      w.resolve();
      return false;
    });
  };

  /** Resolves at the first call (from now on) that matches; rejects after NOTIFY_WAIT_MS. */
  next(match: (c: string[] | null) => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no hub call ${what} within ${NOTIFY_WAIT_MS} ms`)),
        NOTIFY_WAIT_MS,
      );
      this.waiters.push({
        match,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }
}

const names = (collection: string) => (c: string[] | null) => c?.includes(collection) === true;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(databaseKinds())("capture on %s", (kind) => {
  let t: TestApp;
  const idOf: Record<string, string> = {};
  let demoToken: string;
  let demoCourseId: string;
  const unsubscribes: (() => void)[] = [];

  const insertNotification = (userId: string, title = "Operator note") =>
    t.deps.db.execute(
      sql`INSERT INTO notifications (id, user_id, type, title, body)
          VALUES (${uuidv7()}, ${userId}, 'enrollment', ${title}, 'typed in psql')`,
    );

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty: false });
    for (const handle of ["demo", "marcus"]) {
      const [u] = await t.deps.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.handle, handle));
      idOf[handle] = u?.id ?? "";
    }
    demoToken = await login(t, "demo@peerloop.demo", DEMO_PASSWORD);
    const [course] = await queryRows<{ id: string }>(
      t.deps.db,
      sql`SELECT course_id::text AS id FROM enrollments
          WHERE student_id = ${idOf.demo} AND status <> 'cancelled' ORDER BY enrolled_at LIMIT 1`,
    );
    if (!course) throw new Error("the demo learner has no enrollment");
    demoCourseId = course.id;
  });
  afterAll(async () => {
    for (const u of unsubscribes) u();
    await t?.close();
  });

  const subscribe = async (userId: string) => {
    const rec = new Recorder();
    unsubscribes.push(await t.deps.hub.subscribe(userId, rec.notify));
    return rec;
  };

  it("installs one trigger per rule and event", async () => {
    const rows = await queryRows<{ name: string }>(
      t.deps.db,
      sql`SELECT tgname AS name FROM pg_trigger WHERE tgname LIKE 'sync_capture_%' AND NOT tgisinternal`,
    );
    const expected = CAPTURE_RULES.flatMap((r) =>
      EVENTS.map((e) => `sync_capture_${r.table}_${e}`),
    );
    expect(rows.map((r) => r.name).sort()).toEqual([...expected].sort());
  });

  it("an operator's plain SQL writes reach the user's next pull", async () => {
    const synced: Record<string, Checkpoint | null> = {};
    for (const c of ["courses", "notifications"]) {
      synced[c] = (await pullAll(t, demoToken, c, null)).checkpoint;
    }
    const title = `Renamed by an operator ${uuidv7().slice(-6)}`;
    await t.deps.db.execute(sql`UPDATE courses SET title = ${title} WHERE id = ${demoCourseId}`);
    // A child row of the course document counts as a change of the course.
    await t.deps.db.execute(
      sql`INSERT INTO course_tags (course_id, tag) VALUES (${demoCourseId}, 'operator-tag')`,
    );
    const noteId = uuidv7();
    await t.deps.db.execute(
      sql`INSERT INTO notifications (id, user_id, type, title, body)
          VALUES (${noteId}, ${idOf.demo}, 'enrollment', 'Hello from psql', 'typed by hand')`,
    );

    const courses = await pullAll(t, demoToken, "courses", synced.courses ?? null);
    expect([...courses.docs.keys()]).toEqual([demoCourseId]);
    expect(courses.docs.get(demoCourseId)).toMatchObject({ title, _deleted: false });
    expect(courses.docs.get(demoCourseId)?.tags).toContain("operator-tag");

    const notes = await pullAll(t, demoToken, "notifications", synced.notifications ?? null);
    expect([...notes.docs.keys()]).toEqual([noteId]);
    expect(notes.docs.get(noteId)).toMatchObject({
      userId: idOf.demo,
      title: "Hello from psql",
      isRead: false,
      _deleted: false,
    });
  });

  it("a write in the user's scope reaches their hub subscription; one outside it does not", async () => {
    const rec = await subscribe(idOf.demo ?? "");
    // Barrier: NOTIFYs arrive in commit order, so once this one is heard nothing older is
    // still on its way.
    const settled = rec.next(names("notifications"), "for the first own notification");
    await insertNotification(idOf.demo ?? "", "barrier");
    await settled;
    rec.calls.length = 0;

    await insertNotification(idOf.marcus ?? "", "not for demo");
    await sleep(QUIET_MS);
    expect(rec.calls).toEqual([]);

    const own = rec.next(names("notifications"), "for an own notification");
    await insertNotification(idOf.demo ?? "", "for demo");
    await own;
    expect(rec.calls).toEqual([["notifications"]]);

    const course = rec.next(names("courses"), "for an enrolled course's update");
    await t.deps.db.execute(
      sql`UPDATE courses SET tagline = 'Updated tagline' WHERE id = ${demoCourseId}`,
    );
    await course;
    expect(rec.calls.at(-1)).toEqual(["courses"]);
  });

  it("enrolling a user tells their subscription that everything may have changed", async () => {
    const newcomer = await register(t, "capture_newcomer");
    const rec = await subscribe(newcomer.id);

    // Not theirs yet: a change to the course is not their business.
    const settled = rec.next(names("notifications"), "for the newcomer's barrier");
    await t.deps.db.execute(
      sql`UPDATE courses SET tagline = 'Before enrolling' WHERE id = ${demoCourseId}`,
    );
    await insertNotification(newcomer.id, "barrier");
    await settled;
    expect(rec.calls).toEqual([["notifications"]]);
    rec.calls.length = 0;

    const everything = rec.next((c) => c === null, "with null after enrolling");
    await t.deps.db.execute(
      sql`INSERT INTO enrollments (id, student_id, course_id, status)
          VALUES (${uuidv7()}, ${newcomer.id}, ${demoCourseId}, 'enrolled')`,
    );
    await everything;
    expect(rec.calls).toEqual([null]);

    // The subscription now holds the new scopes: the course's changes reach it.
    const course = rec.next(names("courses"), "for the newly enrolled course");
    await t.deps.db.execute(
      sql`UPDATE courses SET tagline = 'After enrolling' WHERE id = ${demoCourseId}`,
    );
    await course;
    expect(rec.calls).toEqual([null, ["courses"]]);
  });
});
