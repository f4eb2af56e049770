/** The figures an operator reads first: people, learning, money owed, devices online. */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/database";
import type { SyncHub } from "../../sync/hub";
import { cached } from "./cache";
import {
  activeLearnerCount,
  centsDaysByCurrency,
  counterDays,
  counterTotals,
  foldRollups,
  perCurrency,
  unpaidRecipientCount,
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

/** One currency's money figures (amounts in different currencies are never added up). */
export interface CurrencyFigures {
  currency: string;
  revenueCents: number;
  refundedCents: number;
  platformShareCents: number;
  pendingPayoutCents: number;
  pendingPayoutRecipients: number;
}

/** The money figures of every currency that has any, alphabetical. */
export function moneyByCurrency(
  totals: Map<string, { n: number; cents: number }>,
  pending: { currency: string; cents: number; recipients: number }[],
): CurrencyFigures[] {
  const revenue = perCurrency(totals, "revenue_total");
  const refunded = perCurrency(totals, "refunded");
  const platform = perCurrency(totals, "platform_share");
  const owed = new Map(pending.map((p) => [p.currency, p]));
  const currencies = [
    ...new Set([...revenue.keys(), ...refunded.keys(), ...platform.keys(), ...owed.keys()]),
  ].sort();
  return currencies
    .map((currency) => ({
      currency,
      revenueCents: revenue.get(currency) ?? 0,
      refundedCents: refunded.get(currency) ?? 0,
      platformShareCents: platform.get(currency) ?? 0,
      pendingPayoutCents: owed.get(currency)?.cents ?? 0,
      pendingPayoutRecipients: owed.get(currency)?.recipients ?? 0,
    }))
    .filter(
      (m) => m.revenueCents || m.refundedCents || m.platformShareCents || m.pendingPayoutCents,
    );
}

async function computeOverview(db: Db) {
  await foldRollups(db);
  const recentSync = sql`make_interval(secs => ${SYNCING_NOW_MS / 1000})`;
  const days = dayKeys(30);
  const from = days[0] ?? "";
  const [
    totals,
    activeLearners,
    pending,
    owedRecipients,
    devices,
    enrollmentSeries,
    revenue,
    trafficHourly,
  ] = await Promise.all([
    counterTotals(db),
    activeLearnerCount(db, ACTIVE_LEARNER_DAYS),
    unpaidTotals(db),
    unpaidRecipientCount(db),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from auth_sessions
             where revoked_at is null and last_sync_at > now() - ${recentSync}`,
    ),
    counterDays(db, "enrollments", from, "n"),
    centsDaysByCurrency(db, "revenue", from),
    syncTraffic(db, ["pull", "push"], { minutes: 24 * 60, hourly: true }),
  ]);
  const total = (metric: string) => totals.get(metric) ?? { n: 0, cents: 0 };
  const money = moneyByCurrency(totals, pending);
  return {
    figures: {
      users: total("users").n,
      disabledUsers: total("users_disabled").n,
      activeLearners,
      enrollments: total("enrollments_open").n,
      money,
      pendingPayoutRecipients: owedRecipients,
      devicesSyncingNow: Number(devices[0]?.n ?? 0),
    },
    series: {
      enrollmentsPerDay: fillDays(days, enrollmentSeries),
      // One series per currency with money (at least the first one, so a chart is drawn).
      revenuePerDay: (money.length ? money.map((m) => m.currency) : ["USD"]).map((currency) => ({
        currency,
        points: fillDays(days, revenue.get(currency) ?? []),
      })),
      trafficHourly,
    },
  };
}
