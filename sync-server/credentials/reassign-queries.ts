/**
 * Reads behind the creator's "Teacher" control: the teachers a learner may be moved to
 * (the same list checkout offers, minus the learner) and the learners whose teacher paused.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { EnrollmentTeachers, PausedTeacherLearner } from "../../shared/api/reassign";
import type { Db } from "../db/database";
import { courses, enrollments, studentTeachers, users } from "../db/schema";
import { ApiError } from "../http/errors";
import { courseTeachers } from "../payments/checkout";
import { findCourse } from "./rules";

/** Learners still studying: a completed or cancelled enrollment needs no teacher. */
const STUDYING = ["enrolled", "in_progress"] as const;

export async function enrollmentTeachers(
  db: Db,
  input: { enrollmentId: string; actorId: string },
): Promise<EnrollmentTeachers> {
  const [enrollment] = await db
    .select()
    .from(enrollments)
    .where(eq(enrollments.id, input.enrollmentId));
  if (!enrollment || enrollment.status === "cancelled") {
    throw new ApiError(404, "not_found", "No such active enrollment.");
  }
  const course = await findCourse(db, enrollment.courseId);
  if (course.creatorId !== input.actorId) {
    throw new ApiError(403, "forbidden", "Only the course's creator reassigns its learners.");
  }
  const current = enrollment.studentTeacherId;
  const [teacher] = current
    ? await db
        .select({ name: users.name, isActive: studentTeachers.isActive })
        .from(users)
        .leftJoin(
          studentTeachers,
          and(eq(studentTeachers.userId, users.id), eq(studentTeachers.courseId, course.id)),
        )
        .where(eq(users.id, current))
    : [];
  const teachers = await courseTeachers(db, course.id, course.creatorId);
  return {
    enrollmentId: enrollment.id,
    currentTeacherId: current,
    currentTeacherName: teacher?.name ?? null,
    currentTeacherPaused: teacher?.isActive === false,
    teachers: teachers.filter((t) => t.id !== enrollment.studentId),
  };
}

/** Learners of the creator's courses, still studying, whose Student-Teacher has paused. */
export async function pausedTeacherLearners(
  db: Db,
  creatorId: string,
): Promise<PausedTeacherLearner[]> {
  const student = alias(users, "student");
  const teacher = alias(users, "teacher");
  return db
    .select({
      enrollmentId: enrollments.id,
      courseId: courses.id,
      courseTitle: courses.title,
      studentId: student.id,
      studentName: student.name,
      teacherId: teacher.id,
      teacherName: teacher.name,
    })
    .from(enrollments)
    .innerJoin(courses, eq(courses.id, enrollments.courseId))
    .innerJoin(
      studentTeachers,
      and(
        eq(studentTeachers.userId, enrollments.studentTeacherId),
        eq(studentTeachers.courseId, enrollments.courseId),
      ),
    )
    .innerJoin(student, eq(student.id, enrollments.studentId))
    .innerJoin(teacher, eq(teacher.id, enrollments.studentTeacherId))
    .where(
      and(
        eq(courses.creatorId, creatorId),
        eq(studentTeachers.isActive, false),
        inArray(enrollments.status, [...STUDYING]),
      ),
    )
    .orderBy(asc(courses.title), asc(student.name))
    .limit(500);
}
