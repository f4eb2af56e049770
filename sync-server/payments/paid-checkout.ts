/**
 * A checkout was paid (webhook.ts, inside its transaction, checkout row locked): either it
 * becomes the enrollment — transaction, splits, follower row, sponsorship, notifications —
 * on the terms stored at checkout (price, teacher, commission, planned enrollment id), or
 * the payment cannot be used (another amount, learner already enrolled, checkout expired
 * before it was paid) and a refund is recorded as owed, in this same transaction.
 */
import { eq, sql } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { liveEnrollment } from "../credentials/rules";
import type { Db } from "../db/database";
import {
  checkoutSessions,
  courses,
  employerSponsorships,
  enrollments,
  instructorFollowers,
  paymentSplits,
  transactions,
  users,
} from "../db/schema";
import type { Deps } from "../http/context";
import { formatMoney, notify } from "./notify";
import { platformAccountId } from "./platform-account";
import { oweRefund } from "./refunds-owed";
import { computeSplit } from "./split";
import type { Applied, CheckoutRow } from "./webhook";
import { type CheckoutSessionData, paymentIdOf } from "./webhook-event";

export async function markPaid(
  tx: Db,
  deps: Deps,
  checkout: CheckoutRow,
  session: CheckoutSessionData,
): Promise<Applied> {
  if (checkout.status === "paid" || checkout.status === "refunded") {
    return { outcome: "already_paid", refundOwedId: null };
  }
  // Final: a failed checkout's payment was refused (and its refund recorded) or never came.
  // A later success event with another event id must not enroll anyone on money given back.
  if (checkout.status === "failed") {
    deps.log.warn("payment event for a failed checkout ignored", {
      checkoutId: checkout.id,
      failureReason: checkout.failureReason,
    });
    return { outcome: "closed_already", refundOwedId: null };
  }
  const paymentId = paymentIdOf(session);
  const refuse = async (reason: string): Promise<Applied> => {
    await tx
      .update(checkoutSessions)
      .set({ status: "failed", failureReason: reason, updatedAt: new Date() })
      .where(eq(checkoutSessions.id, checkout.id));
    const refundOwedId = await oweRefund(tx, {
      checkoutId: checkout.id,
      paymentId,
      amountCents: session.amount_total ?? checkout.amountCents,
      currency: session.currency ?? checkout.currency,
      reason,
    });
    deps.log.warn("paid checkout refused; refund owed", { checkoutId: checkout.id, reason });
    return { outcome: "refund_due", refundOwedId };
  };
  // Expiry is final, like failure: the learner was told nothing was charged.
  if (checkout.status === "expired") return refuse("checkout_expired");
  // The price is ours: a session that charged anything else is not this checkout's payment.
  if (
    session.amount_total !== checkout.amountCents ||
    (session.currency ?? "").toUpperCase() !== checkout.currency
  ) {
    return refuse("amount_mismatch");
  }
  // Two checkouts of one learner for one course may be paid at the same moment: serialize
  // them on (learner, course) so the second sees the first's enrollment and is refunded.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${checkout.learnerId}), hashtext(${checkout.courseId}))`,
  );
  if (await liveEnrollment(tx, checkout.learnerId, checkout.courseId)) {
    return refuse("already_enrolled");
  }

  const [course] = await tx
    .select({
      id: courses.id,
      title: courses.title,
      slug: courses.slug,
      creatorId: courses.creatorId,
    })
    .from(courses)
    .where(eq(courses.id, checkout.courseId));
  if (!course) return refuse("course_missing");
  await enroll(tx, checkout, course, paymentId);
  return { outcome: "enrolled", refundOwedId: null };
}

type CourseFacts = { id: string; title: string; slug: string; creatorId: string };

