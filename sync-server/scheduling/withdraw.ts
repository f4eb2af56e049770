/**
 * Sessions withdrawn by a change of the enrollment itself (refunded, or the learner moved
 * to another teacher), not by either participant: cancelled, never counted as used, and
 * both participants told. Runs in the caller's transaction.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { SessionStatus } from "../../shared/domain/enums";
import type { Db } from "../db/database";
import { sessions } from "../db/schema";
import { withdrawnNotices } from "./notices";
import { notify } from "./notify";

export async function withdrawSessions(
  tx: Db,
  input: {
    enrollmentId: string;
    /** Only this teacher's sessions (a reassignment); all when omitted. */
    teacherId?: string;
    statuses: SessionStatus[];
    cancelledBy: string;
    reason: string;
    courseTitle: string;
    now: Date;
  },
) {
  const rows = await tx
    .update(sessions)
    .set({
      status: "cancelled",
      cancelledBy: input.cancelledBy,
      cancelReason: input.reason,
      countsAsUsed: false,
      updatedAt: input.now,
    })
    .where(
      and(
        eq(sessions.enrollmentId, input.enrollmentId),
        inArray(sessions.status, input.statuses),
        input.teacherId ? eq(sessions.teacherId, input.teacherId) : undefined,
      ),
    )
    .returning();
  await notify(
    tx,
    rows.flatMap((s) =>
      withdrawnNotices({
        course: input.courseTitle,
        start: s.scheduledStart,
        learnerId: s.studentId,
        teacherId: s.teacherId,
        reason: input.reason,
      }),
    ),
  );
  return rows;
}
