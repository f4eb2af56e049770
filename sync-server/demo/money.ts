/**
 * The demo world's money side, derived from its enrollments with the real split and escrow
 * rules: every enrollment has its payment (transaction, splits); completed ones are fully
 * released, older ones have their refund window closed, recent ones are still held; the
 * cancelled one was refunded; two payouts have been made (Marcus, Gabriel); the employer
 * sponsors Sarah's full-stack course. Creators and Student-Teachers get fake connected
 * accounts. Idempotent: does nothing when the demo payments exist.
 */
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import * as s from "../db/schema";
import {
  closeRefundWindow,
  refreshSplitStatus,
  releaseOnEnrollmentCompleted,
} from "../payments/escrow";
import { platformAccountId } from "../payments/platform-account";
import { computeSplit, DEFAULT_TEACHER_COMMISSION } from "../payments/split";

const DAY_MS = 86_400_000;
const REFUND_WINDOW_DAYS = 14;
const paymentIdOf = (enrollmentId: string) => `pi_demo_${enrollmentId.replaceAll("-", "")}`;

/** Payouts already made in the demo: recipient, and which learners' purchases they covered. */
const DEMO_PAYOUTS = [
  { recipient: "marcus", learners: ["aisha", "chloe"], daysAgo: 20 },
  { recipient: "gabriel", learners: ["marcus", "aisha"], daysAgo: 30 },
];
const DEMO_SPONSORSHIP = { employer: "employer", learner: "sarah", course: "fullstack-web-apps" };

export async function seedDemoMoney(tx: Db, now = Date.now()): Promise<void> {
  const [done] = await tx
    .select({ id: s.transactions.id })
    .from(s.transactions)
    .where(like(s.transactions.stripePaymentId, "pi_demo_%"))
    .limit(1);
  if (done) return;
  const platformId = await platformAccountId(tx);
  const handles = new Map(
    (await tx.select({ id: s.users.id, handle: s.users.handle }).from(s.users)).map((u) => [
      u.handle,
      u.id,
    ]),
  );
  const uid = (h: string) => {
    const id = handles.get(h);
    if (!id) throw new Error(`demo money: no user ${h}`);
    return id;
  };

  // Fake connected accounts for everyone who earns.
  const earners = await tx
    .select({ id: s.users.id, handle: s.users.handle })
    .from(s.users)
    .where(sql`${s.users.isCreator} or ${s.users.isStudentTeacher}`);
  if (earners.length) {
    await tx
      .insert(s.paymentAccounts)
      .values(earners.map((u) => ({ userId: u.id, stripeAccountId: `acct_demo_${u.handle}` })))
      .onConflictDoNothing();
  }

  const rows = await tx
    .select({
      enrollment: s.enrollments,
      price: s.courses.priceCents,
      currency: s.courses.currency,
      creatorId: s.courses.creatorId,
      slug: s.courses.slug,
      commission: s.peerloopFeatures.teacherCommission,
    })
    .from(s.enrollments)
    .innerJoin(s.courses, eq(s.courses.id, s.enrollments.courseId))
    .leftJoin(s.peerloopFeatures, eq(s.peerloopFeatures.courseId, s.courses.id))
    .orderBy(s.enrollments.enrolledAt);

  for (const r of rows) {
    const e = r.enrollment;
    const cancelled = e.status === "cancelled";
    const transactionId = uuidv7();
    await tx.insert(s.transactions).values({
      id: transactionId,
      enrollmentId: e.id,
      amountCents: r.price,
      currency: r.currency,
      stripePaymentId: paymentIdOf(e.id),
      status: cancelled ? "refunded" : "completed",
      paidAt: e.enrolledAt,
      createdAt: e.enrolledAt,
    });
    const shares = computeSplit(r.price, r.commission ?? DEFAULT_TEACHER_COMMISSION);
    const splits = [
      { type: "platform" as const, recipientId: platformId, share: shares.platform },
      { type: "creator" as const, recipientId: r.creatorId, share: shares.creator },
      {
        type: "student_teacher" as const,
        recipientId: e.studentTeacherId ?? r.creatorId,
        share: shares.teacher,
      },
    ].filter((x) => x.share.cents > 0);
    await tx.insert(s.paymentSplits).values(
      splits.map((x) => ({
        id: uuidv7(),
        transactionId,
        recipientId: x.recipientId,
        recipientType: x.type,
        amountCents: x.share.cents,
        currency: r.currency,
        percentage: x.share.percent,
        status: cancelled ? ("cancelled" as const) : ("pending" as const),
        createdAt: e.enrolledAt,
      })),
    );
    if (cancelled) continue;
    if (e.status === "completed") await releaseOnEnrollmentCompleted(tx, e.id);
    else if (e.enrolledAt.getTime() <= now - REFUND_WINDOW_DAYS * DAY_MS)
      await closeRefundWindow(tx, e.id);
  }

  const sponsored = rows.find(
    (r) =>
      r.enrollment.studentId === uid(DEMO_SPONSORSHIP.learner) &&
      r.slug === DEMO_SPONSORSHIP.course,
  );
  if (sponsored) {
    await tx
      .insert(s.employerSponsorships)
      .values({
        id: uuidv7(),
        employerId: uid(DEMO_SPONSORSHIP.employer),
        studentId: sponsored.enrollment.studentId,
        enrollmentId: sponsored.enrollment.id,
        createdAt: sponsored.enrollment.enrolledAt,
      })
      .onConflictDoNothing();
  }

  for (const p of DEMO_PAYOUTS) await demoPayout(tx, p, uid, now);
}

