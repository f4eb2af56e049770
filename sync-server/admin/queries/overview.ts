/** The figures an operator reads first: people, learning, money owed, devices online. */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/database";
import type { SyncHub } from "../../sync/hub";
import { cached } from "./cache";
import { enrollmentsPerDay, revenuePerDay, syncTraffic } from "./series";

/** A device counts as syncing now if it pulled, pushed or opened its stream this long ago. */
export const SYNCING_NOW_MS = 5 * 60_000;
export const ACTIVE_LEARNER_DAYS = 30;

/**
 * Sums of cents are read as float8: exact up to 2^53 cents, and past int4's $21 million.
 * The figures scan whole tables, so they are cached briefly (see cache.ts); `fresh` skips it.
 */
export async function overview(db: Db, hub: SyncHub, fresh = false) {
  const { value, at } = await cached(db, "overview", fresh, () => computeOverview(db));
  return {
    asOf: at.toISOString(),
    figures: { ...value.figures, openStreams: hub.connectedDevices },
    series: value.series,
  };
}

async function computeOverview(db: Db) {
  const [figures] = await queryRows<{
    users: number;
    disabled: number;
    active_learners: number;
    enrollments: number;
    revenue_cents: number;
    platform_cents: number;
    pending_payout_cents: number;
    pending_payout_recipients: number;
    refunded_cents: number;
    devices_recent: number;
  }>(
    db,
    sql`select
      (select count(*)::int from users where deleted_at is null) as users,
      (select count(*)::int from users where disabled_at is not null) as disabled,
      (select count(distinct e.student_id)::int
         from module_progress p join enrollments e on e.id = p.enrollment_id
        where p.updated_at > now() - make_interval(days => ${ACTIVE_LEARNER_DAYS})) as active_learners,
      (select count(*)::int from enrollments where status <> 'cancelled') as enrollments,
      (select coalesce(sum(amount_cents), 0)::float8 from transactions where status = 'completed') as revenue_cents,
      (select coalesce(sum(s.amount_cents), 0)::float8 from payment_splits s
         join transactions t on t.id = s.transaction_id
        where s.recipient_type = 'platform' and t.status = 'completed') as platform_cents,
      (select coalesce(sum(amount_cents), 0)::float8 from payment_splits
        where status = 'released' and payout_id is null) as pending_payout_cents,
      (select count(distinct recipient_id)::int from payment_splits
        where status = 'released' and payout_id is null) as pending_payout_recipients,
      (select coalesce(sum(amount_cents), 0)::float8 from transactions where status = 'refunded') as refunded_cents,
      (select count(*)::int from auth_sessions
        where revoked_at is null and last_sync_at > now() - make_interval(secs => ${SYNCING_NOW_MS / 1000})) as devices_recent`,
  );
  const [enrollmentSeries, revenueSeries, trafficHourly] = await Promise.all([
    enrollmentsPerDay(db, 30),
    revenuePerDay(db, 30),
    syncTraffic(db, ["pull", "push"], { minutes: 24 * 60, hourly: true }),
  ]);
  return {
    figures: {
      users: figures?.users ?? 0,
      disabledUsers: figures?.disabled ?? 0,
      activeLearners: figures?.active_learners ?? 0,
      enrollments: figures?.enrollments ?? 0,
      revenueCents: figures?.revenue_cents ?? 0,
      platformShareCents: figures?.platform_cents ?? 0,
      refundedCents: figures?.refunded_cents ?? 0,
      pendingPayoutCents: figures?.pending_payout_cents ?? 0,
      pendingPayoutRecipients: figures?.pending_payout_recipients ?? 0,
      devicesSyncingNow: figures?.devices_recent ?? 0,
    },
    series: { enrollmentsPerDay: enrollmentSeries, revenuePerDay: revenueSeries, trafficHourly },
  };
}
