/** Admin reads of the money side: transactions, splits by state, refunds, payouts. */
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import {
  PAYMENT_RECIPIENT_TYPES,
  PAYMENT_SPLIT_STATUSES,
  type PaymentRecipientType,
  type PaymentSplitStatus,
  type PayoutStatus,
} from "../../../shared/domain/enums";
import type { Db } from "../../db/database";
import { courses, enrollments, payouts, transactions, users } from "../../db/schema";
import { cached } from "./cache";
import {
  decodeCursor,
  isUuid,
  type ListQuery,
  likePrefix,
  olderThan,
  PAGE_SIZE,
  pageOf,
  userIdsMatching,
} from "./paging";
import { counterTotals, foldRollups } from "./rollups";

/**
 * The transactions `q` finds: the learner's name, email or handle starts with it, the
 * course title starts with it, or it is the payment id (Stripe's, or ours). A union of
 * index-driven lookups (users and courses prefix indexes, then enrollments and transactions
 * by foreign key; the payment id by its unique index), so a rare match does not scan every
 * transaction.
 */
function transactionsMatching(q: string): SQL | undefined {
  const term = likePrefix(q);
  if (!term) return undefined;
  const parts = [
    sql`select t.id from transactions t join enrollments e on e.id = t.enrollment_id
        where e.student_id in (${userIdsMatching(term)})`,
    sql`select t.id from transactions t join enrollments e on e.id = t.enrollment_id
        where e.course_id in (select c.id from courses c where lower(c.title) like ${term})`,
    sql`select t.id from transactions t where t.stripe_payment_id = ${q.trim()}`,
  ];
  if (isUuid(q.trim())) parts.push(sql`select ${q.trim().toLowerCase()}::uuid`);
  return sql`${transactions.id} in (${sql.join(parts, sql` union all `)})`;
}

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
      studentEmail: users.email,
      paymentId: transactions.stripePaymentId,
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
        query.q ? transactionsMatching(query.q) : undefined,
        olderThan(transactions.createdAt, transactions.id, cursor),
      ),
    )
    .orderBy(desc(transactions.createdAt), desc(transactions.id))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({ at: r.createdAt, id: r.id }));
}

/**
 * Totals per split state and recipient type (pending = in escrow, released, paid), from the
 * running totals (rollups.ts); cached briefly like the overview (cache.ts).
 */
export async function splitsByState(db: Db, fresh = false) {
  return (await cached(db, "splits", fresh, () => computeSplitsByState(db))).value;
}

async function computeSplitsByState(db: Db) {
  await foldRollups(db);
  const rows: {
    status: PaymentSplitStatus;
    recipientType: PaymentRecipientType;
    currency: string;
    count: number;
    cents: number;
  }[] = [];
  for (const [metric, total] of await counterTotals(db)) {
    const [kind, status, recipientType, currency] = metric.split("|");
    if (kind !== "splits" || !status || !recipientType || !currency || total.n === 0) continue;
    rows.push({
      status: status as PaymentSplitStatus,
      recipientType: recipientType as PaymentRecipientType,
      currency,
      count: total.n,
      cents: total.cents,
    });
  }
  // The enums' order, as `order by status, recipient_type` on the table gave.
  return rows.sort(
    (a, b) =>
      PAYMENT_SPLIT_STATUSES.indexOf(a.status) - PAYMENT_SPLIT_STATUSES.indexOf(b.status) ||
      PAYMENT_RECIPIENT_TYPES.indexOf(a.recipientType) -
        PAYMENT_RECIPIENT_TYPES.indexOf(b.recipientType) ||
      a.currency.localeCompare(b.currency),
  );
}

/** A payout's failed transfers: what they would have paid and why they did not. */
const failedTransfers = (what: SQL) =>
  sql`(select ${what} from payout_transfers t
        where t.payout_id = ${payouts.id} and t.status = 'failed')`;

/**
 * Payouts, newest approval first (keyset on approved_at, id), optionally of one status;
 * `q` matches the start of the recipient's name, email or handle. Each row carries its failed
 * transfers' total and reasons (payout_transfers, by its (payout_id, …) index): a payout
 * that is `completed` may still have failed for some enrollments.
 */
export async function listPayouts(
  db: Db,
  query: ListQuery & { status?: PayoutStatus | undefined },
) {
  const limit = query.limit ?? PAGE_SIZE;
  const term = likePrefix(query.q);
  const cursor = decodeCursor(query.cursor);
  const rows = await db
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
      failedCents: sql<number>`${failedTransfers(sql`coalesce(sum(t.amount_cents), 0)::int`)}`,
      failures: sql<
        string | null
      >`${failedTransfers(sql`string_agg(coalesce(t.error, 'unknown error'), '; ' order by t.created_at, t.id)`)}`,
    })
    .from(payouts)
    .innerJoin(users, eq(users.id, payouts.recipientId))
    .where(
      and(
        query.status ? eq(payouts.status, query.status) : undefined,
        term ? sql`${payouts.recipientId} in (${userIdsMatching(term)})` : undefined,
        olderThan(payouts.approvedAt, payouts.id, cursor),
      ),
    )
    .orderBy(desc(payouts.approvedAt), desc(payouts.id))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({ at: r.approvedAt, id: r.id }));
}
