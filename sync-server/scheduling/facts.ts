/** What a scheduling decision reads: enrollments, sessions used, busy times, availability. */
import { and, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { ACTIVE_SESSION_STATUSES } from "../../shared/scheduling/lifecycle";
import type { Interval, Slot } from "../../shared/scheduling/open-times";
import { countsAgainstEnrollment } from "../../shared/scheduling/sessions-used";
import type { Db } from "../db/database";
import { availability, courses, enrollments, sessions } from "../db/schema";

/** Sessions that occupy their participants' time. */
export const ACTIVE_SESSION = inArray(sessions.status, [...ACTIVE_SESSION_STATUSES]);

export async function loadEnrollment(tx: Db, enrollmentId: string) {
  const [row] = await enrollmentQuery(tx, enrollmentId);
  return row;
}
export type EnrollmentFacts = NonNullable<Awaited<ReturnType<typeof loadEnrollment>>>;

/**
 * The enrollment read under a FOR SHARE lock on its row, for decisions that create or move
 * a session. A reassignment or a refund locks the row FOR UPDATE before withdrawing the
 * enrollment's sessions, so the two are serialized: either this decision waits and reads
 * the new teacher (or the cancellation), or the reassignment waits for this commit and then
 * withdraws the session it made. Taken after the people locks (scheduling/locks.ts) and
 * before any session row is written, the order every caller keeps.
 */
export async function lockEnrollment(tx: Db, enrollmentId: string) {
  const [row] = await enrollmentQuery(tx, enrollmentId).for("share", { of: enrollments });
  return row;
}

function enrollmentQuery(tx: Db, enrollmentId: string) {
  return tx
    .select({
      id: enrollments.id,
      studentId: enrollments.studentId,
      teacherId: enrollments.studentTeacherId,
      status: enrollments.status,
      courseId: enrollments.courseId,
      creatorId: courses.creatorId,
      sessionCount: courses.sessionCount,
      courseTitle: courses.title,
    })
    .from(enrollments)
    .innerJoin(courses, eq(courses.id, enrollments.courseId))
    .where(eq(enrollments.id, enrollmentId));
}

/** An enrollment books with its assigned Student-Teacher, or the creator when none is set. */
export function teachesEnrollment(e: EnrollmentFacts, teacherId: string): boolean {
  return e.teacherId ? e.teacherId === teacherId : e.creatorId === teacherId;
}

/**
 * Sessions of an enrollment that count against the course's session_count, by the shared
 * rule (shared/scheduling/sessions-used.ts) the PWA counts with too. An enrollment has a
 * handful of sessions, so they are read and counted here rather than restated in SQL.
 */
export async function sessionsUsed(tx: Db, enrollmentId: string, exceptSessionId?: string) {
  const rows = await tx
    .select({ status: sessions.status, countsAsUsed: sessions.countsAsUsed })
    .from(sessions)
    .where(
      and(
        eq(sessions.enrollmentId, enrollmentId),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    );
  return rows.filter(countsAgainstEnrollment).length;
}

/** Active sessions of a person (as teacher or learner) overlapping [start, end). */
export async function overlapping(
  tx: Db,
  userId: string,
  want: { start: Date; end: Date },
  exceptSessionId?: string,
) {
  return tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        ACTIVE_SESSION,
        or(eq(sessions.teacherId, userId), eq(sessions.studentId, userId)),
        sql`${sessions.scheduledStart} < ${want.end.toISOString()}::timestamptz`,
        sql`${sessions.scheduledEnd} > ${want.start.toISOString()}::timestamptz`,
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    );
}

export async function loadSlots(tx: Db, teacherId: string): Promise<Slot[]> {
  const rows = await tx
    .select()
    .from(availability)
    .where(and(eq(availability.userId, teacherId), isNull(availability.deletedAt)));
  return rows.map((r) => ({
    dayOfWeek: r.dayOfWeek,
    startTime: r.startTime,
    endTime: r.endTime,
    timezone: r.timezone,
    isRecurring: r.isRecurring,
    specificDate: r.specificDate,
  }));
}

/** Busy intervals of a person within a range (their active sessions, either role). */
export async function busyIntervals(tx: Db, userId: string, range: Interval): Promise<Interval[]> {
  const rows = await tx
    .select({ start: sessions.scheduledStart, end: sessions.scheduledEnd })
    .from(sessions)
    .where(
      and(
        ACTIVE_SESSION,
        or(eq(sessions.teacherId, userId), eq(sessions.studentId, userId)),
        sql`${sessions.scheduledStart} < ${new Date(range.end).toISOString()}::timestamptz`,
        sql`${sessions.scheduledEnd} > ${new Date(range.start).toISOString()}::timestamptz`,
      ),
    );
  return rows.map((r) => ({ start: r.start.getTime(), end: r.end.getTime() }));
}
