/**
 * The teacher completes a session (one transaction: status, recording, students taught,
 * the learner's invitation to rate); then each side rates the other once, from a device.
 * Course rating and user_stats always agree with the rows (checked by independent SQL).
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { queryRows } from "../../sync-server/db/database";
import { courses, sessionRequests, sessions, studentTeachers } from "../../sync-server/db/schema";
import { pullAll, push } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { bookSession, hoursAhead, type Learner, makeWorld, requestDoc, type World } from "./world";

const H = 3_600_000;

describe.each(databaseKinds())("completing and rating sessions (%s)", (kind) => {
  let t: TestApp;
  let w: World;
  const done: { id: string; learner: Learner }[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await makeWorld(t, { learners: 3, sessionCount: 3 });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Books a session, then moves it into the past (as if time had passed). */
  async function pastSession(l: Learner, hoursAgo: number) {
    const start = hoursAhead(24 + done.length * 2);
    const sessionId = await bookSession(t, w, l, start);
    const past = new Date(Date.now() - hoursAgo * H);
    await t.deps.db
      .update(sessions)
      .set({ scheduledStart: past, scheduledEnd: new Date(past.getTime() + H) })
      .where(eq(sessions.id, sessionId));
    return sessionId;
  }

  const rate = (userId: string, sessionId: string, rating: number, comment: string | null = null) =>
    requestDoc(userId, { kind: "rate", targetSessionId: sessionId, rating, comment });
  const decision = async (id: unknown) =>
    (
      await t.deps.db
        .select()
        .from(sessionRequests)
        .where(eq(sessionRequests.id, String(id)))
    )[0];

  it("only the teacher completes, only after the start, once", async () => {
    const [a] = w.learners;
    if (!a) throw new Error("learner");
    const id = await pastSession(a, 2);
    const path = `/api/sessions/${id}/complete`;
    const byLearner = await t.call("POST", path, { token: a.token, body: {} });
    expect([byLearner.status, byLearner.body.error.code]).toEqual([404, "not_found"]);
    const badUrl = await t.call("POST", path, {
      token: w.teacher.token,
      body: { recordingUrl: "javascript:alert(1)" },
    });
    expect([badUrl.status, badUrl.body.error.code]).toEqual([400, "validation_failed"]);
    const ok = await t.call("POST", path, {
      token: w.teacher.token,
      body: { recordingUrl: "https://recordings.example/abc" },
    });
    expect([ok.status, ok.body]).toEqual([200, { id, status: "completed" }]);
    const again = await t.call("POST", path, { token: w.teacher.token, body: {} });
    expect([again.status, again.body.error.code]).toEqual([409, "session_not_completable"]);
    const [s] = await t.deps.db.select().from(sessions).where(eq(sessions.id, id));
    expect(s?.recordingUrl).toBe("https://recordings.example/abc");
    const [st] = await t.deps.db
      .select()
      .from(studentTeachers)
      .where(
        and(eq(studentTeachers.userId, w.teacher.id), eq(studentTeachers.courseId, w.courseId)),
      );
    expect(st?.studentsTaught).toBe(1);
    done.push({ id, learner: a });

    // A future session cannot be completed yet; starting it is allowed only near its time.
    const futureId = await bookSession(t, w, a, hoursAhead(200));
    for (const action of ["complete", "start"]) {
      const early = await t.call("POST", `/api/sessions/${futureId}/${action}`, {
        token: w.teacher.token,
        body: {},
      });
      expect([early.status, early.body.error.code]).toEqual([409, "session_not_completable"]);
    }
  });

  it("students taught counts distinct learners; start → in_progress → completed", async () => {
    const [a, b] = w.learners;
    if (!a || !b) throw new Error("learners");
    const second = await pastSession(a, 5); // same learner again: still 1 student
    const third = await pastSession(b, 8);
    for (const id of [second, third]) {
      const started = await t.call("POST", `/api/sessions/${id}/start`, {
        token: w.teacher.token,
        body: {},
      });
      expect(started.body.status).toBe("in_progress");
      const completed = await t.call("POST", `/api/sessions/${id}/complete`, {
        token: w.teacher.token,
        body: {},
      });
      expect(completed.body.status).toBe("completed");
    }
    done.push({ id: second, learner: a }, { id: third, learner: b });
    const [st] = await t.deps.db
      .select()
      .from(studentTeachers)
      .where(eq(studentTeachers.userId, w.teacher.id));
    expect(st?.studentsTaught).toBe(2);
  });

  it("each side rates the other once, from the device; others cannot", async () => {
    const [first, second, third] = done;
    const stranger = w.learners[2];
    if (!first || !second || !third || !stranger) throw new Error("setup");
    const cases: [string, Record<string, unknown>, string | null][] = [
      [first.learner.token, rate(first.learner.id, first.id, 5, "Clear and patient"), null],
      [w.teacher.token, rate(w.teacher.id, first.id, 4, "Well prepared"), null],
      [first.learner.token, rate(first.learner.id, first.id, 1), "already_rated"],
      [stranger.token, rate(stranger.id, first.id, 1), "not_participant"],
      [stranger.token, rate(stranger.id, uuidv7(), 3), "not_participant"],
      [second.learner.token, rate(second.learner.id, second.id, 3), null],
      [third.learner.token, rate(third.learner.id, third.id, 4), null],
    ];
    for (const [token, doc, code] of cases) {
      expect((await push(t, token, "sessionRequests", [{ newDocumentState: doc }])).status).toBe(
        200,
      );
      const r = await decision(doc.id);
      expect([r?.status, r?.declineCode ?? null]).toEqual([code ? "declined" : "confirmed", code]);
    }
    // A session not completed yet cannot be rated.
    const [upcoming] = await t.deps.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.teacherId, w.teacher.id), eq(sessions.status, "scheduled")));
    const early = rate(first.learner.id, upcoming?.id ?? "", 5);
    await push(t, first.learner.token, "sessionRequests", [{ newDocumentState: early }]);
    expect((await decision(early.id))?.declineCode).toBe("not_completed");
    // Out of range never reaches the decision: the schema refuses it.
    const zero = await push(t, first.learner.token, "sessionRequests", [
      { newDocumentState: rate(first.learner.id, first.id, 0) },
    ]);
    expect([zero.status, zero.body.error.details.rejected[0].code]).toEqual([
      400,
      "invalid_document",
    ]);
    // Both participants' devices see the assessments on the session.
    const seen = (await pullAll(t, w.teacher.token, "sessions", null)).docs.get(first.id);
    expect(seen?.assessments.map((x: { rating: number }) => x.rating).sort()).toEqual([4, 5]);
  });

  it("course rating and user_stats agree with independent SQL over the rows", async () => {
    const [course] = await t.deps.db.select().from(courses).where(eq(courses.id, w.courseId));
    // Learners' ratings of their sessions in the course: 5, 3, 4 (the teacher's 4 is not one).
    expect([course?.rating, course?.ratingCount]).toEqual([4, 3]);
    const people = [w.teacher.id, ...w.learners.map((l) => l.id)];
    const view = await queryRows<Record<string, unknown>>(
      t.deps.db,
      sql`SELECT user_id, students_taught, average_rating::text AS average_rating, total_reviews
            FROM user_stats WHERE user_id = ANY(${`{${people.join(",")}}`}::uuid[]) ORDER BY user_id`,
    );
    const independent = await queryRows<Record<string, unknown>>(
      t.deps.db,
      sql`SELECT u.id AS user_id,
                 (SELECT count(*) FROM (SELECT DISTINCT student_id FROM sessions
                     WHERE teacher_id = u.id AND status = 'completed') d)::int AS students_taught,
                 to_char(coalesce((SELECT sum(rating)::numeric / count(*) FROM session_assessments
                     WHERE assessee_id = u.id), 0), 'FM0.00') AS average_rating,
                 (SELECT count(*) FROM session_assessments WHERE assessee_id = u.id)::int AS total_reviews
            FROM users u WHERE u.id = ANY(${`{${people.join(",")}}`}::uuid[]) ORDER BY u.id`,
    );
    expect(view).toEqual(independent);
    const teacherRow = view.find((r) => r.user_id === w.teacher.id);
    expect(teacherRow).toMatchObject({
      students_taught: 2,
      average_rating: "4.00",
      total_reviews: 3,
    });
  });
});
