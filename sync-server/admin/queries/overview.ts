/** The figures an operator reads first: people, learning, money owed, devices online. */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/database";
import { UNPAID_RELEASE } from "../../payments/payouts";
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

/** One figure per query, so that on Postgres they run side by side on pooled connections. */
async function figure(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, query);
  return Number(row?.n ?? 0);
}

async function computeOverview(db: Db) {
  const recentSync = sql`make_interval(secs => ${SYNCING_NOW_MS / 1000})`;
  const [
    users,
    disabled,
    activeLearners,
    enrollments,
    money,
    platform,
    pending,
    devicesRecent,
    enrollmentSeries,
    revenueSeries,
    trafficHourly,
  ] = await Promise.all([
    figure(db, sql`select count(*)::int as n from users where deleted_at is null`),
    figure(db, sql`select count(*)::int as n from users where disabled_at is not null`),
    figure(
      db,
      sql`select count(distinct e.student_id)::int as n from enrollments e
           where exists (select 1 from module_progress p where p.enrollment_id = e.id
                           and p.updated_at > now() - make_interval(days => ${ACTIVE_LEARNER_DAYS}))`,
    ),
    figure(db, sql`select count(*)::int as n from enrollments where status <> 'cancelled'`),
    queryRows<{ revenue: number; refunded: number }>(
      db,
      sql`select coalesce(sum(amount_cents) filter (where status = 'completed'), 0)::float8 as revenue,
                 coalesce(sum(amount_cents) filter (where status = 'refunded'), 0)::float8 as refunded
            from transactions`,
    ),
    figure(
      db,
      sql`select coalesce(sum(s.amount_cents), 0)::float8 as n from payment_splits s
            join transactions t on t.id = s.transaction_id
           where s.recipient_type = 'platform' and t.status = 'completed'`,
    ),
    queryRows<{ cents: number; recipients: number }>(
      db,
      sql`select coalesce(sum(r.amount_cents), 0)::float8 as cents,
                 count(distinct s.recipient_id)::int as recipients
            from split_releases r join payment_splits s on s.id = r.split_id
           where ${UNPAID_RELEASE}`,
    ),
    figure(
      db,
      sql`select count(*)::int as n from auth_sessions
           where revoked_at is null and last_sync_at > now() - ${recentSync}`,
    ),
    enrollmentsPerDay(db, 30),
    revenuePerDay(db, 30),
    syncTraffic(db, ["pull", "push"], { minutes: 24 * 60, hourly: true }),
  ]);
  return {
    figures: {
      users,
      disabledUsers: disabled,
      activeLearners,
      enrollments,
      revenueCents: Number(money[0]?.revenue ?? 0),
      platformShareCents: platform,
      refundedCents: Number(money[0]?.refunded ?? 0),
      pendingPayoutCents: Number(pending[0]?.cents ?? 0),
      pendingPayoutRecipients: Number(pending[0]?.recipients ?? 0),
      devicesSyncingNow: devicesRecent,
    },
    series: { enrollmentsPerDay: enrollmentSeries, revenuePerDay: revenueSeries, trafficHourly },
  };
}
