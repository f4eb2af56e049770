/**
 * Becoming a Student-Teacher: a learner who completed a course applies to teach it, their
 * own Student-Teacher may recommend them, and the course's creator approves or declines.
 * Approval certifies in one transaction: the student_teachers row, the user's flag, the
 * teaching certificate and the notification.
 */
import { and, eq } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import { uniqueViolation } from "../db/errors";
import { studentTeachers, teacherApplications, users } from "../db/schema";
import { ApiError } from "../http/errors";
import { type IssueInput, issueCertificate } from "./issue";
import { notify } from "./notify";
import { findCourse, hasCompleted, liveEnrollment } from "./rules";

type Application = typeof teacherApplications.$inferSelect;
type Tx = Db;

const inTx = <T>(db: Db, run: (tx: Tx) => Promise<T>) =>
  db.transaction((t) => run(t as unknown as Tx));

export async function applyToTeach(
  db: Db,
  input: { userId: string; courseId: string; message?: string | undefined },
): Promise<Application> {
  return inTx(db, async (tx) => {
    const course = await findCourse(tx, input.courseId);
    if (course.isRetired || !course.isActive) {
      throw new ApiError(
        422,
        "course_retired",
        "This course takes no new students, so no new teachers.",
      );
    }
    if (course.creatorId === input.userId) {
      throw new ApiError(409, "already_teacher", "You created this course: you teach it already.");
    }
    if (await isCertified(tx, input.userId, course.id)) {
      throw new ApiError(
        409,
        "already_teacher",
        "You are already a Student-Teacher of this course.",
      );
    }
    const enrollment = await liveEnrollment(tx, input.userId, course.id);
    if (!enrollment || !(await hasCompleted(tx, enrollment))) {
      throw new ApiError(
        422,
        "course_not_completed",
        "Complete every module of the course before applying to teach it.",
      );
    }
    let row: Application | undefined;
    try {
      [row] = await tx
        .insert(teacherApplications)
        .values({
          id: uuidv7(),
          userId: input.userId,
          courseId: course.id,
          message: input.message || null,
        })
        .returning();
    } catch (err) {
      if (uniqueViolation(err)) {
        throw new ApiError(409, "application_pending", "You already applied to teach this course.");
      }
      throw err;
    }
    if (!row) throw new Error("application insert returned nothing");
    const notice = {
      type: "teacher_application" as const,
      body: `A graduate of "${course.title}" applied to become a Student-Teacher.`,
      actionUrl: "/teaching",
    };
    const notices = [
      { ...notice, userId: course.creatorId, title: "Someone applied to teach your course" },
    ];
    if (enrollment.studentTeacherId) {
      notices.push({
        ...notice,
        userId: enrollment.studentTeacherId,
        title: "Your learner applied to teach",
      });
    }
    await notify(tx, notices);
    return row;
  });
}

async function isCertified(tx: Tx, userId: string, courseId: string) {
  const [st] = await tx
    .select({ id: studentTeachers.id })
    .from(studentTeachers)
    .where(and(eq(studentTeachers.userId, userId), eq(studentTeachers.courseId, courseId)));
  return Boolean(st);
}

/** The application, locked for the decision (ids are unguessable UUIDv7s). */
async function pendingApplication(tx: Tx, id: string): Promise<Application> {
  const [app] = await tx
    .select()
    .from(teacherApplications)
    .where(eq(teacherApplications.id, id))
    .for("update");
  if (!app) throw new ApiError(404, "not_found", "No such application.");
  return app;
}

function assertPending(app: Application) {
  if (app.status !== "pending") {
    throw new ApiError(
      409,
      "application_not_pending",
      `This application is already ${app.status}.`,
    );
  }
}

/** Only the applicant's own Student-Teacher on that course may recommend them. */
export async function recommendApplicant(
  db: Db,
  input: { applicationId: string; actorId: string; note?: string | undefined },
) {
  return inTx(db, async (tx) => {
    const app = await pendingApplication(tx, input.applicationId);
    const enrollment = await liveEnrollment(tx, app.userId, app.courseId);
    if (enrollment?.studentTeacherId !== input.actorId) {
      throw new ApiError(
        403,
        "forbidden",
        "Only the applicant's own Student-Teacher may recommend them.",
      );
    }
    assertPending(app);
    if (app.recommendedBy) throw new ApiError(409, "already_recommended", "Already recommended.");
    const [row] = await tx
      .update(teacherApplications)
      .set({
        recommendedBy: input.actorId,
        recommendationNote: input.note || null,
        recommendedAt: new Date(),
      })
      .where(eq(teacherApplications.id, app.id))
      .returning();
    const course = await findCourse(tx, app.courseId);
    await notify(tx, [
      {
        userId: course.creatorId,
        type: "teacher_application",
        title: "An applicant was recommended",
        body: `Their Student-Teacher recommends an applicant to teach "${course.title}".`,
        actionUrl: "/teaching",
      },
    ]);
    return row as Application;
  });
}

