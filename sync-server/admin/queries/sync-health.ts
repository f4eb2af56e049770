/**
 * Is sync healthy? Devices connected, traffic per minute, refused pushes by code, conflicts,
 * the change feed's size and its oldest tombstone, transactions open long enough to hold
 * the feed back (open-transactions.ts), and plain-language warnings.
 */
import { sql } from "drizzle-orm";
import type { Config } from "../../config";
import { type Db, queryRows } from "../../db/database";
import type { SyncHub } from "../../sync/hub";
import {
  LONG_TRANSACTION_SECONDS,
  longTransactions,
  longTransactionWarning,
  type OpenTransaction,
} from "./open-transactions";
import { SYNCING_NOW_MS } from "./overview";
import { type Point, syncTraffic } from "./series";

const sum = (points: Point[]) => points.reduce((s, p) => s + p.value, 0);

/**
 * The change feed: its recent growth and oldest tombstone (what the warnings read) and, with
 * `counts`, its size (the sync-health page; counting every row is left out elsewhere).
 */
async function feedState(db: Db, counts: boolean) {
  const [feed] = await queryRows<{
    rows: number | null;
    tombstones: number | null;
    oldest_tombstone: string | null;
    added_15m: number;
  }>(
    db,
    sql`select ${counts ? sql`(select count(*)::int from sync_changes)` : sql`null::int`} as rows,
               ${counts ? sql`(select count(*)::int from sync_changes where removed or deleted)` : sql`null::int`} as tombstones,
               (select min(changed_at)::text from sync_changes where removed or deleted) as oldest_tombstone,
               (select count(*)::int from sync_changes where changed_at > now() - interval '15 minutes') as added_15m`,
  );
  const oldest = feed?.oldest_tombstone ? new Date(feed.oldest_tombstone) : null;
  return {
    rows: feed?.rows ?? 0,
    tombstones: feed?.tombstones ?? 0,
    oldest,
    tombstoneAgeDays: oldest ? (Date.now() - oldest.getTime()) / 86_400_000 : null,
    added15m: feed?.added_15m ?? 0,
  };
}

/** How long a transaction may stay open before it is a warning (tests shorten it). */
export interface HealthOptions {
  longTransactionSeconds?: number;
}

/**
 * The plain-language warnings, from the last hour's traffic, the feed and the open
 * transactions: a transaction open so long it holds back every device's sync, the feed
 * grows while no device pulls, many pushed rows are refused, tombstones outlive their keep
 * time. One rule for the sync-health page and the overview's attention panel.
 */
export function syncWarnings(input: {
  pulls: Point[];
  rejected: Point[];
  added15m: number;
  tombstoneAgeDays: number | null;
  tombstoneDays: number;
  longTransactions: OpenTransaction[];
}): string[] {
  const warnings: string[] = [];
  const held = longTransactionWarning(input.longTransactions);
  if (held) warnings.push(held);
  if (input.added15m > 0 && sum(input.pulls.slice(-15)) === 0) {
    warnings.push(
      `The change feed grew by ${input.added15m} rows in the last 15 minutes but no device pulled.`,
    );
  }
  const rejected60 = sum(input.rejected);
  if (rejected60 >= 20) warnings.push(`${rejected60} pushed rows were refused in the last hour.`);
  const age = input.tombstoneAgeDays;
  if (age !== null && age > input.tombstoneDays + 1) {
    warnings.push(
      `The oldest tombstone is ${Math.floor(age)} days old (kept ${input.tombstoneDays}): is the purge running?`,
    );
  }
  return warnings;
}

/** Only the warnings (the overview's attention panel): the feed and two traffic series. */
export async function currentSyncWarnings(
  db: Db,
  config: Config,
  opts: HealthOptions = {},
): Promise<string[]> {
  const [pulls, rejected, feed, open] = await Promise.all([
    syncTraffic(db, ["pull"], { minutes: 15 }),
    syncTraffic(db, ["rejected"], { minutes: 60 }),
    feedState(db, false),
    longTransactions(db, opts.longTransactionSeconds ?? LONG_TRANSACTION_SECONDS),
  ]);
  return syncWarnings({
    pulls,
    rejected,
    added15m: feed.added15m,
    tombstoneAgeDays: feed.tombstoneAgeDays,
    tombstoneDays: config.SYNC_TOMBSTONE_DAYS,
    longTransactions: open,
  });
}

export async function syncHealth(db: Db, hub: SyncHub, config: Config, opts: HealthOptions = {}) {
  const [pulls, pushes, rejectedSeries, conflicts, open] = await Promise.all([
    syncTraffic(db, ["pull"], { minutes: 60 }),
    syncTraffic(db, ["push"], { minutes: 60 }),
    syncTraffic(db, ["rejected"], { minutes: 60 }),
    queryRows<{ n: number }>(
      db,
      sql`select coalesce(sum(docs), 0)::int as n from sync_metrics
           where kind = 'conflict' and minute > now() - interval '24 hours'`,
    ),
    longTransactions(db, opts.longTransactionSeconds ?? LONG_TRANSACTION_SECONDS),
  ]);
  const rejections = await queryRows<{ code: string; collection: string; n: number; last: string }>(
    db,
    sql`select code, collection, count(*)::int as n, max(at)::text as last from sync_rejections
         where at > now() - interval '24 hours' group by code, collection order by n desc limit 20`,
  );
  const feed = await feedState(db, true);
  const [devices] = await queryRows<{ recent: number }>(
    db,
    sql`select count(*)::int as recent from auth_sessions
         where revoked_at is null and last_sync_at > now() - make_interval(secs => ${SYNCING_NOW_MS / 1000})`,
  );
  const warnings = syncWarnings({
    pulls,
    rejected: rejectedSeries,
    added15m: feed.added15m,
    tombstoneAgeDays: feed.tombstoneAgeDays,
    tombstoneDays: config.SYNC_TOMBSTONE_DAYS,
    longTransactions: open,
  });
  return {
    openStreamsHere: hub.connectedDevices,
    devicesSyncingRecently: devices?.recent ?? 0,
    pullsPerMinute: pulls,
    pushesPerMinute: pushes,
    rejectedPerMinute: rejectedSeries,
    conflicts24h: conflicts[0]?.n ?? 0,
    rejections,
    feed: {
      rows: feed.rows,
      tombstones: feed.tombstones,
      oldestTombstoneAt: feed.oldest ? feed.oldest.toISOString() : null,
      tombstoneAgeDays:
        feed.tombstoneAgeDays === null ? null : Math.round(feed.tombstoneAgeDays * 10) / 10,
      addedLast15Minutes: feed.added15m,
    },
    longTransactions: open.map((t) => ({
      ...t,
      startedAt: t.startedAt.toISOString(),
      seconds: Math.round(t.seconds),
    })),
    warnings,
  };
}
