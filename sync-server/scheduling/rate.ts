/**
 * Ratings after a completed session: each participant rates the other once (1–5 and a
 * comment). Learners' ratings of their sessions make the course's rating and rating_count
 * (docs/data-model.md); user_stats reads session_assessments directly, so it always agrees.
 */
import { eq, sql } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { isValidRating } from "../../shared/scheduling/policy";
import type { Db } from "../db/database";
import { sessionAssessments, sessions } from "../db/schema";
import type { DecisionContext, Outcome } from "./decide";
import { loadEnrollment } from "./facts";
import { lockSession } from "./locks";
import { ratedNotice } from "./notices";
import { notify } from "./notify";

export interface RatingInput {
  userId: string;
  sessionId: string;
  rating: number;
  comment: string | null;
}

export async function rateSession(ctx: DecisionContext, input: RatingInput): Promise<Outcome> {
  const { tx } = ctx;
  if (!input.sessionId) return { status: "declined", code: "session_not_found" };
  if (!isValidRating(input.rating))
    return { status: "declined", code: "invalid_rating", sessionId: input.sessionId };
  await lockSession(tx, input.sessionId);
  const [s] = await tx.select().from(sessions).where(eq(sessions.id, input.sessionId));
  // Same answer whether the session does not exist or is someone else's.
  if (!s || (s.studentId !== input.userId && s.teacherId !== input.userId))
    return { status: "declined", code: "not_participant" };
  if (s.status !== "completed")
    return { status: "declined", code: "not_completed", sessionId: s.id };
  const assessee = input.userId === s.studentId ? s.teacherId : s.studentId;
  const inserted = await tx
    .insert(sessionAssessments)
    .values({
      id: uuidv7(),
      sessionId: s.id,
      assessorId: input.userId,
      assesseeId: assessee,
      rating: input.rating,
      comment: input.comment?.trim() || null,
    })
    .onConflictDoNothing()
    .returning({ id: sessionAssessments.id });
  if (inserted.length === 0) return { status: "declined", code: "already_rated", sessionId: s.id };
  const enrollment = await loadEnrollment(tx, s.enrollmentId);
  if (input.userId === s.studentId && enrollment)
    await recomputeCourseRating(tx, enrollment.courseId);
  await notify(tx, [
    ratedNotice({ to: assessee, course: enrollment?.courseTitle ?? "", rating: input.rating }),
  ]);
  return { status: "confirmed", sessionId: s.id };
}

/**
 * courses.rating / rating_count = the average (2 decimals) and number of learners' ratings
 * of their sessions in the course; no rating (NULL) and 0 while there are none. Recomputed
 * from the rows, never incremented, so it cannot drift. The demo seed uses it too.
 */
export async function recomputeCourseRating(tx: Db, courseId: string): Promise<void> {
  await tx.execute(sql`
    UPDATE courses c
       SET rating = r.avg, rating_count = r.n, updated_at = now()
      FROM (SELECT round(avg(a.rating), 2) AS avg, count(*)::int AS n
              FROM session_assessments a
              JOIN sessions s ON s.id = a.session_id AND a.assessor_id = s.student_id
              JOIN enrollments e ON e.id = s.enrollment_id
             WHERE e.course_id = ${courseId}) r
     WHERE c.id = ${courseId}`);
}
