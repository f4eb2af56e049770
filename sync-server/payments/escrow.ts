/**
 * The escrow: every split starts `pending` and is released into the recipient's payable
 * balance by rows of split_releases (README "Money"):
 * - the refund window (REFUND_WINDOW_DAYS from payment, and only until the first used
 *   session) closes → creator and platform shares are released whole (`window` rows);
 * - each used session releases floor(teaching share / session count) of the teaching share
 *   (`session` rows, one per session; the last takes the remainder). Used = completed, or
 *   cancelled by the learner too late (`counts_as_used`): the teacher kept that time free;
 * - the enrollment completes → whatever is left of every share is released.
 * A split turns `released` when its releases add up to its amount, `paid` when payouts have
 * paid all of them. Inside the window, the learner may cancel for a full refund instead
 * (refund.ts).
 */
import { and, eq, ne, or, sql } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { DAY_MS } from "../../shared/scheduling/time-zones";
import { type Db, queryRows } from "../db/database";
import {
  checkoutSessions,
  courses,
  enrollments,
  paymentSplits,
  sessions,
  splitReleases,
  transactions,
} from "../db/schema";
import { sessionRelease } from "./split";

type SplitRow = typeof paymentSplits.$inferSelect;

/** A session the teacher has earned: completed, or counted as used by a late learner cancel. */
export const usedSession = or(
  eq(sessions.status, "completed"),
  and(eq(sessions.status, "cancelled"), eq(sessions.countsAsUsed, true)),
);
/** The same, for raw SQL over `sessions x`. */
const USED_X = sql`(x.status = 'completed' or (x.status = 'cancelled' and x.counts_as_used))`;

export async function releasedSoFar(tx: Db, splitId: string) {
  const [row] = await queryRows<{ cents: number; sessions: number; unpaid: number }>(
    tx,
    sql`select coalesce(sum(amount_cents), 0)::int as cents,
               count(*) filter (where kind = 'session')::int as sessions,
               count(*) filter (where paid_at is null)::int as unpaid
        from split_releases where split_id = ${splitId}`,
  );
  return row ?? { cents: 0, sessions: 0, unpaid: 0 };
}

/**
 * The teaching share of a transaction across all its rows (one per teacher it was assigned
 * to): its amount, what was released of it, in how many session releases, and whether
 * `sessionId` already has its release.
 */
async function teachingShare(tx: Db, transactionId: string, sessionId: string) {
  const [row] = await queryRows<{
    total: number;
    released: number;
    sessions: number;
    this_session: number;
  }>(
    tx,
    sql`select (select coalesce(sum(amount_cents), 0) from payment_splits
                 where transaction_id = ${transactionId} and recipient_type = 'student_teacher'
                   and status <> 'cancelled')::int as total,
               coalesce(sum(r.amount_cents), 0)::int as released,
               count(*) filter (where r.kind = 'session')::int as sessions,
               count(*) filter (where r.session_id = ${sessionId})::int as this_session
        from split_releases r join payment_splits s on s.id = r.split_id
        where s.transaction_id = ${transactionId} and s.recipient_type = 'student_teacher'
          and s.status <> 'cancelled'`,
  );
  return {
    totalCents: row?.total ?? 0,
    releasedCents: row?.released ?? 0,
    sessions: row?.sessions ?? 0,
    thisSession: (row?.this_session ?? 0) > 0,
  };
}

/** Re-derives a split's status from its releases (never touches cancelled splits). */
export async function refreshSplitStatus(tx: Db, split: SplitRow): Promise<void> {
  if (split.status === "cancelled") return;
  const r = await releasedSoFar(tx, split.id);
  if (r.cents < split.amountCents) return;
  const status = r.unpaid === 0 ? "paid" : "released";
  if (status === split.status) return;
  const now = new Date();
  await tx
    .update(paymentSplits)
    .set({
      status,
      releasedAt: split.releasedAt ?? now,
      ...(status === "paid" ? { paidAt: now } : {}),
    })
    .where(eq(paymentSplits.id, split.id));
}

/** Releases what is left of one split (whole, or its remainder) as one `kind` row. */
async function releaseRest(tx: Db, split: SplitRow, kind: "window" | "completion") {
  const r = await releasedSoFar(tx, split.id);
  const rest = split.amountCents - r.cents;
  if (rest > 0) {
    await tx
      .insert(splitReleases)
      .values({ id: uuidv7(), splitId: split.id, kind, amountCents: rest })
      .onConflictDoNothing();
  }
  await refreshSplitStatus(tx, split);
}

/** The locked, not-cancelled splits of an enrollment's paid transaction. */
export async function lockSplits(tx: Db, enrollmentId: string): Promise<SplitRow[]> {
  return tx
    .select({ split: paymentSplits })
    .from(paymentSplits)
    .innerJoin(transactions, eq(transactions.id, paymentSplits.transactionId))
    .where(
      and(
        eq(transactions.enrollmentId, enrollmentId),
        eq(transactions.status, "completed"),
        ne(paymentSplits.status, "cancelled"),
      ),
    )
    .orderBy(paymentSplits.id)
    .for("update", { of: paymentSplits })
    .then((rows) => rows.map((r) => r.split));
}

/** The refund window is over for this enrollment: release creator and platform shares. */
export async function closeRefundWindow(tx: Db, enrollmentId: string): Promise<void> {
  for (const split of await lockSplits(tx, enrollmentId)) {
    if (split.recipientType !== "student_teacher") await releaseRest(tx, split, "window");
  }
}

