/**
 * Refunds owed as the webhook and the money job leave them (payments/refunds-owed.ts): a
 * failed checkout and its refunds_owed row, in any state — not tried yet, failed some
 * times with Stripe's last error, or refunded. No vitest imports, so the end-to-end run
 * uses it too.
 */
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";

export interface OwedRefund {
  learnerId: string;
  /** Who paid (an employer sponsoring the learner); the learner when left out. */
  payerId?: string;
  courseId: string;
  teacherId: string;
  amountCents: number;
  currency?: string;
  reason?: string;
  attempts?: number;
  lastError?: string | null;
  createdAt?: Date;
  refundedAt?: Date | null;
}

/** Writes the failed checkout and what it owes; returns the refunds_owed row. */
export async function owedRefund(db: Db, r: OwedRefund) {
  const checkoutId = uuidv7();
  const createdAt = r.createdAt ?? new Date();
  const reason = r.reason ?? "already_enrolled";
  await db.insert(s.checkoutSessions).values({
    id: checkoutId,
    provider: "stripe",
    providerSessionId: `cs_owed_${checkoutId}`,
    payerId: r.payerId ?? r.learnerId,
    learnerId: r.learnerId,
    courseId: r.courseId,
    teacherId: r.teacherId,
    amountCents: r.amountCents,
    currency: r.currency ?? "USD",
    teacherCommission: 70,
    teacherRole: "creator",
    plannedEnrollmentId: uuidv7(),
    status: "failed",
    failureReason: reason,
    url: "https://checkout.stripe.test/owed",
    expiresAt: new Date(createdAt.getTime() + 86_400_000),
    createdAt,
  });
  const refundedAt = r.refundedAt ?? null;
  const [row] = await db
    .insert(s.refundsOwed)
    .values({
      id: uuidv7(),
      checkoutId,
      paymentId: `pi_owed_${checkoutId.replaceAll("-", "")}`,
      amountCents: r.amountCents,
      currency: r.currency ?? "USD",
      reason,
      attempts: r.attempts ?? 0,
      lastError: r.lastError ?? null,
      lastAttemptAt: r.attempts ? (refundedAt ?? createdAt) : null,
      refundId: refundedAt ? `re_owed_${checkoutId.slice(0, 8)}` : null,
      refundedAt,
      createdAt,
    })
    .returning();
  if (!row) throw new Error("no refunds_owed row written");
  return row;
}
