/** Read models: a recipient's earnings, an employer's sponsored learners. */
import { sql } from "drizzle-orm";
import type { Earnings, Sponsorship } from "../../shared/api/payments";
import type {
  EnrollmentStatus,
  PaymentRecipientType,
  PaymentSplitStatus,
} from "../../shared/domain/enums";
import { type Db, queryRows } from "../db/database";

/** Splits per page of the earnings list, unless the caller asks for fewer (or up to 200). */
export const EARNINGS_PAGE = 50;

/** What each split of `s` has released and paid (one pass over its releases). */
const SPLIT_MONEY = sql`left join lateral (
    select coalesce(sum(r.amount_cents), 0)::bigint as released,
           coalesce(sum(r.amount_cents) filter (where r.paid_at is not null), 0)::bigint as paid
    from split_releases r where r.split_id = s.id) m on true`;

/**
 * A recipient's earnings: totals per currency over every share they have ever had (in SQL,
 * however many there are), and one page of the shares themselves, newest first. A cancelled
 * share (refunded purchase) holds and releases nothing.
 */
export async function earningsOf(
  db: Db,
  userId: string,
  page: { before?: string; limit?: number } = {},
): Promise<Earnings> {
  const totals = await queryRows<{
    currency: string;
    pending: string | number;
    released: string | number;
    paid: string | number;
  }>(
    db,
    sql`select s.currency,
               coalesce(sum(s.amount_cents - m.released) filter (where s.status <> 'cancelled'), 0)::bigint as pending,
               coalesce(sum(m.released - m.paid) filter (where s.status <> 'cancelled'), 0)::bigint as released,
               coalesce(sum(m.paid), 0)::bigint as paid
        from payment_splits s ${SPLIT_MONEY}
        where s.recipient_id = ${userId}
        group by s.currency
        order by s.currency`,
  );
  const limit = page.limit ?? EARNINGS_PAGE;
  // Keyset paging on (created_at, id), compared with the cursor row's own stored timestamp.
  const after = page.before
    ? sql`and (s.created_at, s.id) < (select c.created_at, c.id from payment_splits c
                                        where c.id = ${page.before} and c.recipient_id = ${userId})`
    : sql``;
  const rows = await queryRows<{
    split_id: string;
    recipient_type: PaymentRecipientType;
    status: PaymentSplitStatus;
    course_title: string;
    learner_name: string;
    amount_cents: number;
    released_cents: string | number;
    paid_cents: string | number;
    currency: string;
    created_at: string | Date;
  }>(
    db,
    sql`select s.id as split_id, s.recipient_type, s.status, c.title as course_title,
               u.name as learner_name, s.amount_cents, s.currency, s.created_at,
               m.released as released_cents, m.paid as paid_cents
        from payment_splits s
        join transactions t on t.id = s.transaction_id
        join enrollments e on e.id = t.enrollment_id
        join courses c on c.id = e.course_id
        join users u on u.id = e.student_id
        ${SPLIT_MONEY}
        where s.recipient_id = ${userId} ${after}
        order by s.created_at desc, s.id desc
        limit ${limit + 1}`,
  );
  const splits = rows.slice(0, limit).map((r) => {
    const cancelled = r.status === "cancelled";
    const released = Number(r.released_cents);
    const paid = Number(r.paid_cents);
    return {
      splitId: r.split_id,
      recipientType: r.recipient_type,
      status: r.status,
      courseTitle: r.course_title,
      learnerName: r.learner_name,
      amountCents: r.amount_cents,
      pendingCents: cancelled ? 0 : r.amount_cents - released,
      releasedCents: cancelled ? 0 : released - paid,
      paidCents: paid,
      currency: r.currency,
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
  return {
    totals: totals.map((t) => ({
      currency: t.currency,
      pendingCents: Number(t.pending),
      releasedCents: Number(t.released),
      paidCents: Number(t.paid),
    })),
    splits,
    nextBefore: rows.length > limit ? (splits.at(-1)?.splitId ?? null) : null,
  };
}

export async function sponsorshipsOf(db: Db, employerId: string): Promise<Sponsorship[]> {
  const rows = await queryRows<{
    enrollment_id: string;
    learner_id: string;
    learner_name: string;
    learner_email: string;
    course_id: string;
    course_title: string;
    course_slug: string;
    status: EnrollmentStatus;
    completed_modules: number;
    module_count: number;
    enrolled_at: string | Date;
    completed_at: string | Date | null;
  }>(
    db,
    sql`select e.id as enrollment_id, u.id as learner_id, u.name as learner_name, u.email as learner_email,
               c.id as course_id, c.title as course_title, c.slug as course_slug, e.status,
               (select count(*) from module_progress p where p.enrollment_id = e.id and p.is_complete)::int as completed_modules,
               (select count(*) from course_curriculum m where m.course_id = c.id and m.deleted_at is null)::int as module_count,
               e.enrolled_at, e.completed_at
        from employer_sponsorships sp
        join enrollments e on e.id = sp.enrollment_id
        join users u on u.id = sp.student_id
        join courses c on c.id = e.course_id
        where sp.employer_id = ${employerId}
        order by e.enrolled_at desc, e.id`,
  );
  return rows.map((r) => ({
    enrollmentId: r.enrollment_id,
    learner: { id: r.learner_id, name: r.learner_name, email: r.learner_email },
    course: { id: r.course_id, title: r.course_title, slug: r.course_slug },
    status: r.status,
    completedModules: r.completed_modules,
    moduleCount: r.module_count,
    enrolledAt: new Date(r.enrolled_at).toISOString(),
    completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
  }));
}
