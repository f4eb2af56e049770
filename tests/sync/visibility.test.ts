/**
 * Guarantees 2 and 3: a device receives exactly what its user may see — computed here by
 * independent SQL from the rights tables — and visibility follows rights as they change.
 * Tried as an attacker would: other users' checkpoints, ids, collections and conversations.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { COLLECTION_NAMES } from "../../shared/sync/registry";
import { type Db, queryRows } from "../../sync-server/db/database";
import { conversationParticipants, enrollments, users } from "../../sync-server/db/schema";
import { seedDemoWorld } from "../../sync-server/demo/seed";
import { DEMO_PASSWORD } from "../../sync-server/demo/world";
import { login, pull, pullAll, push } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";

/** What each collection may hold for user $1, written independently of the server's rule. */
const EXPECTED: Record<string, string> = {
  enrollments: `select e.id from enrollments e join courses c on c.id = e.course_id
                where e.student_id = $1 or e.student_teacher_id = $1 or c.creator_id = $1`,
  progress: `select p.id from module_progress p join enrollments e on e.id = p.enrollment_id join courses c on c.id = e.course_id
             where e.student_id = $1 or e.student_teacher_id = $1 or c.creator_id = $1`,
  modules: `select m.id from course_curriculum m where m.deleted_at is null and m.course_id in (
              select course_id from enrollments where student_id = $1 and status <> 'cancelled'
              union select id from courses where creator_id = $1
              union select course_id from student_teachers where user_id = $1)`,
  courses: `select id from courses where deleted_at is null and id in (
              select course_id from enrollments where student_id = $1 and status <> 'cancelled'
              union select id from courses where creator_id = $1
              union select course_id from student_teachers where user_id = $1
              union select course_id from course_follows where user_id = $1 and deleted_at is null)`,
  messages: `select m.id from messages m join conversation_participants p on p.conversation_id = m.conversation_id
             where p.user_id = $1 and p.deleted_at is null and m.deleted_at is null`,
  conversations: `select conversation_id from conversation_participants where user_id = $1 and deleted_at is null`,
  notifications: `select id from notifications where user_id = $1 and deleted_at is null`,
  sessions: `select id from sessions where teacher_id = $1 or student_id = $1`,
};

async function expectedIds(db: Db, collection: string, userId: string): Promise<string[]> {
  const query = EXPECTED[collection];
  if (!query) throw new Error(`no expectation for ${collection}`);
  const rows = await queryRows<{ id: string }>(
    db,
    sql.raw(
      query
        .replaceAll("$1", `'${userId}'`)
        .replace(/^select (\w+\.)?(\w+)/, "select distinct $1$2 as id"),
    ),
  );
  return rows.map((r) => r.id).sort();
}

const liveIds = (docs: Map<string, { _deleted?: boolean }>) =>
  [...docs.entries()]
    .filter(([, d]) => !d._deleted)
    .map(([id]) => id)
    .sort();

