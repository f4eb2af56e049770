/**
 * Refunds of an enrollment: whether the window is still open (one rule, used by the
 * cancel route and by the PWA's "Changed your mind?" offer) and the cancellation itself.
 * The window: REFUND_WINDOW_DAYS from payment, and only while no session was used
 * (completed, or cancelled too late by the learner), nothing was released and the
 * enrollment is not complete.
 */
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { RefundInfo } from "../../shared/api/payments";
import { isUuid } from "../../shared/ids/uuidv7";
import { DAY_MS } from "../../shared/scheduling/time-zones";
import type { SessionUser } from "../auth/sessions";
import type { Db } from "../db/database";
import {
  checkoutSessions,
  courses,
  employerSponsorships,
  enrollments,
  paymentSplits,
  sessions,
  splitReleases,
  transactions,
} from "../db/schema";
import type { Deps } from "../http/context";
import { ApiError } from "../http/errors";
import { withdrawSessions } from "../scheduling/withdraw";
import { lockSplits, usedSession } from "./escrow";
import { formatMoney, notify } from "./notify";
import { ProviderError, paymentProvider } from "./provider";

type EnrollmentRow = typeof enrollments.$inferSelect;
type TransactionRow = typeof transactions.$inferSelect;
export type RefundBlock = "completed" | "window_over" | "session_used" | "released";

/** The last moment a refund is possible by time alone (a used session ends it sooner). */
export const refundDeadline = (txn: TransactionRow, windowDays: number) =>
  new Date((txn.paidAt ?? txn.createdAt).getTime() + windowDays * DAY_MS);

/** Why the window is closed for this paid enrollment, or null while it is open. */
async function refundBlock(
  tx: Db,
  input: { enrollment: EnrollmentRow; txn: TransactionRow; splitIds: string[]; windowDays: number },
  now: Date,
): Promise<RefundBlock | null> {
  if (input.enrollment.status === "completed") return "completed";
  if (now.getTime() >= refundDeadline(input.txn, input.windowDays).getTime()) return "window_over";
  const [used] = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.enrollmentId, input.enrollment.id), usedSession))
    .limit(1);
  if (used) return "session_used";
  if (!input.splitIds.length) return null;
  const [released] = await tx
    .select({ id: splitReleases.id })
    .from(splitReleases)
    .where(inArray(splitReleases.splitId, input.splitIds))
    .limit(1);
  return released ? "released" : null;
}

/** The learner's or sponsor's enrollment (locked when `lock`); anyone else: 404. */
async function ownEnrollment(tx: Db, user: SessionUser, enrollmentId: string, lock: boolean) {
  // Anything but a well-formed uuid would reach the uuid column and fail there.
  if (!isUuid(enrollmentId)) throw new ApiError(404, "not_found", "No such enrollment.");
  const query = tx.select().from(enrollments).where(eq(enrollments.id, enrollmentId));
  const [enrollment] = lock ? await query.for("update") : await query;
  const [sponsor] = enrollment
    ? await tx
        .select({ employerId: employerSponsorships.employerId })
        .from(employerSponsorships)
        .where(eq(employerSponsorships.enrollmentId, enrollmentId))
    : [];
  if (!enrollment || (enrollment.studentId !== user.id && sponsor?.employerId !== user.id)) {
    throw new ApiError(404, "not_found", "No such enrollment.");
  }
  return { enrollment, sponsor };
}

async function paidTransaction(tx: Db, enrollmentId: string, lock: boolean) {
  const query = tx
    .select()
    .from(transactions)
    .where(and(eq(transactions.enrollmentId, enrollmentId), eq(transactions.status, "completed")));
  const [txn] = lock ? await query.for("update") : await query;
  return txn;
}

/** GET /api/enrollments/:id/refund: may it still be cancelled for a refund, and until when. */
export async function refundInfo(
  deps: Pick<Deps, "db" | "config">,
  user: SessionUser,
  enrollmentId: string,
  now = new Date(),
): Promise<RefundInfo> {
  const { db, config } = deps;
  const windowDays = config.REFUND_WINDOW_DAYS;
  const { enrollment } = await ownEnrollment(db, user, enrollmentId, false);
  const base = { enrollmentId, windowDays };
  if (enrollment.status === "cancelled") {
    return { ...base, refundable: false, deadline: null, reason: "cancelled" };
  }
  const txn = await paidTransaction(db, enrollment.id, false);
  if (!txn) return { ...base, refundable: false, deadline: null, reason: "no_payment" };
  const splits = await db
    .select({ id: paymentSplits.id })
    .from(paymentSplits)
    .where(and(eq(paymentSplits.transactionId, txn.id), ne(paymentSplits.status, "cancelled")));
  const block = await refundBlock(
    db,
    { enrollment, txn, splitIds: splits.map((s) => s.id), windowDays },
    now,
  );
  return {
    ...base,
    refundable: block === null,
    deadline: refundDeadline(txn, windowDays).toISOString(),
    reason: block,
  };
}

