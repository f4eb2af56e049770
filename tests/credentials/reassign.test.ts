/**
 * The creator's reads for reassigning a learner: whom a learner may be moved to (exactly
 * what PUT /api/enrollments/:id/teacher accepts, never the learner), and which learners
 * have a teacher who paused. Only the creator sees either.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "../../sync-server/db/schema";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { demoStage, type Stage } from "./fixtures";

const INTRO = "intro-to-claude-code";

describe.each(databaseKinds())("Reassigning learners, the creator's reads, on %s", (kind) => {
  let t: TestApp;
  let stage: Stage;
  const as = async (who: string, method: string, path: string, body?: unknown) =>
    t.call(method, path, {
      token: await stage.token(who),
      ...(body === undefined ? {} : { body }),
    });
  const setActive = async (handle: string, slug: string, isActive: boolean) =>
    t.deps.db
      .update(s.studentTeachers)
      .set({ isActive })
      .where(
        and(
          eq(s.studentTeachers.userId, await stage.user(handle)),
          eq(s.studentTeachers.courseId, (await stage.course(slug)).id),
        ),
      );

  beforeAll(async () => {
    t = await createTestApp(kind);
    stage = await demoStage(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists the creator first, then the active Student-Teachers, never paused ones", async () => {
    const jordan = await stage.enrollment("demo", INTRO); // taught by Marcus
    const res = await as("gabriel", "GET", `/api/enrollments/${jordan.id}/teachers`);
    expect(res.status).toBe(200);
    const ids = res.body.teachers.map((x: { id: string }) => x.id);
    const [gabriel, marcus, aisha] = await Promise.all(
      ["gabriel", "marcus", "aisha"].map((h) => stage.user(h)),
    );
    expect(ids[0]).toBe(gabriel);
    expect(res.body.teachers[0].isCreator).toBe(true);
    expect(ids).toContain(marcus);
    expect(ids).not.toContain(aisha); // her certification on this course is paused
    expect(res.body).toMatchObject({
      enrollmentId: jordan.id,
      currentTeacherId: marcus,
      currentTeacherPaused: false,
    });
    // Everyone listed is accepted by the reassignment itself.
    for (const id of ids) {
      const ok = await as("gabriel", "PUT", `/api/enrollments/${jordan.id}/teacher`, {
        teacherId: id,
      });
      expect([id, ok.status]).toEqual([id, 200]);
    }
    const back = await as("gabriel", "PUT", `/api/enrollments/${jordan.id}/teacher`, {
      teacherId: marcus,
    });
    expect(back.body.studentTeacherId).toBe(marcus);
  });

  it("never offers the learner as their own teacher", async () => {
    const sarah = await stage.enrollment("sarah", "prompt-engineering-foundations");
    const creator = (await stage.course("prompt-engineering-foundations")).creatorId;
    await t.deps.db.insert(s.studentTeachers).values({
      userId: sarah.studentId,
      courseId: sarah.courseId,
      approvedBy: creator,
    });
    const [handle] = await t.deps.db
      .select({ handle: s.users.handle })
      .from(s.users)
      .where(eq(s.users.id, creator));
    const res = await as(handle?.handle ?? "", "GET", `/api/enrollments/${sarah.id}/teachers`);
    expect(res.status).toBe(200);
    expect(res.body.teachers.map((x: { id: string }) => x.id)).not.toContain(sarah.studentId);
    expect(res.body.teachers.length).toBeGreaterThan(0);
  });

  it("shows the creator which learners have a paused teacher, and the pause on the learner", async () => {
    const jordan = await stage.enrollment("demo", INTRO);
    const empty = await as("gabriel", "GET", "/api/teaching/paused-teachers");
    expect(empty.body.learners.map((l: { enrollmentId: string }) => l.enrollmentId)).not.toContain(
      jordan.id,
    );

    await setActive("marcus", INTRO, false);
    const listed = await as("gabriel", "GET", "/api/teaching/paused-teachers");
    expect(listed.status).toBe(200);
    const row = listed.body.learners.find(
      (l: { enrollmentId: string }) => l.enrollmentId === jordan.id,
    );
    expect(row).toMatchObject({
      courseTitle: (await stage.course(INTRO)).title,
      studentId: jordan.studentId,
      teacherId: await stage.user("marcus"),
      teacherName: expect.stringContaining("Marcus"),
    });
    // Sarah finished the course with Marcus: a completed learner needs no new teacher.
    const sarah = await stage.enrollment("sarah", INTRO);
    expect(listed.body.learners.map((l: { enrollmentId: string }) => l.enrollmentId)).not.toContain(
      sarah.id,
    );
    const one = await as("gabriel", "GET", `/api/enrollments/${jordan.id}/teachers`);
    expect(one.body.currentTeacherPaused).toBe(true);
    expect(one.body.currentTeacherName).toContain("Marcus");
    expect(one.body.teachers.map((x: { id: string }) => x.id)).not.toContain(
      await stage.user("marcus"),
    );
    // Another creator's list does not show Gabriel's learners.
    const lena = await as("lena", "GET", "/api/teaching/paused-teachers");
    expect(
      lena.body.learners.some((l: { enrollmentId: string }) => l.enrollmentId === jordan.id),
    ).toBe(false);

    // Reassigned to the creator: off the list.
    await as("gabriel", "PUT", `/api/enrollments/${jordan.id}/teacher`, { teacherId: null });
    const after = await as("gabriel", "GET", "/api/teaching/paused-teachers");
    expect(
      after.body.learners.some((l: { enrollmentId: string }) => l.enrollmentId === jordan.id),
    ).toBe(false);
    await setActive("marcus", INTRO, true);
  });

  it("neither lists nor accepts a Student-Teacher whose account is disabled", async () => {
    const jordan = await stage.enrollment("demo", INTRO);
    const sarah = await stage.user("sarah");
    await t.deps.db
      .insert(s.studentTeachers)
      .values({ userId: sarah, courseId: jordan.courseId, approvedBy: await stage.user("gabriel") })
      .onConflictDoUpdate({
        target: [s.studentTeachers.userId, s.studentTeachers.courseId],
        set: { isActive: true },
      });
    const listed = async () =>
      (await as("gabriel", "GET", `/api/enrollments/${jordan.id}/teachers`)).body.teachers.map(
        (x: { id: string }) => x.id,
      );
    expect(await listed()).toContain(sarah);
    await t.deps.db.update(s.users).set({ disabledAt: new Date() }).where(eq(s.users.id, sarah));
    try {
      expect(await listed()).not.toContain(sarah);
      const res = await as("gabriel", "PUT", `/api/enrollments/${jordan.id}/teacher`, {
        teacherId: sarah,
      });
      expect([res.status, res.body.error.code]).toEqual([422, "teacher_not_available"]);
      const [row] = await t.deps.db
        .select({ teacher: s.enrollments.studentTeacherId })
        .from(s.enrollments)
        .where(eq(s.enrollments.id, jordan.id));
      expect(row?.teacher).not.toBe(sarah);
    } finally {
      await t.deps.db.update(s.users).set({ disabledAt: null }).where(eq(s.users.id, sarah));
    }
  });

  it("refuses everyone but the creator, unknown ids and signed-out callers", async () => {
    const jordan = await stage.enrollment("demo", INTRO);
    const path = `/api/enrollments/${jordan.id}/teachers`;
    for (const who of ["demo", "marcus", "lena"]) {
      const res = await as(who, "GET", path);
      expect([who, res.status, res.body.error.code]).toEqual([who, 403, "forbidden"]);
    }
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const res = await as("gabriel", "GET", `/api/enrollments/${id}/teachers`);
      expect([res.status, res.body.error.code]).toEqual([404, "not_found"]);
    }
    const anon = await t.call("GET", path);
    expect(anon.status).toBe(401);
    const anonList = await t.call("GET", "/api/teaching/paused-teachers");
    expect(anonList.status).toBe(401);
    const learner = await as("demo", "GET", "/api/teaching/paused-teachers");
    expect(learner.body).toEqual({ learners: [] });
  });
});