async function enroll(tx: Db, checkout: CheckoutRow, course: CourseFacts, paymentId: string) {
  const now = new Date();
  // The teacher the learner paid for, as decided at checkout: a Student-Teacher who paused
  // since is still this learner's teacher (README "Money").
  const creatorTeaches = checkout.teacherRole === "creator";
  // The id chosen at checkout: the payment already carries transfer_group enrollment_<id>.
  const enrollmentId = checkout.plannedEnrollmentId;
  await tx.insert(enrollments).values({
    id: enrollmentId,
    studentId: checkout.learnerId,
    courseId: course.id,
    // NULL = the creator teaches (as in the seed); otherwise the chosen Student-Teacher.
    studentTeacherId: creatorTeaches ? null : checkout.teacherId,
    status: "enrolled",
    enrolledAt: now,
  });
  const transactionId = uuidv7();
  await tx.insert(transactions).values({
    id: transactionId,
    enrollmentId,
    amountCents: checkout.amountCents,
    currency: checkout.currency,
    stripePaymentId: paymentId,
    status: "completed",
    paidAt: now,
  });
  // The commission the learner saw at checkout, not the course's current one.
  const shares = computeSplit(checkout.amountCents, checkout.teacherCommission);
  const platformId = await platformAccountId(tx);
  // The teaching share is its own row even when the creator teaches (recipient: the creator),
  // so it is held and released session by session like any teacher's (README "Money").
  const splitRows = [
    { type: "platform" as const, recipientId: platformId, share: shares.platform },
    { type: "creator" as const, recipientId: course.creatorId, share: shares.creator },
    { type: "student_teacher" as const, recipientId: checkout.teacherId, share: shares.teacher },
  ].filter((s) => s.share.cents > 0);
  if (splitRows.length) {
    await tx.insert(paymentSplits).values(
      splitRows.map((s) => ({
        id: uuidv7(),
        transactionId,
        recipientId: s.recipientId,
        recipientType: s.type,
        amountCents: s.share.cents,
        currency: checkout.currency,
        percentage: s.share.percent,
        status: "pending" as const,
      })),
    );
  }
  // First purchase from this creator: the learner follows their instructor feed.
  await tx
    .insert(instructorFollowers)
    .values({
      id: uuidv7(),
      instructorId: course.creatorId,
      followerId: checkout.learnerId,
      firstEnrollmentAt: now,
    })
    .onConflictDoNothing();
  if (checkout.sponsorId) {
    await tx.insert(employerSponsorships).values({
      id: uuidv7(),
      employerId: checkout.sponsorId,
      studentId: checkout.learnerId,
      enrollmentId,
    });
  }
  await tx
    .update(courses)
    .set({ studentCount: sql`${courses.studentCount} + 1` })
    .where(eq(courses.id, course.id));
  await tx
    .update(checkoutSessions)
    .set({ status: "paid", enrollmentId, updatedAt: now })
    .where(eq(checkoutSessions.id, checkout.id));
  await notifyEnrolled(tx, checkout, course);
}

async function notifyEnrolled(tx: Db, checkout: CheckoutRow, course: CourseFacts) {
  const [learner] = await tx
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, checkout.learnerId));
  const price = formatMoney(checkout.amountCents, checkout.currency);
  const courseUrl = `/courses/${course.slug}`;
  await notify(tx, [
    {
      userId: checkout.learnerId,
      type: "enrollment",
      title: `You're enrolled in ${course.title}`,
      body: checkout.sponsorId
        ? "Your enrollment was paid for by your employer. You can start right away."
        : `Payment of ${price} received. You can start right away.`,
      actionUrl: courseUrl,
    },
    {
      userId: checkout.teacherId,
      type: "enrollment",
      title: `New student: ${learner?.name ?? "a learner"}`,
      body: `${learner?.name ?? "A learner"} enrolled in ${course.title} with you as their teacher.`,
      actionUrl: courseUrl,
    },
    ...(checkout.sponsorId
      ? [
          {
            userId: checkout.sponsorId,
            type: "payment" as const,
            title: `Payment received: ${course.title}`,
            body: `${price} for ${learner?.name ?? "your learner"}'s enrollment.`,
            actionUrl: "/sponsorships",
          },
        ]
      : []),
  ]);
}
