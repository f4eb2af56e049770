/**
 * Rows the admin tests add on top of the demo world: released, unpaid splits and a live
 * certificate.
 * No vitest imports, so the end-to-end run uses it too.
 */
import { and, eq } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";

/**
 * Released, unpaid splits for `recipientId` on a demo enrollment (what the payments
 * release job produces once the refund window has passed). Returns the split ids and their total.
 */
export async function releasedSplits(
  db: Db,
  recipientId: string,
  amounts: number[],
): Promise<{ splitIds: string[]; total: number }> {
  const enrollments = await db
    .select({ id: s.enrollments.id })
    .from(s.enrollments)
    .limit(amounts.length);
  const splitIds: string[] = [];
  for (const [i, amount] of amounts.entries()) {
    const enrollment = enrollments[i % enrollments.length];
    if (!enrollment) throw new Error("the demo world has no enrollment");
    const txId = uuidv7();
    await db.insert(s.transactions).values({
      id: txId,
      enrollmentId: enrollment.id,
      amountCents: amount * 10,
      stripePaymentId: `pi_admin_test_${txId}`,
      status: "completed",
      paidAt: new Date(),
    });
    const splitId = uuidv7();
    await db.insert(s.paymentSplits).values({
      id: splitId,
      transactionId: txId,
      recipientId,
      recipientType: "creator",
      amountCents: amount,
      percentage: 15,
      status: "released",
      releasedAt: new Date(),
    });
    // The payments ledger: what is payable is the split's releases (here: all of it).
    await db.insert(s.splitReleases).values({ splitId, kind: "window", amountCents: amount });
    splitIds.push(splitId);
  }
  return { splitIds, total: amounts.reduce((a, b) => a + b, 0) };
}

/** An issued, live certificate for a demo learner on a demo course. */
export async function liveCertificate(db: Db, userId: string, issuedBy: string): Promise<string> {
  const [course] = await db.select({ id: s.courses.id }).from(s.courses).limit(1);
  if (!course) throw new Error("the demo world has no course");
  const id = uuidv7();
  // One live certificate per (user, course, type): skip types the demo world already issued.
  for (const type of ["mastery", "completion", "teaching"] as const) {
    const live = await db
      .select({ id: s.certificates.id })
      .from(s.certificates)
      .where(
        and(
          eq(s.certificates.userId, userId),
          eq(s.certificates.courseId, course.id),
          eq(s.certificates.type, type),
        ),
      );
    if (live.length) continue;
    await db.insert(s.certificates).values({ id, userId, courseId: course.id, type, issuedBy });
    return id;
  }
  throw new Error("no certificate type left to issue");
}
