/**
 * Running totals behind the admin overview and money pages, so that recomputing them reads a
 * few hundred rows instead of scanning millions. Kept by triggers (migration
 * `admin_rollup_triggers`, which also fills them from the existing rows); never synced.
 *
 * - Counters (users, enrollments, revenue, platform share, splits by state) change on every
 *   payment or enrollment: a shared counter row would be a hot spot, so triggers only append
 *   a delta row (no lock on anything shared) and `admin_rollups_fold()` adds the deltas into
 *   `admin_counters` before the dashboard reads them.
 * - Learner activity works the same way: each progress change appends (student, time), and
 *   the fold keeps each learner's latest time.
 * - What is owed per split (`admin_unpaid_splits`) is recomputed from the split's own few
 *   release rows whenever one of them or the split changes, under the split's row lock; the
 *   change is appended as a delta for the recipient, folded into `admin_unpaid_recipients`
 *   (the payout queue and the overview's pending payouts read that).
 */
import { bigint, date, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { tz } from "./columns";

/** Totals per metric and UTC day ('1970-01-01' for totals that have no day). */
export const adminCounters = pgTable(
  "admin_counters",
  {
    metric: text("metric").notNull(),
    day: date("day").notNull(),
    n: bigint("n", { mode: "number" }).notNull().default(0),
    cents: bigint("cents", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.metric, t.day] })],
);

/** Changes to admin_counters not folded in yet (append-only until the fold deletes them). */
export const adminCounterDeltas = pgTable("admin_counter_deltas", {
  metric: text("metric").notNull(),
  day: date("day").notNull(),
  n: bigint("n", { mode: "number" }).notNull().default(0),
  cents: bigint("cents", { mode: "number" }).notNull().default(0),
});

/** Each learner's latest module progress change (active learners = recent ones). */
export const adminLearnerActivity = pgTable(
  "admin_learner_activity",
  {
    studentId: uuid("student_id").primaryKey(),
    lastAt: tz("last_at").notNull(),
  },
  (t) => [index().on(t.lastAt)],
);

/** Progress changes not folded into admin_learner_activity yet. */
export const adminActivityDeltas = pgTable("admin_activity_deltas", {
  studentId: uuid("student_id").notNull(),
  at: tz("at").notNull(),
});

/**
 * Per split, its released shares not yet claimed by a payout (payments/payouts.ts
 * UNPAID_RELEASE): one row per split that has any, so the payout queue groups these.
 */
export const adminUnpaidSplits = pgTable("admin_unpaid_splits", {
  splitId: uuid("split_id").primaryKey(),
  recipientId: uuid("recipient_id").notNull(),
  currency: text("currency").notNull(),
  releases: integer("releases").notNull(),
  cents: bigint("cents", { mode: "number" }).notNull(),
});

/** Per recipient and currency: what their splits owe them and how many splits that is. */
export const adminUnpaidRecipients = pgTable(
  "admin_unpaid_recipients",
  {
    recipientId: uuid("recipient_id").notNull(),
    currency: text("currency").notNull(),
    splits: integer("splits").notNull(),
    cents: bigint("cents", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.recipientId, t.currency] })],
);

/** Changes to admin_unpaid_recipients not folded in yet. */
export const adminUnpaidDeltas = pgTable("admin_unpaid_deltas", {
  recipientId: uuid("recipient_id").notNull(),
  currency: text("currency").notNull(),
  splits: integer("splits").notNull(),
  cents: bigint("cents", { mode: "number" }).notNull(),
});
