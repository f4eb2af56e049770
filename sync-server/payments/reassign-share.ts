/**
 * A learner's teacher changes (credentials/teachers.ts reassignTeacher): the part of the
 * teaching share not yet released follows the learner to the new teacher. Releases already
 * made stay with the old teacher — they were earned by completed sessions.
 *
 * The old row is closed at what it was released (`reassigned_at` set, `amount_cents` =
 * released, so it turns `released` or `paid` like any fully released split) and a new
 * `student_teacher` row holds the rest for the new recipient. Both keep the share's
 * percentage; the amounts of all rows still add up to the amount paid. A share of which
 * nothing was released yet just changes recipient (no 0-cent history row). Call inside the
 * reassignment's transaction.
 */
import { and, eq } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import { paymentSplits, sessions } from "../db/schema";
import {
  lockSplits,
  refreshSplitStatus,
  releasedSoFar,
  releaseTeacherShareForSession,
  usedSession,
} from "./escrow";

export async function moveTeachingShare(
  tx: Db,
  input: { enrollmentId: string; toRecipientId: string; now: Date },
): Promise<{ movedCents: number; keptCents: number }> {
  // Sessions the old teacher completed (or the learner cancelled too late) are theirs: make
  // sure each has its release first (normally made already; idempotent).
  const done = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.enrollmentId, input.enrollmentId), usedSession))
    .orderBy(sessions.scheduledStart);
  for (const s of done) await releaseTeacherShareForSession(tx, s.id);
  const splits = await lockSplits(tx, input.enrollmentId);
  const live = splits.find((s) => s.recipientType === "student_teacher" && !s.reassignedAt);
  if (!live || live.recipientId === input.toRecipientId) return { movedCents: 0, keptCents: 0 };
  const released = (await releasedSoFar(tx, live.id)).cents;
  const rest = live.amountCents - released;
  if (rest <= 0) return { movedCents: 0, keptCents: released };
  if (released === 0) {
    await tx
      .update(paymentSplits)
      .set({ recipientId: input.toRecipientId })
      .where(eq(paymentSplits.id, live.id));
    return { movedCents: rest, keptCents: 0 };
  }
  const [closed] = await tx
    .update(paymentSplits)
    .set({ amountCents: released, reassignedAt: input.now })
    .where(eq(paymentSplits.id, live.id))
    .returning();
  if (closed) await refreshSplitStatus(tx, closed);
  await tx.insert(paymentSplits).values({
    id: uuidv7(),
    transactionId: live.transactionId,
    recipientId: input.toRecipientId,
    recipientType: "student_teacher",
    amountCents: rest,
    currency: live.currency,
    percentage: live.percentage,
    status: "pending",
  });
  return { movedCents: rest, keptCents: released };
}
