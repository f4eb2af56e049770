/**
 * Becoming a Student-Teacher: apply after completing the course, the own Student-Teacher
 * recommends, only the creator decides; approval certifies in one go (student_teachers row,
 * flag, a verifiable teaching certificate, notification); decline tells the reason. Then
 * pausing and the creator's reassignment. The demo world has Sarah's pending application.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "../../sync-server/db/schema";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { demoStage, type Stage } from "./fixtures";

const INTRO = "intro-to-claude-code";
const PEF = "prompt-engineering-foundations";

describe.each(databaseKinds())("Student-Teacher certification on %s", (kind) => {
  let t: TestApp;
  let stage: Stage;
  const as = async (who: string, method: string, path: string, body?: unknown) =>
    t.call(method, path, {
      token: await stage.token(who),
      ...(body === undefined ? {} : { body }),
    });
  const notes = async (
    handle: string,
    type: "teacher_application" | "teacher_approved" | "enrollment",
  ) =>
    t.deps.db
      .select()
      .from(s.notifications)
      .where(
        and(eq(s.notifications.userId, await stage.user(handle)), eq(s.notifications.type, type)),
      );

  beforeAll(async () => {
    t = await createTestApp(kind);
    stage = await demoStage(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("shows the demo's pending application to the applicant, their teacher and the creator", async () => {
    const sarah = await as("sarah", "GET", "/api/teacher-applications");
    expect(sarah.body.mine).toEqual([
      expect.objectContaining({ courseTitle: "Intro to Claude Code", status: "pending" }),
    ]);
    const gabriel = await as("gabriel", "GET", "/api/teacher-applications");
    expect(gabriel.body.toDecide.map((a: { id: string }) => a.id)).toEqual([sarah.body.mine[0].id]);
    expect(gabriel.body.toDecide[0].recommendedBy).toBe(await stage.user("marcus"));
    const priya = await as("priya", "GET", "/api/teacher-applications");
    expect(priya.body.toDecide).toEqual([]);
  });

  it("refuses applications before completion, duplicates, and from teachers already certified", async () => {
    const pef = await stage.course(PEF);
    // Sarah is 3 of 5 modules into Prompt Engineering Foundations.
    const early = await as("sarah", "POST", "/api/teacher-applications", { courseId: pef.id });
    expect([early.status, early.body.error.code]).toEqual([422, "course_not_completed"]);
    const intro = await stage.course(INTRO);
    const dup = await as("sarah", "POST", "/api/teacher-applications", { courseId: intro.id });
    expect([dup.status, dup.body.error.code]).toEqual([409, "application_pending"]);
    const marcus = await as("marcus", "POST", "/api/teacher-applications", { courseId: intro.id });
    expect([marcus.status, marcus.body.error.code]).toEqual([409, "already_teacher"]);
    const creator = await as("gabriel", "POST", "/api/teacher-applications", {
      courseId: intro.id,
    });
    expect([creator.status, creator.body.error.code]).toEqual([409, "already_teacher"]);
    // Noah completed AWS Cloud Essentials, which has since been retired.
    const aws = await stage.course("aws-cloud-essentials");
    const retired = await as("noah", "POST", "/api/teacher-applications", { courseId: aws.id });
    expect([retired.status, retired.body.error.code]).toEqual([422, "course_retired"]);
    const bad = await as("sarah", "POST", "/api/teacher-applications", { courseId: "x" });
    expect([bad.status, bad.body.error.code]).toEqual([400, "validation_failed"]);
  });

  it("lets Chloe apply, only her own Student-Teacher recommend, and only the creator decline", async () => {
    const pef = await stage.course(PEF);
    const applied = await as("chloe", "POST", "/api/teacher-applications", {
      courseId: pef.id,
      message: "I'd love to help.",
    });
    expect([applied.status, applied.body.status]).toEqual([201, "pending"]);
    const id = applied.body.id;
    expect((await notes("gabriel", "teacher_application")).length).toBeGreaterThan(0);
    expect(
      (await as("marcus", "GET", "/api/teacher-applications")).body.toRecommend.map(
        (a: { id: string }) => a.id,
      ),
    ).toContain(id);

    for (const who of ["chloe", "aisha", "gabriel"]) {
      const res = await as(who, "POST", `/api/teacher-applications/${id}/recommend`, { note: "x" });
      expect([who, res.status, res.body.error.code]).toEqual([who, 403, "forbidden"]);
    }
    const rec = await as("marcus", "POST", `/api/teacher-applications/${id}/recommend`, {
      note: "Strong.",
    });
    expect(rec.status).toBe(200);
    const rec2 = await as("marcus", "POST", `/api/teacher-applications/${id}/recommend`, {});
    expect([rec2.status, rec2.body.error.code]).toEqual([409, "already_recommended"]);

    for (const who of ["chloe", "marcus", "priya", "admin"]) {
      const res = await as(who, "POST", `/api/teacher-applications/${id}/decline`, {
        reason: "No",
      });
      expect([who, res.status, res.body.error.code]).toEqual([who, 403, "forbidden"]);
      const ok = await as(who, "POST", `/api/teacher-applications/${id}/approve`);
      expect([who, ok.status]).toEqual([who, 403]);
    }
    const noReason = await as("gabriel", "POST", `/api/teacher-applications/${id}/decline`, {
      reason: "",
    });
    expect([noReason.status, noReason.body.error.code]).toEqual([400, "validation_failed"]);
    const declined = await as("gabriel", "POST", `/api/teacher-applications/${id}/decline`, {
      reason: "Please shadow two sessions first.",
    });
    expect([declined.status, declined.body.status]).toEqual([200, "declined"]);
    const told = await notes("chloe", "teacher_application");
    expect(told.at(-1)?.body).toContain("Please shadow two sessions first.");
    const late = await as("gabriel", "POST", `/api/teacher-applications/${id}/approve`);
    expect([late.status, late.body.error.code]).toEqual([409, "application_not_pending"]);
    const chloe = await stage.user("chloe");
    const st = await t.deps.db
      .select()
      .from(s.studentTeachers)
      .where(eq(s.studentTeachers.userId, chloe));
    expect(st).toEqual([]);
    // Declined is history: she may apply again, and withdraw.
    const again = await as("chloe", "POST", "/api/teacher-applications", { courseId: pef.id });
    expect(again.status).toBe(201);
    const other = await as("marcus", "POST", `/api/teacher-applications/${again.body.id}/withdraw`);
    expect(other.status).toBe(403);
    const withdrawn = await as(
      "chloe",
      "POST",
      `/api/teacher-applications/${again.body.id}/withdraw`,
    );
    expect(withdrawn.body.status).toBe("withdrawn");
  });

  it("approves Sarah: certification, flag, a verifiable teaching certificate and a notification", async () => {
    const mine = (await as("sarah", "GET", "/api/teacher-applications")).body.mine[0];
    const res = await as("gabriel", "POST", `/api/teacher-applications/${mine.id}/approve`);
    expect([res.status, res.body.status]).toEqual([200, "approved"]);
    const sarah = await stage.user("sarah");
    const intro = await stage.course(INTRO);
    const [st] = await t.deps.db
      .select()
      .from(s.studentTeachers)
      .where(eq(s.studentTeachers.userId, sarah));
    expect(st).toMatchObject({ courseId: intro.id, isActive: true, approvedBy: intro.creatorId });
    expect(st?.certifiedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [user] = await t.deps.db.select().from(s.users).where(eq(s.users.id, sarah));
    expect([user?.isStudentTeacher, user?.role]).toEqual([true, "student_teacher"]);
    const [cert] = await t.deps.db
      .select()
      .from(s.certificates)
      .where(and(eq(s.certificates.userId, sarah), eq(s.certificates.type, "teaching")));
    expect(cert?.issuedBy).toBe(intro.creatorId);
    const verified = await t.call("GET", `/verify/${cert?.id}.json`);
    expect(verified.body.verification.status).toBe("valid");
    expect((await notes("sarah", "teacher_approved")).length).toBe(1);
    const twice = await as("gabriel", "POST", `/api/teacher-applications/${mine.id}/approve`);
    expect([twice.status, twice.body.error.code]).toEqual([409, "application_not_pending"]);
  });

  it("answers unknown and malformed application ids with 404", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "nope"]) {
      const res = await as("gabriel", "POST", `/api/teacher-applications/${id}/approve`);
      expect([res.status, res.body.error.code]).toEqual([404, "not_found"]);
    }
  });

  it("lets a Student-Teacher pause and resume taking new students", async () => {
    const intro = await stage.course(INTRO);
    const path = `/api/teaching/${intro.id}/active`;
    const paused = await as("marcus", "PUT", path, { isActive: false });
    expect(paused.body).toEqual({ courseId: intro.id, isActive: false });
    const marcus = await stage.user("marcus");
    const [row] = await t.deps.db
      .select()
      .from(s.studentTeachers)
      .where(and(eq(s.studentTeachers.userId, marcus), eq(s.studentTeachers.courseId, intro.id)));
    expect(row?.isActive).toBe(false);
    const notTeacher = await as("demo", "PUT", path, { isActive: false });
    expect([notTeacher.status, notTeacher.body.error.code]).toEqual([404, "not_found"]);
    const bad = await as("marcus", "PUT", path, { isActive: "no" });
    expect(bad.status).toBe(400);
  });

  it("lets the creator reassign a learner to an active teacher or themselves, and tells everyone", async () => {
    const jordan = await stage.enrollment("demo", INTRO); // taught by Marcus (now paused)
    const path = `/api/enrollments/${jordan.id}/teacher`;
    const sarah = await stage.user("sarah");
    const aisha = await stage.user("aisha"); // her certification on this course is paused
    for (const who of ["demo", "marcus", "priya"]) {
      const res = await as(who, "PUT", path, { teacherId: sarah });
      expect([who, res.status]).toEqual([who, 403]);
    }
    const paused = await as("gabriel", "PUT", path, { teacherId: aisha });
    expect([paused.status, paused.body.error.code]).toEqual([422, "teacher_not_available"]);
    const self = await as("gabriel", "PUT", path, { teacherId: jordan.studentId });
    expect([self.status, self.body.error.code]).toEqual([422, "teacher_not_available"]);

    const before = {
      demo: (await notes("demo", "enrollment")).length,
      marcus: (await notes("marcus", "enrollment")).length,
      sarah: (await notes("sarah", "enrollment")).length,
    };
    const ok = await as("gabriel", "PUT", path, { teacherId: sarah });
    expect(ok.body).toEqual({ enrollmentId: jordan.id, studentTeacherId: sarah });
    expect((await notes("demo", "enrollment")).length).toBe(before.demo + 1);
    expect((await notes("marcus", "enrollment")).length).toBe(before.marcus + 1);
    expect((await notes("sarah", "enrollment")).length).toBe(before.sarah + 1);

    const toCreator = await as("gabriel", "PUT", path, { teacherId: null });
    expect(toCreator.body.studentTeacherId).toBeNull();
    const unknown = await as(
      "gabriel",
      "PUT",
      "/api/enrollments/00000000-0000-4000-8000-000000000000/teacher",
      {
        teacherId: null,
      },
    );
    expect(unknown.status).toBe(404);
  });

  it("certifies once when the creator approves twice at once", async () => {
    const ds = await stage.course("data-science-with-python");
    const applied = await as("ravi", "POST", "/api/teacher-applications", { courseId: ds.id });
    expect(applied.status).toBe(201);
    const token = await stage.token("priya");
    const path = `/api/teacher-applications/${applied.body.id}/approve`;
    const answers = await Promise.all([1, 2].map(() => t.call("POST", path, { token })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const ravi = await stage.user("ravi");
    const teaching = await t.deps.db
      .select()
      .from(s.certificates)
      .where(and(eq(s.certificates.userId, ravi), eq(s.certificates.type, "teaching")));
    expect(teaching).toHaveLength(1);
    expect((await notes("ravi", "teacher_approved")).length).toBe(1);
  });
});