async function demoPayout(
  tx: Db,
  p: (typeof DEMO_PAYOUTS)[number],
  uid: (h: string) => string,
  now: number,
) {
  const recipientId = uid(p.recipient);
  const learnerIds = p.learners.map(uid);
  const releases = await tx
    .select({
      release: s.splitReleases,
      split: s.paymentSplits,
      enrollmentId: s.transactions.enrollmentId,
    })
    .from(s.splitReleases)
    .innerJoin(s.paymentSplits, eq(s.paymentSplits.id, s.splitReleases.splitId))
    .innerJoin(s.transactions, eq(s.transactions.id, s.paymentSplits.transactionId))
    .innerJoin(s.enrollments, eq(s.enrollments.id, s.transactions.enrollmentId))
    .where(
      and(
        eq(s.paymentSplits.recipientId, recipientId),
        inArray(s.enrollments.studentId, learnerIds),
        sql`${s.splitReleases.payoutId} is null`,
      ),
    );
  if (!releases.length) return;
  const at = new Date(now - p.daysAgo * DAY_MS);
  const payoutId = uuidv7();
  const amount = releases.reduce((n, r) => n + r.release.amountCents, 0);
  const byEnrollment = new Map<string, number>();
  for (const r of releases)
    byEnrollment.set(
      r.enrollmentId,
      (byEnrollment.get(r.enrollmentId) ?? 0) + r.release.amountCents,
    );
  const transfers = [...byEnrollment].map(([enrollmentId, cents]) => ({
    id: uuidv7(),
    payoutId,
    enrollmentId,
    amountCents: cents,
    transferId: `tr_demo_${uuidv7().replaceAll("-", "")}`,
    status: "paid",
    createdAt: at,
  }));
  await tx.insert(s.payouts).values({
    id: payoutId,
    recipientId,
    amountCents: amount,
    currency: releases[0]?.split.currency ?? "USD",
    stripeTransferId: transfers[0]?.transferId ?? null,
    status: "completed",
    approvedBy: uid("admin"),
    approvedAt: at,
    paidAt: at,
    createdAt: at,
  });
  await tx.insert(s.payoutTransfers).values(transfers);
  await tx
    .update(s.splitReleases)
    .set({ payoutId, paidAt: at })
    .where(
      inArray(
        s.splitReleases.id,
        releases.map((r) => r.release.id),
      ),
    );
  const splitIds = [...new Set(releases.map((r) => r.split.id))];
  await tx.update(s.paymentSplits).set({ payoutId }).where(inArray(s.paymentSplits.id, splitIds));
  for (const split of await tx
    .select()
    .from(s.paymentSplits)
    .where(inArray(s.paymentSplits.id, splitIds))) {
    await refreshSplitStatus(tx, split);
  }
}