describe.each(databaseKinds())("sync visibility on %s", (kind) => {
  let t: TestApp;
  const token: Record<string, string> = {};
  const idOf: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty: false });
    for (const handle of ["demo", "marcus", "gabriel", "sarah", "chloe"]) {
      token[handle] = await login(t, `${handle}@peerloop.demo`, DEMO_PASSWORD);
      const [u] = await t.deps.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.handle, handle));
      idOf[handle] = u?.id ?? "";
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  describe.each(["demo", "marcus", "gabriel", "chloe"])("as %s", (handle) => {
    it.each(Object.keys(EXPECTED))("%s holds exactly what the rights allow", async (collection) => {
      const { docs } = await pullAll(t, token[handle] ?? "", collection, null);
      expect(liveIds(docs)).toEqual(await expectedIds(t.deps.db, collection, idOf[handle] ?? ""));
    });
  });

  it("a learner sees a Student-Teacher's progress review only for their own enrollments", async () => {
    // marcus teaches some enrollments; demo must never receive the others' progress.
    const mine = await pullAll(t, token.demo ?? "", "progress", null);
    const demoEnrollments = new Set(await expectedIds(t.deps.db, "enrollments", idOf.demo ?? ""));
    for (const doc of mine.docs.values())
      expect(demoEnrollments.has(String(doc.enrollmentId))).toBe(true);
  });

  describe("as an attacker", () => {
    it("cannot use another user's checkpoint", async () => {
      const theirs = await pullAll(t, token.marcus ?? "", "progress", null);
      const res = await pull(t, token.demo ?? "", "progress", theirs.checkpoint, 100);
      expect([res.status, res.body.error.code]).toEqual([410, "resync_required"]);
    });

    it.each([
      ["not JSON", "{x"],
      ["wrong shape", JSON.stringify({ position: 1 })],
      ["extra keys", JSON.stringify({ x: "1", p: 1, h: "abc", evil: true })],
      ["negative position", JSON.stringify({ x: "1", p: -1, h: "abc" })],
    ])("gets 400 invalid_checkpoint for a %s checkpoint", async (_label, raw) => {
      const res = await t.call("GET", `/sync/progress/pull?checkpoint=${encodeURIComponent(raw)}`, {
        token: token.demo,
      });
      expect([res.status, res.body.error.code]).toEqual([400, "invalid_checkpoint"]);
    });

    it("gets 410 for an invented scope-set hash", async () => {
      const res = await pull(
        t,
        token.demo ?? "",
        "messages",
        { x: "1", p: 1, h: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
        10,
      );
      expect([res.status, res.body.error.code]).toEqual([410, "resync_required"]);
    });

    it.each(["users", "auth_sessions", "..%2Fusers", "payment_splits", "certificates", "Messages"])(
      "finds no collection named %s",
      async (name) => {
        const res = await t.call("GET", `/sync/${name}/pull`, { token: token.demo });
        expect(res.status).toBe(404);
        expect(["unknown_collection", "not_found"]).toContain(res.body.error.code);
      },
    );

    it("gets 401 without a token on every sync endpoint", async () => {
      for (const path of ["/sync/schema", "/sync/messages/pull", "/sync/stream"]) {
        expect((await t.call("GET", path)).status).toBe(401);
      }
      expect((await t.call("POST", "/sync/messages/push", { body: [] })).status).toBe(401);
    });

    it("cannot overwrite another learner's progress, and learns nothing of it", async () => {
      const [victim] = await queryRows<{
        id: string;
        enrollment_id: string;
        module_id: string;
        is_complete: boolean;
      }>(
        t.deps.db,
        sql`select p.* from module_progress p join enrollments e on e.id = p.enrollment_id where e.student_id = ${idOf.sarah} limit 1`,
      );
      if (!victim) throw new Error("demo world has no progress for sarah");
      const now = new Date().toISOString();
      const forged = {
        id: victim.id,
        enrollmentId: victim.enrollment_id,
        moduleId: victim.module_id,
        isComplete: false,
        completedAt: null,
        uncheckedAt: now,
        updatedAt: now,
        _deleted: false,
      };
      const res = await push(t, token.demo ?? "", "progress", [{ newDocumentState: forged }]);
      expect([res.status, res.body.error.code]).toEqual([403, "push_rejected"]);
      const rejection = res.body.error.details.rejected[0];
      expect(rejection.code).toBe("forbidden_write");
      // The answer is the same whether or not the document exists: a bare tombstone of
      // what the attacker sent, none of the victim's data.
      expect(rejection.master.isComplete).toBe(false);
      const [after] = await queryRows<{ is_complete: boolean }>(
        t.deps.db,
        sql`select is_complete from module_progress where id = ${victim.id}`,
      );
      expect(after?.is_complete).toBe(victim.is_complete);
    });

    it("cannot post into a conversation it is not part of, nor as someone else", async () => {
      const [foreign] = await queryRows<{ conversation_id: string }>(
        t.deps.db,
        sql`select conversation_id from conversation_participants group by conversation_id
            having bool_and(user_id <> ${idOf.demo}) limit 1`,
      );
      if (!foreign) throw new Error("demo world needs a conversation without demo");
      const msg = (over: object) => ({
        id: uuidv7(),
        conversationId: foreign.conversation_id,
        senderId: idOf.demo,
        content: "let me in",
        createdAt: new Date().toISOString(),
        _deleted: false,
        ...over,
      });
      const res = await push(t, token.demo ?? "", "messages", [
        { newDocumentState: msg({}) },
        { newDocumentState: msg({ senderId: idOf.sarah }) },
      ]);
      expect(res.status).toBe(403);
      expect(res.body.error.details.rejected.map((r: { code: string }) => r.code)).toEqual([
        "forbidden_write",
        "forbidden_write",
      ]);
      const [n] = await queryRows<{ n: number }>(
        t.deps.db,
        sql`select count(*)::int as n from messages where content = 'let me in'`,
      );
      expect(n?.n).toBe(0);
    });
  });

  describe("visibility follows rights", () => {
    it("content arrives on enrolling and leaves on cancelling; the enrollment stays", async () => {
      const reg = await t.call("POST", "/api/auth/register", {
        body: {
          email: `newbie-${kind}@example.com`,
          password: "a long enough passphrase",
          name: "Newbie",
          handle: `newbie_${kind}`,
        },
      });
      const tok = reg.body.token as string;
      const userId = reg.body.user.id as string;
      const before = await pullAll(t, tok, "modules", null);
      expect(liveIds(before.docs)).toEqual([]);

      const [course] = await queryRows<{ id: string }>(
        t.deps.db,
        sql`select id from courses where slug = 'intro-to-claude-code'`,
      );
      const enrollmentId = uuidv7();
      await t.deps.db
        .insert(enrollments)
        .values({ id: enrollmentId, studentId: userId, courseId: course?.id ?? "" });
      const modules = await queryRows<{ id: string }>(
        t.deps.db,
        sql`select id from course_curriculum where course_id = ${course?.id}`,
      );
      const after = await pullAll(t, tok, "modules", before.checkpoint);
      expect(liveIds(after.docs)).toEqual(modules.map((m) => m.id).sort());
      const courseDocs = await pullAll(t, tok, "courses", null);
      expect(liveIds(courseDocs.docs)).toEqual([course?.id]);

      await t.deps.db
        .update(enrollments)
        .set({ status: "cancelled", cancelledAt: new Date() })
        .where(eq(enrollments.id, enrollmentId));
      const gone = await pullAll(t, tok, "modules", after.checkpoint);
      expect([...gone.docs.keys()].sort()).toEqual(modules.map((m) => m.id).sort());
      for (const doc of gone.docs.values()) {
        expect(doc).toEqual({ id: doc.id, _deleted: true }); // id-only: content is not re-sent
      }
      const stillEnrolled = await pullAll(t, tok, "enrollments", null);
      expect(stillEnrolled.docs.get(enrollmentId)?.status).toBe("cancelled");
    });

    it("messages leave a device when its user leaves the conversation", async () => {
      const before = await pullAll(t, token.sarah ?? "", "messages", null);
      const live = liveIds(before.docs);
      if (live.length === 0) throw new Error("demo world: sarah needs a conversation");
      await t.deps.db
        .update(conversationParticipants)
        .set({ deletedAt: new Date() })
        .where(eq(conversationParticipants.userId, idOf.sarah ?? ""));
      const after = await pullAll(t, token.sarah ?? "", "messages", before.checkpoint);
      for (const id of live) expect(after.docs.get(id)?._deleted).toBe(true);
    });
  });

  it("declares no more than 11 collections (2 of RxDB's 13 stay for feed and goodwill)", () => {
    expect(COLLECTION_NAMES.length).toBeLessThanOrEqual(11);
  });
});
