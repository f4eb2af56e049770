/**
 * Pausing (`student_teachers.is_active = false`) stops new students, not existing ones: a
 * paused teacher's learners still receive their availability, get open times and book;
 * a learner new to the course is not offered that teacher and does not see their times.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { courses, enrollments } from "../../sync-server/db/schema";
import { pullAll, push, register } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { bookingDoc, hoursAhead, type Learner, makeWorld, type World } from "./world";

describe.each(databaseKinds())("a paused Student-Teacher (%s)", (kind) => {
  let t: TestApp;
  let w: World;
  let newcomer: Learner;
  let slug: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await makeWorld(t, { learners: 1, sessionCount: 4 });
    const [course] = await t.deps.db.select().from(courses).where(eq(courses.id, w.courseId));
    slug = course?.slug ?? "";
    const paused = await t.call("PUT", `/api/teaching/${w.courseId}/active`, {
      token: w.teacher.token,
      body: { isActive: false },
    });
    expect([paused.status, paused.body.isActive]).toEqual([200, false]);
    // A learner who enrolls after the pause: taught by the creator.
    const person = await register(t, `newcomer${Math.random().toString(36).slice(2, 8)}`);
    const enrollmentId = uuidv7();
    await t.deps.db.insert(enrollments).values({
      id: enrollmentId,
      studentId: person.id,
      courseId: w.courseId,
      studentTeacherId: null,
      status: "enrolled",
    });
    newcomer = { ...person, enrollmentId };
  });
  afterAll(async () => {
    await t?.close();
  });

  const teacherSlots = async (token: string) =>
    [...(await pullAll(t, token, "availability", null)).docs.values()].filter(
      (d) => d.userId === w.teacher.id && !d._deleted,
    );
  const openTimes = (token: string) => {
    const from = hoursAhead(24).toISOString().slice(0, 10);
    const to = hoursAhead(24 * 5)
      .toISOString()
      .slice(0, 10);
    return t.call(
      "GET",
      `/api/teachers/${w.teacher.id}/open-times?from=${from}&to=${to}&tz=Europe/Berlin`,
      { token },
    );
  };

  it("their existing learner still pulls the availability, gets open times and books", async () => {
    const [l] = w.learners;
    if (!l) throw new Error("learner");
    expect((await teacherSlots(l.token)).length).toBe(7); // ALWAYS: one slot per weekday
    const res = await openTimes(l.token);
    expect(res.status).toBe(200);
    expect(res.body.starts.length).toBeGreaterThan(0);
    const start = new Date(res.body.starts[0].start);
    const doc = bookingDoc(l, w.teacher.id, start);
    expect((await push(t, l.token, "sessionRequests", [{ newDocumentState: doc }])).status).toBe(
      200,
    );
    const decided = (await pullAll(t, l.token, "sessionRequests", null)).docs.get(String(doc.id));
    expect(decided?.status).toBe("confirmed");
  });

  it("a new learner is not offered the paused teacher and does not see their times", async () => {
    const offered = await t.call("GET", `/api/courses/${slug}/teachers`);
    expect(offered.status).toBe(200);
    const ids = offered.body.teachers.map((x: { id: string }) => x.id);
    expect(ids).toContain(w.creator.id);
    expect(ids).not.toContain(w.teacher.id);
    expect(await teacherSlots(newcomer.token)).toEqual([]);
    const res = await openTimes(newcomer.token);
    expect([res.status, res.body.error?.code]).toEqual([404, "not_found"]);
  });

  it("resuming offers the teacher to new learners again", async () => {
    const resumed = await t.call("PUT", `/api/teaching/${w.courseId}/active`, {
      token: w.teacher.token,
      body: { isActive: true },
    });
    expect(resumed.status).toBe(200);
    expect((await teacherSlots(newcomer.token)).length).toBe(7);
    expect((await openTimes(newcomer.token)).status).toBe(200);
  });
});
