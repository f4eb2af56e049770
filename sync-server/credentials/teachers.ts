/**
 * A Student-Teacher's availability for new students, and the creator's reassignment of a
 * learner when their teacher stops.
 */
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Db } from "../db/database";
import { enrollments, studentTeachers, users } from "../db/schema";
import { ApiError } from "../http/errors";
import { moveTeachingShare } from "../payments/reassign-share";
import { withdrawSessions } from "../scheduling/withdraw";
import { notify } from "./notify";
import { findCourse } from "./rules";

/** Pause (false) or resume (true) taking new students on one course. */
export async function setTeachingActive(
  db: Db,
  input: { userId: string; courseId: string; isActive: boolean },
) {
  const [row] = await db
    .update(studentTeachers)
    .set({ isActive: input.isActive })
    .where(
      and(eq(studentTeachers.userId, input.userId), eq(studentTeachers.courseId, input.courseId)),
    )
    .returning();
  if (!row) throw new ApiError(404, "not_found", "You are not a Student-Teacher of this course.");
  return row;
}

/**
 * The creator moves a learner's enrollment to another active Student-Teacher of the course,
 * or to themselves (`teacherId` null or their own id).
 */
export async function reassignTeacher(
  db: Db,
  input: { enrollmentId: string; actorId: string; teacherId: string | null },
) {
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [enrollment] = await tx
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.id, input.enrollmentId), ne(enrollments.status, "cancelled")))
      .for("update");
    if (!enrollment) throw new ApiError(404, "not_found", "No such active enrollment.");
    const course = await findCourse(tx, enrollment.courseId);
    if (course.creatorId !== input.actorId) {
      throw new ApiError(403, "forbidden", "Only the course's creator reassigns its learners.");
    }
    const next = input.teacherId === course.creatorId ? null : input.teacherId;
    if (next === enrollment.studentId) {
      throw new ApiError(422, "teacher_not_available", "A learner cannot teach themselves.");
    }
    if (next) {
      // The same teachers checkout offers (courseTeachers): active, and not disabled or deleted.
      const [st] = await tx
        .select({ id: studentTeachers.id })
        .from(studentTeachers)
        .innerJoin(users, eq(users.id, studentTeachers.userId))
        .where(
          and(
            eq(studentTeachers.userId, next),
            eq(studentTeachers.courseId, course.id),
            eq(studentTeachers.isActive, true),
            isNull(users.deletedAt),
            isNull(users.disabledAt),
          ),
        );
      if (!st) {
        throw new ApiError(
          422,
          "teacher_not_available",
          "Choose an active Student-Teacher of this course, or yourself.",
        );
      }
    }
    const previous = enrollment.studentTeacherId;
    if (previous === next) return enrollment;
    const now = new Date();
    const [row] = await tx
      .update(enrollments)
      .set({ studentTeacherId: next, updatedAt: now })
      .where(eq(enrollments.id, enrollment.id))
      .returning();
    // The unreleased teaching share follows the learner (README "Money"); the old teacher's
    // sessions with them that are not completed — upcoming, or overdue and never completed —
    // are withdrawn, not counted against the learner (the old teacher can no longer complete
    // them: the share for them is the new teacher's now).
    await moveTeachingShare(tx, {
      enrollmentId: enrollment.id,
      toRecipientId: next ?? course.creatorId,
      now,
    });
    await withdrawSessions(tx, {
      enrollmentId: enrollment.id,
      teacherId: previous ?? course.creatorId,
      statuses: ["scheduled", "in_progress"],
      cancelledBy: input.actorId,
      reason: "the learner has a new teacher",
      courseTitle: course.title,
      now,
    });
    const body = `"${course.title}" has a new teacher for this learner.`;
    await notify(tx, [
      {
        userId: enrollment.studentId,
        type: "enrollment",
        title: "You have a new teacher",
        body: `Your teacher for "${course.title}" changed.`,
        actionUrl: `/learn/${enrollment.id}`,
      },
      ...(previous
        ? [
            {
              userId: previous,
              type: "enrollment" as const,
              title: "A learner was reassigned",
              body,
            },
          ]
        : []),
      {
        userId: next ?? course.creatorId,
        type: "enrollment",
        title: "A learner was assigned to you",
        body,
        actionUrl: `/teaching/${enrollment.id}`,
      },
    ]);
    return row ?? enrollment;
  });
}
