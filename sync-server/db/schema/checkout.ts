/**
 * Money, beyond the seed: checkout attempts, the escrow's release ledger, payout transfers,
 * connected payout accounts and server secrets. Amounts are integer cents.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, currency, id, tz, updatedAt } from "./columns";
import { courses } from "./courses";
import { enrollments } from "./learning";
import { paymentSplits, payouts } from "./payments";
import { users } from "./users";

/**
 * One checkout attempt (Stripe Checkout Session or the local provider's page). The PWA polls
 * its status; the webhook moves it from `open` to `paid`, `expired` or `failed` exactly once.
 * `payer_id` is the learner, or the employer when `sponsor_id` is set.
 */
export const checkoutSessions = pgTable(
  "checkout_sessions",
  {
    id: id(),
    provider: text("provider").notNull(),
    providerSessionId: text("provider_session_id").notNull(),
    payerId: uuid("payer_id")
      .notNull()
      .references(() => users.id),
    learnerId: uuid("learner_id")
      .notNull()
      .references(() => users.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    teacherId: uuid("teacher_id")
      .notNull()
      .references(() => users.id),
    sponsorId: uuid("sponsor_id").references(() => users.id),
    amountCents: integer("amount_cents").notNull(),
    currency: currency(),
    /**
     * The terms the payer agreed to, fixed at checkout: the course's teacher commission then
     * (the split uses it, not the course's current one) and whether the chosen teacher was
     * the creator or an active Student-Teacher (the enrollment is made with them even if they
     * paused in between; README "Money").
     */
    teacherCommission: integer("teacher_commission").notNull(),
    teacherRole: text("teacher_role").notNull(),
    /**
     * The id the enrollment gets if this checkout is paid, chosen at checkout so the payment
     * carries transfer_group `enrollment_<id>`, the group its payout transfers use.
     */
    plannedEnrollmentId: uuid("planned_enrollment_id").notNull(),
    status: text("status").notNull().default("open"),
    /** Why a checkout failed (amount mismatch, already enrolled when paid, provider). */
    failureReason: text("failure_reason"),
    /** The local provider's form token (its pay page posts it back; CSRF defence). */
    formToken: text("form_token"),
    url: text("url").notNull(),
    enrollmentId: uuid("enrollment_id").references(() => enrollments.id),
    expiresAt: tz("expires_at").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("checkout_sessions_provider_session_id_key").on(t.providerSessionId),
    uniqueIndex("checkout_sessions_enrollment_id_key").on(t.enrollmentId),
    uniqueIndex("checkout_sessions_planned_enrollment_id_key").on(t.plannedEnrollmentId),
    index().on(t.payerId),
    index().on(t.learnerId),
    index().on(t.status),
    check("checkout_sessions_provider", sql`${t.provider} IN ('stripe', 'local')`),
    check(
      "checkout_sessions_status",
      sql`${t.status} IN ('open', 'paid', 'expired', 'failed', 'refunded')`,
    ),
    check("checkout_sessions_amount_cents_nonnegative", sql`${t.amountCents} >= 0`),
    check(
      "checkout_sessions_teacher_commission_range",
      sql`${t.teacherCommission} BETWEEN 0 AND 100`,
    ),
    check(
      "checkout_sessions_teacher_role",
      sql`${t.teacherRole} IN ('creator', 'student_teacher')`,
    ),
  ],
);

/**
 * A refund the server owes: money came in for a checkout that could not become an
 * enrollment (wrong amount, learner already enrolled, checkout already expired). Written in
 * the webhook's transaction, so it survives a failed or never-made provider call; sent after
 * commit and, until `refunded_at` is set, retried by the money job — always with the
 * idempotency key `refund-checkout-<payment id>`, so the payment is refunded once.
 */
export const refundsOwed = pgTable(
  "refunds_owed",
  {
    id: id(),
    checkoutId: uuid("checkout_id")
      .notNull()
      .references(() => checkoutSessions.id),
    /** The provider's payment (Stripe PaymentIntent id) to refund in full. */
    paymentId: text("payment_id").notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: currency(),
    /** The checkout's failure reason (amount_mismatch, already_enrolled, checkout_expired…). */
    reason: text("reason").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    lastAttemptAt: tz("last_attempt_at"),
    refundId: text("refund_id"),
    refundedAt: tz("refunded_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("refunds_owed_payment_id_key").on(t.paymentId),
    index().on(t.checkoutId),
    index("refunds_owed_unsent_idx").on(t.createdAt).where(sql`${t.refundedAt} IS NULL`),
    check("refunds_owed_amount_cents_nonnegative", sql`${t.amountCents} >= 0`),
  ],
);

/**
 * The escrow ledger: each row releases part of a split to its recipient. Creator and
 * platform shares get one `window` row when the refund window closes; the teaching share
 * gets one `session` row per completed session (unique per session) and a `completion` row
 * for what is left when the enrollment completes. A split is `released` once its releases
 * add up to its amount. Payouts pay release rows (payout_id), so a teacher can be paid for
 * the sessions already taught while the rest of the share is still held.
 */
export const splitReleases = pgTable(
  "split_releases",
  {
    id: id(),
    splitId: uuid("split_id")
      .notNull()
      .references(() => paymentSplits.id),
    kind: text("kind").notNull(),
    sessionId: uuid("session_id"),
    amountCents: integer("amount_cents").notNull(),
    releasedAt: tz("released_at").notNull().defaultNow(),
    payoutId: uuid("payout_id").references(() => payouts.id),
    paidAt: tz("paid_at"),
  },
  (t) => [
    uniqueIndex("split_releases_split_id_session_id_key")
      .on(t.splitId, t.sessionId)
      .where(sql`${t.sessionId} IS NOT NULL`),
    uniqueIndex("split_releases_split_id_kind_key")
      .on(t.splitId, t.kind)
      .where(sql`${t.kind} <> 'session'`),
    index().on(t.payoutId),
    /** Added: a split's releases (escrow and the admin rollup's per-split refresh). */
    index().on(t.splitId),
    check("split_releases_kind", sql`${t.kind} IN ('window', 'session', 'completion')`),
    check(
      "split_releases_session_kind",
      sql`(${t.kind} = 'session') = (${t.sessionId} IS NOT NULL)`,
    ),
    check("split_releases_amount_cents_positive", sql`${t.amountCents} > 0`),
  ],
);

/** One transfer of a payout: one per enrollment (its transfer_group), as the issue asks. */
export const payoutTransfers = pgTable(
  "payout_transfers",
  {
    id: id(),
    payoutId: uuid("payout_id")
      .notNull()
      .references(() => payouts.id),
    enrollmentId: uuid("enrollment_id")
      .notNull()
      .references(() => enrollments.id),
    amountCents: integer("amount_cents").notNull(),
    transferId: text("transfer_id"),
    status: text("status").notNull(),
    error: text("error"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("payout_transfers_payout_id_enrollment_id_key").on(t.payoutId, t.enrollmentId),
    check("payout_transfers_status", sql`${t.status} IN ('paid', 'failed')`),
  ],
);

/** A user's Stripe connected account, where their payouts are transferred. */
export const paymentAccounts = pgTable("payment_accounts", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id),
  stripeAccountId: text("stripe_account_id").notNull(),
  createdAt: createdAt(),
});

/** Secrets the server generates once and keeps (e.g. the local provider's webhook secret). */
export const serverSecrets = pgTable("server_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: createdAt(),
});
