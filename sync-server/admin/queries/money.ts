/** Admin reads of the money side: transactions, splits by state, refunds, payouts. */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { courses, enrollments, paymentSplits, payouts, transactions, users } from "../../db/schema";
import { cached } from "./cache";
import { decodeCursor, type ListQuery, PAGE_SIZE, pageOf } from "./paging";

export async function listTransactions(db: Db, query: ListQuery & { status?: string }) {
  const limit = query.limit ?? PAGE_SIZE;
  const cursor = decodeCursor(query.cursor);
  const rows = await db
    .select({
      id: transactions.id,
      amountCents: transactions.amountCents,
      currency: transactions.currency,
      status: transactions.status,
      createdAt: transactions.createdAt,
      paidAt: transactions.paidAt,
      course: courses.title,
      student: users.name,
    })
    .from(transactions)
    .innerJoin(enrollments, eq(enrollments.id, transactions.enrollmentId))
    .innerJoin(courses, eq(courses.id, enrollments.courseId))
    .innerJoin(users, eq(users.id, enrollments.studentId))
    .where(
      and(
        query.status
          ? sql`${transactions.status} = ${query.status}::transaction_status`
          : undefined,
        cursor
          ? sql`(${transactions.createdAt}, ${transactions.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(transactions.createdAt), desc(transactions.id))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({ at: r.createdAt, id: r.id }));
}

/**
 * Totals per split state and recipient type (pending = in escrow, released, paid). A scan of
 * every split: cached briefly like the overview (cache.ts).
 */
export async function splitsByState(db: Db, fresh = false) {
  return (await cached(db, "splits", fresh, () => computeSplitsByState(db))).value;
}

function computeSplitsByState(db: Db) {
  return db
    .select({
      status: paymentSplits.status,
      recipientType: paymentSplits.recipientType,
      currency: paymentSplits.currency,
      count: sql<number>`count(*)::int`,
      cents: sql<number>`coalesce(sum(${paymentSplits.amountCents}), 0)::float8`,
    })
    .from(paymentSplits)
    .groupBy(paymentSplits.status, paymentSplits.recipientType, paymentSplits.currency)
    .orderBy(paymentSplits.status, paymentSplits.recipientType);
}

export async function listPayouts(db: Db, limit = 50) {
  return db
    .select({
      id: payouts.id,
      recipient: users.name,
      recipientId: payouts.recipientId,
      amountCents: payouts.amountCents,
      currency: payouts.currency,
      status: payouts.status,
      stripeTransferId: payouts.stripeTransferId,
      approvedAt: payouts.approvedAt,
      paidAt: payouts.paidAt,
    })
    .from(payouts)
    .innerJoin(users, eq(users.id, payouts.recipientId))
    .orderBy(desc(payouts.approvedAt))
    .limit(limit);
}
