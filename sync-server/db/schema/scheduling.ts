/** Teaching availability and booked sessions. Seed entities: availability, sessions, session_assessments. */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  time,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, deletedAt, id, tz, updatedAt } from "./columns";
import { sessionStatus } from "./enums";
import { enrollments } from "./learning";
import { users } from "./users";

/**
 * A teacher's availability slot: weekly recurring (specific_date NULL) or one-off on
 * specific_date. Times are wall-clock in `timezone`; a slot may not cross midnight.
 */
export const availability = pgTable(
  "availability",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    dayOfWeek: integer("day_of_week").notNull(),
    startTime: time("start_time").notNull(),
    endTime: time("end_time").notNull(),
    timezone: text("timezone").notNull().default("UTC"),
    isRecurring: boolean("is_recurring").notNull().default(true),
    /** Added: the date of a one-off slot; NULL for recurring slots. */
    specificDate: date("specific_date"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    index().on(t.userId, t.dayOfWeek),
    check("availability_day_of_week_range", sql`${t.dayOfWeek} BETWEEN 0 AND 6`),
    check("availability_time_order", sql`${t.endTime} > ${t.startTime}`),
    check(
      "availability_specific_date_one_off",
      sql`${t.specificDate} IS NULL OR NOT ${t.isRecurring}`,
    ),
    check(
      "availability_specific_date_weekday",
      sql`${t.specificDate} IS NULL OR extract(dow FROM ${t.specificDate}) = ${t.dayOfWeek}`,
    ),
  ],
);

/** A booked 1-on-1 session. Cancelled via status, never deleted. */
export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    enrollmentId: uuid("enrollment_id")
      .notNull()
      .references(() => enrollments.id),
    teacherId: uuid("teacher_id")
      .notNull()
      .references(() => users.id),
    studentId: uuid("student_id")
      .notNull()
      .references(() => users.id),
    scheduledStart: tz("scheduled_start").notNull(),
    scheduledEnd: tz("scheduled_end").notNull(),
    status: sessionStatus("status").notNull().default("scheduled"),
    bbbMeetingUrl: text("bbb_meeting_url"),
    recordingUrl: text("recording_url"),
    cancelledBy: uuid("cancelled_by").references(() => users.id, { onDelete: "set null" }),
    cancelReason: text("cancel_reason"),
    /**
     * Added: a cancelled session that still counts against the course's sessions (the
     * learner cancelled inside the free-cancellation window).
     */
    countsAsUsed: boolean("counts_as_used").notNull().default(false),
    createdAt: createdAt(),
    /** Added: last change (status, links). */
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.enrollmentId),
    index().on(t.teacherId, t.scheduledStart),
    index().on(t.studentId, t.scheduledStart),
    check("sessions_time_order", sql`${t.scheduledEnd} > ${t.scheduledStart}`),
  ],
);

/** Post-session mutual assessment: each participant rates the other once per session. */
export const sessionAssessments = pgTable(
  "session_assessments",
  {
    id: id(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id),
    assessorId: uuid("assessor_id")
      .notNull()
      .references(() => users.id),
    assesseeId: uuid("assessee_id")
      .notNull()
      .references(() => users.id),
    rating: integer("rating").notNull(),
    comment: text("comment"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("session_assessments_session_id_assessor_id_key").on(t.sessionId, t.assessorId),
    index().on(t.assessorId),
    index().on(t.assesseeId),
    check("session_assessments_rating_range", sql`${t.rating} BETWEEN 1 AND 5`),
    check("session_assessments_not_self", sql`${t.assessorId} <> ${t.assesseeId}`),
  ],
);
