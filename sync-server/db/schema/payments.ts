/**
 * Money. Seed entities: transactions, payment_splits, payouts, employer_sponsorships.
 * Amounts are integer cents in `currency`. Ledger rows are never deleted: state moves
 * through `status` (refunds, failures) instead.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, currency, id, tz } from "./columns";
import { paymentRecipientType, paymentSplitStatus, payoutStatus, transactionStatus } from "./enums";
import { enrollments } from "./learning";
import { users } from "./users";

/** One payment for an enrollment, created by the (signed, idempotent) payment webhook. */
export const transactions = pgTable(
  "transactions",
  {
    id: id(),
    enrollmentId: uuid("enrollment_id")
      .notNull()
      .references(() => enrollments.id),
    amountCents: integer("amount_cents").notNull(),
    /** Added. */
    currency: currency(),
    stripePaymentId: text("stripe_payment_id").notNull(),
    status: transactionStatus("status").notNull().default("pending"),
    paidAt: tz("paid_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("transactions_stripe_payment_id_key").on(t.stripePaymentId),
    index().on(t.enrollmentId),
    index().on(t.status),
    check("transactions_amount_cents_nonnegative", sql`${t.amountCents} >= 0`),
    check("transactions_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/** Payouts to one recipient, approved by an admin, executed as a Stripe transfer. */
export const payouts = pgTable(
  "payouts",
  {
    id: id(),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => users.id),
    amountCents: integer("amount_cents").notNull(),
    /** Added. */
    currency: currency(),
    stripeTransferId: text("stripe_transfer_id"),
    status: payoutStatus("status").notNull().default("pending"),
    approvedBy: uuid("approved_by")
      .notNull()
      .references(() => users.id),
    approvedAt: tz("approved_at").notNull(),
    paidAt: tz("paid_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("payouts_stripe_transfer_id_key").on(t.stripeTransferId),
    index().on(t.recipientId, t.status),
    index().on(t.approvedBy),
    index().on(t.status),
    check("payouts_amount_cents_nonnegative", sql`${t.amountCents} >= 0`),
    check("payouts_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/**
 * The 70/15/15 split of a transaction. One row per recipient type per transaction (the
 * unique index makes webhook replays harmless). The platform's share names the platform's
 * own user account as recipient.
 */
export const paymentSplits = pgTable(
  "payment_splits",
  {
    id: id(),
    transactionId: uuid("transaction_id")
      .notNull()
      .references(() => transactions.id),
    recipientId: uuid("recipient_id")
      .notNull()
      .references(() => users.id),
    recipientType: paymentRecipientType("recipient_type").notNull(),
    amountCents: integer("amount_cents").notNull(),
    /** Added. */
    currency: currency(),
    percentage: integer("percentage").notNull(),
    status: paymentSplitStatus("status").notNull().default("pending"),
    releasedAt: tz("released_at"),
    paidAt: tz("paid_at"),
    /** Added: the payout that paid this split out (NULL until then). */
    payoutId: uuid("payout_id").references(() => payouts.id),
    /** Added: record creation. */
    createdAt: createdAt(),
    /**
     * Added: the teaching share moved to another teacher at this time. This row then keeps
     * only what had been released to its recipient; a new row holds the rest (README "Money").
     */
    reassignedAt: tz("reassigned_at"),
  },
  (t) => [
    // One live row per share; rows closed by a reassignment stay as history.
    uniqueIndex("payment_splits_transaction_id_recipient_type_key")
      .on(t.transactionId, t.recipientType)
      .where(sql`${t.reassignedAt} IS NULL`),
    index().on(t.recipientId, t.status),
    index().on(t.payoutId),
    // The unique index above is partial, so it cannot serve "the splits of a payment" for
    // every row (the admin rollup trigger asks it on each payment status change).
    index().on(t.transactionId),
    check("payment_splits_amount_cents_nonnegative", sql`${t.amountCents} >= 0`),
    check("payment_splits_percentage_range", sql`${t.percentage} BETWEEN 0 AND 100`),
    check("payment_splits_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);

/** An employer paying for a student's enrollment (at most one sponsor per enrollment). */
export const employerSponsorships = pgTable(
  "employer_sponsorships",
  {
    id: id(),
    employerId: uuid("employer_id")
      .notNull()
      .references(() => users.id),
    studentId: uuid("student_id")
      .notNull()
      .references(() => users.id),
    enrollmentId: uuid("enrollment_id")
      .notNull()
      .references(() => enrollments.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("employer_sponsorships_enrollment_id_key").on(t.enrollmentId),
    index().on(t.employerId),
    index().on(t.studentId),
  ],
);