async function asCreator(tx: Tx, app: Application, actorId: string) {
  const course = await findCourse(tx, app.courseId);
  if (course.creatorId !== actorId) {
    throw new ApiError(403, "forbidden", "Only the course's creator decides on applications.");
  }
  return course;
}

/** The date the learner was certified, as a calendar day in their own time zone. */
function todayIn(timezone: string, now: Date): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone: timezone }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

export async function approveApplication(
  db: Db,
  input: { applicationId: string; actorId: string; config: IssueInput["config"] },
) {
  return inTx(db, async (tx) => {
    const app = await pendingApplication(tx, input.applicationId);
    const course = await asCreator(tx, app, input.actorId);
    assertPending(app);
    const now = new Date();
    const [applicant] = await tx.select().from(users).where(eq(users.id, app.userId));
    if (!applicant) throw new ApiError(404, "not_found", "No such applicant.");
    // A certification paused or left behind earlier is re-activated, not duplicated.
    await tx
      .insert(studentTeachers)
      .values({
        id: uuidv7(),
        userId: app.userId,
        courseId: app.courseId,
        certifiedDate: todayIn(applicant.timezone, now),
        approvedBy: input.actorId,
      })
      .onConflictDoUpdate({
        target: [studentTeachers.userId, studentTeachers.courseId],
        set: { isActive: true, approvedBy: input.actorId },
      });
    await tx
      .update(users)
      .set({
        isStudentTeacher: true,
        ...(applicant.role === "student" ? { role: "student_teacher" as const } : {}),
        updatedAt: now,
      })
      .where(eq(users.id, app.userId));
    const certificate = await issueCertificate(tx, {
      config: input.config,
      userId: app.userId,
      courseId: app.courseId,
      type: "teaching",
      issuedBy: input.actorId,
      issuedAt: now,
    });
    const [row] = await tx
      .update(teacherApplications)
      .set({ status: "approved", decidedBy: input.actorId, decidedAt: now })
      .where(eq(teacherApplications.id, app.id))
      .returning();
    await notify(tx, [
      {
        userId: app.userId,
        type: "teacher_approved",
        title: "You are a Student-Teacher",
        body: `You are certified to teach "${course.title}". Your teaching certificate is issued.`,
        actionUrl: "/teaching",
      },
    ]);
    return { application: row as Application, certificate };
  });
}

export async function declineApplication(
  db: Db,
  input: { applicationId: string; actorId: string; reason: string },
) {
  return inTx(db, async (tx) => {
    const app = await pendingApplication(tx, input.applicationId);
    const course = await asCreator(tx, app, input.actorId);
    assertPending(app);
    const [row] = await tx
      .update(teacherApplications)
      .set({
        status: "declined",
        decidedBy: input.actorId,
        decidedAt: new Date(),
        declineReason: input.reason,
      })
      .where(eq(teacherApplications.id, app.id))
      .returning();
    await notify(tx, [
      {
        userId: app.userId,
        type: "teacher_application",
        title: "Your application to teach was declined",
        body: `"${course.title}": ${input.reason}`,
        actionUrl: "/teaching",
      },
    ]);
    return row as Application;
  });
}

export async function withdrawApplication(
  db: Db,
  input: { applicationId: string; actorId: string },
) {
  return inTx(db, async (tx) => {
    const app = await pendingApplication(tx, input.applicationId);
    if (app.userId !== input.actorId)
      throw new ApiError(403, "forbidden", "Only the applicant may withdraw.");
    assertPending(app);
    const [row] = await tx
      .update(teacherApplications)
      .set({ status: "withdrawn", decidedAt: new Date() })
      .where(eq(teacherApplications.id, app.id))
      .returning();
    return row as Application;
  });
}