/**
 * The learner (or their sponsor) cancels inside the refund window: full refund through the
 * provider, transaction `refunded`, enrollment `cancelled`, every split `cancelled`. The
 * rows stay locked across the refund call so the release job cannot release them meanwhile.
 */
export async function cancelEnrollment(
  deps: Deps,
  user: SessionUser,
  enrollmentId: string,
  reason: string | undefined,
): Promise<{ refundedCents: number; refundId: string | null }> {
  const { db, config } = deps;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const { enrollment, sponsor } = await ownEnrollment(tx, user, enrollmentId, true);
    if (enrollment.status === "cancelled") {
      throw new ApiError(409, "not_refundable", "This enrollment is already cancelled.");
    }
    const txn = await paidTransaction(tx, enrollmentId, true);
    if (!txn) {
      throw new ApiError(409, "not_refundable", "This enrollment has no payment to refund.");
    }
    const splits = await lockSplits(tx, enrollmentId);
    const windowDays = config.REFUND_WINDOW_DAYS;
    const block = await refundBlock(
      tx,
      { enrollment, txn, splitIds: splits.map((s) => s.id), windowDays },
      new Date(),
    );
    if (block) {
      throw new ApiError(
        409,
        "refund_window_closed",
        `Refunds are possible for ${windowDays} days after purchase, until a first session is completed or used.`,
      );
    }
    let refundId: string | null = null;
    if (txn.amountCents > 0) {
      try {
        ({ refundId } = await paymentProvider(config).refund(
          txn.stripePaymentId,
          `refund-${txn.id}`,
        ));
      } catch (err) {
        if (err instanceof ProviderError) {
          throw new ApiError(
            502,
            "payment_provider_error",
            "The refund did not go through; nothing was cancelled. Try again.",
          );
        }
        throw err;
      }
    }
    const now = new Date();
    await tx.update(transactions).set({ status: "refunded" }).where(eq(transactions.id, txn.id));
    await tx
      .update(paymentSplits)
      .set({ status: "cancelled" })
      .where(and(eq(paymentSplits.transactionId, txn.id), isNull(paymentSplits.payoutId)));
    await tx
      .update(enrollments)
      .set({
        status: "cancelled",
        cancelledAt: now,
        cancelReason: reason ?? "Cancelled with a full refund",
        updatedAt: now,
      })
      .where(eq(enrollments.id, enrollmentId));
    await tx
      .update(checkoutSessions)
      .set({ status: "refunded", updatedAt: now })
      .where(eq(checkoutSessions.enrollmentId, enrollmentId));
    // Its booked sessions go with it (not counted; learner and teacher told).
    const [course] = await tx
      .select({ title: courses.title })
      .from(courses)
      .where(eq(courses.id, enrollment.courseId));
    await withdrawSessions(tx, {
      enrollmentId,
      statuses: ["scheduled", "in_progress"],
      cancelledBy: user.id,
      reason: "the enrollment was cancelled and refunded",
      courseTitle: course?.title ?? "course",
      now,
    });
    await tx
      .update(courses)
      .set({ studentCount: sql`greatest(${courses.studentCount} - 1, 0)` })
      .where(eq(courses.id, enrollment.courseId));
    await notify(tx, [
      {
        userId: enrollment.studentId,
        type: "refund",
        title: "Enrollment cancelled and refunded",
        body: `${formatMoney(txn.amountCents, txn.currency)} is on its way back${sponsor ? " to your sponsor" : ""}.`,
      },
      ...(sponsor
        ? [
            {
              userId: sponsor.employerId,
              type: "refund" as const,
              title: "Sponsored enrollment cancelled and refunded",
              body: `${formatMoney(txn.amountCents, txn.currency)} is on its way back to your payment method.`,
              actionUrl: "/sponsorships",
            },
          ]
        : []),
      ...(enrollment.studentTeacherId
        ? [
            {
              userId: enrollment.studentTeacherId,
              type: "enrollment_cancelled" as const,
              title: "A student cancelled",
              body: "An enrollment you were teaching was cancelled inside its refund window.",
            },
          ]
        : []),
    ]);
    return { refundedCents: txn.amountCents, refundId };
  });
}
