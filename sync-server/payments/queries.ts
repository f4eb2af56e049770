/** Read models: a recipient's earnings, an employer's sponsored learners. */
import { sql } from "drizzle-orm";
import type { Earnings, Sponsorship } from "../../shared/api/payments";
import type {
  EnrollmentStatus,
  PaymentRecipientType,
  PaymentSplitStatus,
} from "../../shared/domain/enums";
import { type Db, queryRows } from "../db/database";

export async function earningsOf(db: Db, userId: string): Promise<Earnings> {
  const rows = await queryRows<{
    split_id: string;
    recipient_type: PaymentRecipientType;
    status: PaymentSplitStatus;
    course_title: string;
    learner_name: string;
    amount_cents: number;
    released_cents: number;
    paid_cents: number;
    currency: string;
    created_at: string | Date;
  }>(
    db,
    sql`select s.id as split_id, s.recipient_type, s.status, c.title as course_title,
               u.name as learner_name, s.amount_cents, s.currency, s.created_at,
               coalesce((select sum(r.amount_cents) from split_releases r where r.split_id = s.id), 0)::int as released_cents,
               coalesce((select sum(r.amount_cents) from split_releases r where r.split_id = s.id and r.paid_at is not null), 0)::int as paid_cents
        from payment_splits s
        join transactions t on t.id = s.transaction_id
        join enrollments e on e.id = t.enrollment_id
        join courses c on c.id = e.course_id
        join users u on u.id = e.student_id
        where s.recipient_id = ${userId}
        order by s.created_at desc, s.id
        limit 500`,
  );
  const splits = rows.map((r) => {
    const cancelled = r.status === "cancelled";
    return {
      splitId: r.split_id,
      recipientType: r.recipient_type,
      status: r.status,
      courseTitle: r.course_title,
      learnerName: r.learner_name,
      amountCents: r.amount_cents,
      pendingCents: cancelled ? 0 : r.amount_cents - r.released_cents,
      releasedCents: cancelled ? 0 : r.released_cents - r.paid_cents,
      paidCents: r.paid_cents,
      currency: r.currency,
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
  const sum = (k: "pendingCents" | "releasedCents" | "paidCents") =>
    splits.reduce((n, s) => n + s[k], 0);
  return {
    totals: {
      pendingCents: sum("pendingCents"),
      releasedCents: sum("releasedCents"),
      paidCents: sum("paidCents"),
    },
    splits,
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
