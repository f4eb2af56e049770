/** The figures an operator reads first: people, learning, money owed, devices online. */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/database";
import type { SyncHub } from "../../sync/hub";
import { cached } from "./cache";
import {
  activeLearnerCount,
  counterDays,
  counterTotals,
  foldRollups,
  unpaidTotals,
} from "./rollups";
import { dayKeys, fillDays, syncTraffic } from "./series";

/** A device counts as syncing now if it pulled, pushed or opened its stream this long ago. */
export const SYNCING_NOW_MS = 5 * 60_000;
export const ACTIVE_LEARNER_DAYS = 30;

/**
 * Money, people and learning figures come from the trigger-kept running totals (rollups.ts):
 * a recompute reads a few hundred rows, whatever the size of the platform. They are still
 * cached briefly (see cache.ts); `fresh` skips the cache.
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
  await foldRollups(db);
  const recentSync = sql`make_interval(secs => ${SYNCING_NOW_MS / 1000})`;
  const days = dayKeys(30);
  const from = days[0] ?? "";
  const [totals, activeLearners, pending, devices, enrollmentSeries, revenueSeries, trafficHourly] =
    await Promise.all([
      counterTotals(db),
      activeLearnerCount(db, ACTIVE_LEARNER_DAYS),
      unpaidTotals(db),
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from auth_sessions
             where revoked_at is null and last_sync_at > now() - ${recentSync}`,
      ),
      counterDays(db, "enrollments", from, "n"),
      counterDays(db, "revenue", from, "cents"),
      syncTraffic(db, ["pull", "push"], { minutes: 24 * 60, hourly: true }),
    ]);
  const total = (metric: string) => totals.get(metric) ?? { n: 0, cents: 0 };
  return {
    figures: {
      users: total("users").n,
      disabledUsers: total("users_disabled").n,
      activeLearners,
      enrollments: total("enrollments_open").n,
      revenueCents: total("revenue_total").cents,
      platformShareCents: total("platform_share").cents,
      refundedCents: total("refunded").cents,
      pendingPayoutCents: pending.cents,
      pendingPayoutRecipients: pending.recipients,
      devicesSyncingNow: Number(devices[0]?.n ?? 0),
    },
    series: {
      enrollmentsPerDay: fillDays(days, enrollmentSeries),
      revenuePerDay: fillDays(days, revenueSeries),
      trafficHourly,
    },
  };
}
