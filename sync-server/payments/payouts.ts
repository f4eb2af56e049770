// TEMPORARY (admin branch): replaced by the payments/credentials branch at merge
/**
 * Minimal payout queue and approval so the admin dashboard runs before the payments branch
 * lands: no Stripe transfer here, the released splits are simply marked paid.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import { paymentSplits, payouts, users } from "../db/schema";
import type { Deps } from "../http/context";
import { ApiError } from "../http/errors";

export type PayoutQueueRow = {
  recipientId: string;
  name: string;
  email: string;
  releasedUnpaidCents: number;
  currency: string;
  splitCount: number;
  hasConnectedAccount: boolean;
};

export async function listPayoutQueue(db: Db): Promise<PayoutQueueRow[]> {
  // Sum per recipient first (on the partial payout-queue index), then name them.
  const due = db
    .select({
      recipientId: paymentSplits.recipientId,
      currency: paymentSplits.currency,
      cents: sql<number>`sum(${paymentSplits.amountCents})::float8`.as("cents"),
      splits: sql<number>`count(*)::int`.as("splits"),
    })
    .from(paymentSplits)
    .where(and(eq(paymentSplits.status, "released"), isNull(paymentSplits.payoutId)))
    .groupBy(paymentSplits.recipientId, paymentSplits.currency)
    .as("due");
  const rows = await db
    .select({
      recipientId: due.recipientId,
      name: users.name,
      email: users.email,
      releasedUnpaidCents: due.cents,
      currency: due.currency,
      splitCount: due.splits,
    })
    .from(due)
    .innerJoin(users, eq(users.id, due.recipientId))
    .orderBy(sql`${due.cents} desc`);
  return rows.map((r) => ({
    ...r,
    releasedUnpaidCents: Number(r.releasedUnpaidCents),
    hasConnectedAccount: false,
  }));
}

export async function approvePayout(
  deps: Deps,
  input: { recipientId: string; approvedBy: string },
): Promise<{
  payoutId: string;
  status: "paid" | "failed";
  amountCents: number;
  transferId: string | null;
  error: string | null;
}> {
  return deps.db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: paymentSplits.id,
        amountCents: paymentSplits.amountCents,
        currency: paymentSplits.currency,
      })
      .from(paymentSplits)
      .where(
        and(
          eq(paymentSplits.recipientId, input.recipientId),
          eq(paymentSplits.status, "released"),
          isNull(paymentSplits.payoutId),
        ),
      )
      .for("update");
    if (due.length === 0) throw new ApiError(404, "not_found", "Nothing is due to this recipient.");
    const amountCents = due.reduce((s, d) => s + d.amountCents, 0);
    const now = new Date();
    const payoutId = uuidv7();
    await tx.insert(payouts).values({
      id: payoutId,
      recipientId: input.recipientId,
      amountCents,
      currency: due[0]?.currency ?? "USD",
      status: "completed",
      approvedBy: input.approvedBy,
      approvedAt: now,
      paidAt: now,
    });
    for (const d of due) {
      await tx
        .update(paymentSplits)
        .set({ status: "paid", paidAt: now, payoutId })
        .where(eq(paymentSplits.id, d.id));
    }
    return { payoutId, status: "paid" as const, amountCents, transferId: null, error: null };
  });
}