/**
 * A session was used (completed, or cancelled too late by the learner): release its part of
 * the teaching share (and, as the first used session ends the refund window, the creator
 * and platform shares). Called inside the transaction that completes a session; the money
 * job calls it for late-cancelled ones. Idempotent per session; no-op for a session that is
 * not used or an enrollment without a paid transaction.
 */
export async function releaseTeacherShareForSession(
  tx: Db,
  sessionId: string,
): Promise<{ releasedCents: number }> {
  const [session] = await tx
    .select({ enrollmentId: sessions.enrollmentId })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), usedSession));
  if (!session) return { releasedCents: 0 };
  const splits = await lockSplits(tx, session.enrollmentId);
  let releasedCents = 0;
  // The live teaching row; rows closed by a reassignment keep only what they were released.
  const teaching = splits.find((s) => s.recipientType === "student_teacher" && !s.reassignedAt);
  if (teaching) {
    const [course] = await tx
      .select({ sessionCount: courses.sessionCount, moduleCount: courses.moduleCount })
      .from(enrollments)
      .innerJoin(courses, eq(courses.id, enrollments.courseId))
      .where(eq(enrollments.id, session.enrollmentId));
    const count = course?.sessionCount ?? course?.moduleCount ?? 1;
    // Counted over the whole teaching share (every teacher's row), so a reassignment changes
    // neither the per-session part nor which session takes the remainder, and a session
    // released to an earlier teacher is never released again.
    const share = await teachingShare(tx, teaching.transactionId, sessionId);
    const own = await releasedSoFar(tx, teaching.id);
    const cents = share.thisSession
      ? 0
      : Math.min(
          teaching.amountCents - own.cents,
          sessionRelease(share.totalCents, count, share.releasedCents, share.sessions),
        );
    if (cents > 0) {
      const inserted = await tx
        .insert(splitReleases)
        .values({
          id: uuidv7(),
          splitId: teaching.id,
          kind: "session",
          sessionId,
          amountCents: cents,
        })
        .onConflictDoNothing()
        .returning({ id: splitReleases.id });
      if (inserted.length) releasedCents = cents;
    }
    await refreshSplitStatus(tx, teaching);
  }
  for (const split of splits) {
    if (split.recipientType !== "student_teacher") await releaseRest(tx, split, "window");
  }
  return { releasedCents };
}

/** The enrollment is complete: everything still held for it is released. */
export async function releaseOnEnrollmentCompleted(tx: Db, enrollmentId: string): Promise<void> {
  for (const split of await lockSplits(tx, enrollmentId)) {
    await releaseRest(
      tx,
      split,
      split.recipientType === "student_teacher" ? "completion" : "window",
    );
  }
}

/**
 * The periodic job: releases what is due and was not released by a direct call — windows
 * past REFUND_WINDOW_DAYS, sessions used (a late learner cancellation is released only
 * here), enrollments completed — and expires local checkouts left open. Each enrollment in
 * its own short transaction.
 */
export async function runReleaseJob(
  db: Db,
  windowDays: number,
  now = new Date(),
): Promise<{ enrollments: number }> {
  const cutoff = new Date(now.getTime() - windowDays * DAY_MS);
  // Only enrollments with something to release now: a creator or platform share whose
  // window is over, any share of a completed enrollment, or a used session whose part of
  // the teaching share has not been released.
  const due = await queryRows<{ enrollment_id: string; completed: boolean }>(
    db,
    sql`select distinct t.enrollment_id, e.status = 'completed' as completed
        from payment_splits s
        join transactions t on t.id = s.transaction_id
        join enrollments e on e.id = t.enrollment_id
        where s.status = 'pending' and t.status = 'completed'
          and (e.status = 'completed'
               or (s.recipient_type <> 'student_teacher'
                   and (t.paid_at <= ${cutoff.toISOString()}::timestamptz
                        or exists (select 1 from sessions x
                                   where x.enrollment_id = t.enrollment_id and ${USED_X})))
               or (s.recipient_type = 'student_teacher'
                   and exists (select 1 from sessions x
                               where x.enrollment_id = t.enrollment_id and ${USED_X}
                                 and not exists (select 1 from split_releases r
                                                 join payment_splits y on y.id = r.split_id
                                                 where y.transaction_id = s.transaction_id
                                                   and y.recipient_type = 'student_teacher'
                                                   and r.session_id = x.id))))`,
  );
  for (const row of due) {
    await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      if (row.completed) return releaseOnEnrollmentCompleted(tx, row.enrollment_id);
      const done = await tx
        .select({ id: sessions.id })
        .from(sessions)
        .where(and(eq(sessions.enrollmentId, row.enrollment_id), usedSession))
        .orderBy(sessions.scheduledStart);
      for (const s of done) await releaseTeacherShareForSession(tx, s.id);
      await closeRefundWindow(tx, row.enrollment_id);
    });
  }
  await db
    .update(checkoutSessions)
    .set({ status: "expired", updatedAt: now })
    .where(
      and(
        eq(checkoutSessions.provider, "local"),
        eq(checkoutSessions.status, "open"),
        sql`${checkoutSessions.expiresAt} <= ${now.toISOString()}::timestamptz`,
      ),
    );
  return { enrollments: due.length };
}
