/**
 * The session lifecycle the teacher drives: scheduled → in_progress (start, which tells the
 * learner to join) → completed. Completion is one transaction: the status, the recording link, the teacher's students
 * taught count, the learner's invitation to rate — and, once payments land, the release of
 * the teacher's escrowed share for this session.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import {
  ACTIVE_SESSION_STATUSES,
  completionRefusal,
  startRefusal,
} from "../../shared/scheduling/lifecycle";
import type { Db } from "../db/database";
import { sessions } from "../db/schema";
import { releaseTeacherShareForSession } from "../payments/escrow";
import { loadEnrollment, teachesEnrollment } from "./facts";
import { lockSession } from "./locks";
import { completedNotice, startedNotice } from "./notices";
import { notify } from "./notify";

export type LifecycleResult =
  | { ok: true; session: typeof sessions.$inferSelect }
  | {
      ok: false;
      code: "not_found" | "not_started" | "wrong_status" | "enrollment_cancelled" | "not_teacher";
    };

const clockOf = (s: typeof sessions.$inferSelect) => ({
  status: s.status,
  startMs: s.scheduledStart.getTime(),
});

async function teachersSession(tx: Db, sessionId: string, teacherId: string) {
  await lockSession(tx, sessionId);
  const [s] = await tx.select().from(sessions).where(eq(sessions.id, sessionId));
  return s && s.teacherId === teacherId ? s : undefined;
}

export async function startSession(
  tx: Db,
  input: { sessionId: string; teacherId: string; now: Date },
): Promise<LifecycleResult> {
  const s = await teachersSession(tx, input.sessionId, input.teacherId);
  if (!s) return { ok: false, code: "not_found" };
  const refusal = startRefusal(clockOf(s), input.now.getTime());
  if (refusal) return { ok: false, code: refusal };
  // Only if still scheduled: a cancellation holding the row commits first, then this sees it.
  const [row] = await tx
    .update(sessions)
    .set({ status: "in_progress", updatedAt: input.now })
    .where(and(eq(sessions.id, s.id), eq(sessions.status, "scheduled")))
    .returning();
  if (!row) return { ok: false, code: "wrong_status" };
  const enrollment = await loadEnrollment(tx, s.enrollmentId);
  await notify(tx, [
    startedNotice({
      to: s.studentId,
      course: enrollment?.courseTitle ?? "PeerLoop",
      start: s.scheduledStart,
      joinUrl: s.bbbMeetingUrl,
    }),
  ]);
  return { ok: true, session: row };
}

export async function completeSession(
  tx: Db,
  input: { sessionId: string; teacherId: string; recordingUrl: string | null; now: Date },
): Promise<LifecycleResult> {
  const s = await teachersSession(tx, input.sessionId, input.teacherId);
  if (!s) return { ok: false, code: "not_found" };
  const refusal = completionRefusal(clockOf(s), input.now.getTime());
  if (refusal) return { ok: false, code: refusal };
  // Locked before the session row, as a refund and a reassignment lock it first: either
  // they see this completion, or this sees their outcome.
  await tx.execute(sql`SELECT 1 FROM enrollments WHERE id = ${s.enrollmentId} FOR SHARE`);
  const enrollment = await loadEnrollment(tx, s.enrollmentId);
  if (!enrollment || enrollment.status === "cancelled")
    return { ok: false, code: "enrollment_cancelled" };
  // A teacher the learner was moved away from: the rest of the teaching share is no longer
  // theirs, so completing would release it to the new teacher (README "Money").
  if (!teachesEnrollment(enrollment, s.teacherId)) return { ok: false, code: "not_teacher" };
  const [row] = await tx
    .update(sessions)
    .set({ status: "completed", recordingUrl: input.recordingUrl, updatedAt: input.now })
    .where(and(eq(sessions.id, s.id), inArray(sessions.status, [...ACTIVE_SESSION_STATUSES])))
    .returning();
  if (!row) return { ok: false, code: "wrong_status" };
  await recomputeStudentsTaught(tx, s.teacherId, enrollment.courseId);
  // Escrow: this session's part of the teaching share is earned now (same transaction).
  await releaseTeacherShareForSession(tx, s.id);
  await notify(tx, [completedNotice({ to: s.studentId, course: enrollment.courseTitle })]);
  return { ok: true, session: row };
}

/** student_teachers.students_taught = distinct learners with a completed session in the course. */
export async function recomputeStudentsTaught(tx: Db, teacherId: string, courseId: string) {
  await tx.execute(sql`
    UPDATE student_teachers st
       SET students_taught = (
         SELECT count(DISTINCT s.student_id)::int
           FROM sessions s JOIN enrollments e ON e.id = s.enrollment_id
          WHERE s.teacher_id = st.user_id AND e.course_id = st.course_id
            AND s.status = 'completed')
     WHERE st.user_id = ${teacherId} AND st.course_id = ${courseId}`);
}
