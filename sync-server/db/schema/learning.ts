/** Enrollment and progress. Seed entities: enrollments, module_progress, student_teachers. */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, tz, updatedAt } from "./columns";
import { courseCurriculum, courses } from "./courses";
import { enrollmentStatus } from "./enums";
import { users } from "./users";

/**
 * Cancelled via status, never deleted. A student may re-enroll after cancelling, so
 * (student_id, course_id) is unique only among non-cancelled enrollments.
 */
export const enrollments = pgTable(
  "enrollments",
  {
    id: id(),
    studentId: uuid("student_id")
      .notNull()
      .references(() => users.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    studentTeacherId: uuid("student_teacher_id").references(() => users.id, {
      onDelete: "set null",
    }),
    status: enrollmentStatus("status").notNull().default("enrolled"),
    enrolledAt: tz("enrolled_at").notNull().defaultNow(),
    completedAt: tz("completed_at"),
    cancelledAt: tz("cancelled_at"),
    cancelReason: text("cancel_reason"),
    /** Added: last change (status, teacher assignment). */
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("enrollments_student_id_course_id_key")
      .on(t.studentId, t.courseId)
      .where(sql`${t.status} <> 'cancelled'`),
    index().on(t.studentId),
    index().on(t.courseId),
    index().on(t.studentTeacherId),
  ],
);

/** Self-marked module completion, one row per (enrollment, module). */
export const moduleProgress = pgTable(
  "module_progress",
  {
    id: id(),
    enrollmentId: uuid("enrollment_id")
      .notNull()
      .references(() => enrollments.id, { onDelete: "cascade" }),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => courseCurriculum.id, { onDelete: "cascade" }),
    isComplete: boolean("is_complete").notNull().default(false),
    completedAt: tz("completed_at"),
    /**
     * Added: when the learner explicitly un-checked the module. Completion only moves
     * backwards through an explicit un-check later than it (shared/sync mergeProgress).
     */
    uncheckedAt: tz("unchecked_at"),
    /** Added: server-set time of the last change. */
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("module_progress_enrollment_id_module_id_key").on(t.enrollmentId, t.moduleId),
    index().on(t.moduleId),
  ],
);

/** Student-Teacher certification per course; deactivated via is_active, never deleted. */
export const studentTeachers = pgTable(
  "student_teachers",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    certifiedDate: date("certified_date").notNull().default(sql`CURRENT_DATE`),
    studentsTaught: integer("students_taught").notNull().default(0),
    isActive: boolean("is_active").notNull().default(true),
    approvedBy: uuid("approved_by")
      .notNull()
      .references(() => users.id),
    /** Added: record creation. */
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("student_teachers_user_id_course_id_key").on(t.userId, t.courseId),
    index().on(t.courseId),
    index().on(t.approvedBy),
    check("student_teachers_students_taught_nonnegative", sql`${t.studentsTaught} >= 0`),
  ],
);
