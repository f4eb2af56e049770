/**
 * Refunds the server owes (table refunds_owed, payments/refunds-owed.ts): money that came in
 * for a checkout that could not become an enrollment. The money job retries every unsent
 * one each run, forever, so nothing here changes them: the dashboard only shows them, those
 * still owed first (newest first), then the refunded ones (most recently refunded first).
 * Keyset paging on (owed, created_at | refunded_at, id). The table gains a row only when a
 * payment goes wrong, so it stays small: the owed part is served by refunds_owed_unsent_idx,
 * the rest is a sort of a small table.
 */
import { aliasedTable, and, eq, type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/database";
import { checkoutSessions, courses, refundsOwed, users } from "../../db/schema";
import {
  cursorAt,
  decodeCursor,
  encodeCursor,
  invalidCursor,
  isUuid,
  type ListQuery,
  likePrefix,
  PAGE_SIZE,
  type Page,
  userIdsMatching,
} from "./paging";

/** An unsent refund this old (or one that failed) is the attention panel's business. */
export const REFUND_OVERDUE_MINUTES = 60;

/** The list's filters: still owed (pending or failed), failed at least once, refunded. */
export const REFUND_OWED_FILTERS = ["owed", "failed", "refunded"] as const;
export type RefundOwedFilter = (typeof REFUND_OWED_FILTERS)[number];

/** A row's state: `pending` (not tried yet, or no provider to try), `failed`, `refunded`. */
export type RefundOwedState = "pending" | "failed" | "refunded";

const payer = aliasedTable(users, "payer");
const unsent = sql`(${refundsOwed.refundedAt} is null)`;

interface RefundCursor {
  owed: boolean;
  at: Date;
  id: string;
}

/** `<1 owed | 0 refunded>_<created_at | refunded_at>_<id>`. */
function encodeRefundCursor(r: { createdAt: Date; refundedAt: Date | null; id: string }) {
  return `${r.refundedAt ? 0 : 1}_${encodeCursor(r.refundedAt ?? r.createdAt, r.id)}`;
}

/** Undefined for no cursor (the first page); a malformed one is `400 invalid_cursor`. */
function decodeRefundCursor(raw: string | undefined): RefundCursor | undefined {
  if (!raw) return undefined;
  const owed = raw.slice(0, 2);
  if (owed !== "1_" && owed !== "0_") throw invalidCursor();
  const rest = decodeCursor(raw.slice(2));
  if (!rest) throw invalidCursor();
  return { owed: owed === "1_", ...rest };
}

/** The rows after the cursor in the list's order: owed ones first, then refunded ones. */
function afterCursor(cursor: RefundCursor): SQL {
  if (cursor.owed) {
    return sql`((${unsent} and (${refundsOwed.createdAt}, ${refundsOwed.id})
        < (${cursorAt(refundsOwed.createdAt, refundsOwed.id, cursor)}, ${cursor.id}::uuid))
      or ${refundsOwed.refundedAt} is not null)`;
  }
  return sql`(${refundsOwed.refundedAt} is not null and (${refundsOwed.refundedAt}, ${refundsOwed.id})
      < (${cursorAt(refundsOwed.refundedAt, refundsOwed.id, cursor)}, ${cursor.id}::uuid))`;
}

function filterOf(status: RefundOwedFilter | undefined): SQL | undefined {
  if (status === "owed") return unsent;
  if (status === "failed") return sql`(${unsent} and ${refundsOwed.attempts} > 0)`;
  if (status === "refunded") return sql`(${refundsOwed.refundedAt} is not null)`;
  return undefined;
}

/**
 * The rows `q` finds: the learner's or payer's name, email or handle starts with it, the
 * course title starts with it, or it is the payment id (Stripe's) or the checkout's id.
 */
function refundsMatching(q: string): SQL | undefined {
  const term = likePrefix(q);
  if (!term) return undefined;
  const exact = q.trim();
  const parts = [
    sql`select cs.id from checkout_sessions cs where cs.learner_id in (${userIdsMatching(term)})`,
    sql`select cs.id from checkout_sessions cs where cs.payer_id in (${userIdsMatching(term)})`,
    sql`select cs.id from checkout_sessions cs
        where cs.course_id in (select c.id from courses c where lower(c.title) like ${term})`,
    sql`select r.checkout_id from refunds_owed r where r.payment_id = ${exact}`,
  ];
  if (isUuid(exact)) parts.push(sql`select ${exact.toLowerCase()}::uuid`);
  return sql`${refundsOwed.checkoutId} in (${sql.join(parts, sql` union all `)})`;
}

export async function listRefundsOwed(
  db: Db,
  query: ListQuery & { status?: RefundOwedFilter | undefined },
) {
  const limit = query.limit ?? PAGE_SIZE;
  const cursor = decodeRefundCursor(query.cursor);
  const rows = await db
    .select({
      id: refundsOwed.id,
      checkoutId: refundsOwed.checkoutId,
      learnerId: checkoutSessions.learnerId,
      learner: users.name,
      learnerEmail: users.email,
      payerId: checkoutSessions.payerId,
      payer: payer.name,
      courseId: checkoutSessions.courseId,
      course: courses.title,
      amountCents: refundsOwed.amountCents,
      currency: refundsOwed.currency,
      reason: refundsOwed.reason,
      attempts: refundsOwed.attempts,
      lastError: refundsOwed.lastError,
      lastAttemptAt: refundsOwed.lastAttemptAt,
      paymentId: refundsOwed.paymentId,
      refundId: refundsOwed.refundId,
      createdAt: refundsOwed.createdAt,
      refundedAt: refundsOwed.refundedAt,
    })
    .from(refundsOwed)
    .innerJoin(checkoutSessions, eq(checkoutSessions.id, refundsOwed.checkoutId))
    .innerJoin(users, eq(users.id, checkoutSessions.learnerId))
    .innerJoin(payer, eq(payer.id, checkoutSessions.payerId))
    .innerJoin(courses, eq(courses.id, checkoutSessions.courseId))
    .where(
      and(
        filterOf(query.status),
        query.q ? refundsMatching(query.q) : undefined,
        cursor ? afterCursor(cursor) : undefined,
      ),
    )
    .orderBy(
      sql`${unsent} desc`,
      sql`coalesce(${refundsOwed.refundedAt}, ${refundsOwed.createdAt}) desc`,
      sql`${refundsOwed.id} desc`,
    )
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((r) => ({ ...r, state: stateOf(r) }));
  const last = items[items.length - 1];
  const page: Page<(typeof items)[number]> = {
    items,
    nextCursor: rows.length > limit && last ? encodeRefundCursor(last) : null,
  };
  return page;
}

function stateOf(r: { refundedAt: Date | null; attempts: number }): RefundOwedState {
  if (r.refundedAt) return "refunded";
  return r.attempts > 0 ? "failed" : "pending";
}

/**
 * Refunds still owed that need a person: failed at least once, or owed for longer than
 * REFUND_OVERDUE_MINUTES (e.g. a Stripe payment while no Stripe key is configured is never
 * tried). Per currency; served by refunds_owed_unsent_idx.
 */
export async function overdueRefunds(
  db: Db,
): Promise<{ currency: string; count: number; cents: number }[]> {
  const rows = await queryRows<{ currency: string; n: number; cents: string | number }>(
    db,
    sql`select currency, count(*)::int as n, sum(amount_cents)::bigint as cents
          from refunds_owed
         where refunded_at is null
           and (attempts > 0 or created_at < now() - make_interval(mins => ${REFUND_OVERDUE_MINUTES}))
         group by currency order by currency`,
  );
  return rows.map((r) => ({ currency: r.currency, count: Number(r.n), cents: Number(r.cents) }));
}
