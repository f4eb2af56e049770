/**
 * Is sync healthy? Devices connected, traffic per minute, refused pushes by code, conflicts,
 * the change feed's size and its oldest tombstone, and plain-language warnings.
 */
import { sql } from "drizzle-orm";
import type { Config } from "../../config";
import { type Db, queryRows } from "../../db/database";
import type { SyncHub } from "../../sync/hub";
import { SYNCING_NOW_MS } from "./overview";
import { type Point, syncTraffic } from "./series";

const sum = (points: Point[]) => points.reduce((s, p) => s + p.value, 0);

export async function syncHealth(db: Db, hub: SyncHub, config: Config) {
  const [pulls, pushes, rejectedSeries, conflicts] = await Promise.all([
    syncTraffic(db, ["pull"], { minutes: 60 }),
    syncTraffic(db, ["push"], { minutes: 60 }),
    syncTraffic(db, ["rejected"], { minutes: 60 }),
    queryRows<{ n: number }>(
      db,
      sql`select coalesce(sum(docs), 0)::int as n from sync_metrics
           where kind = 'conflict' and minute > now() - interval '24 hours'`,
    ),
  ]);
  const rejections = await queryRows<{ code: string; collection: string; n: number; last: string }>(
    db,
    sql`select code, collection, count(*)::int as n, max(at)::text as last from sync_rejections
         where at > now() - interval '24 hours' group by code, collection order by n desc limit 20`,
  );
  const [feed] = await queryRows<{
    rows: number;
    tombstones: number;
    oldest_tombstone: string | null;
    added_15m: number;
  }>(
    db,
    sql`select (select count(*)::int from sync_changes) as rows,
               (select count(*)::int from sync_changes where removed or deleted) as tombstones,
               (select min(changed_at)::text from sync_changes where removed or deleted) as oldest_tombstone,
               (select count(*)::int from sync_changes where changed_at > now() - interval '15 minutes') as added_15m`,
  );
  const [devices] = await queryRows<{ recent: number }>(
    db,
    sql`select count(*)::int as recent from auth_sessions
         where revoked_at is null and last_sync_at > now() - make_interval(secs => ${SYNCING_NOW_MS / 1000})`,
  );
  const oldest = feed?.oldest_tombstone ? new Date(feed.oldest_tombstone) : null;
  const tombstoneAgeDays = oldest ? (Date.now() - oldest.getTime()) / 86_400_000 : null;
  const pulls15 = sum(pulls.slice(-15));
  const warnings: string[] = [];
  if ((feed?.added_15m ?? 0) > 0 && pulls15 === 0) {
    warnings.push(
      `The change feed grew by ${feed?.added_15m} rows in the last 15 minutes but no device pulled.`,
    );
  }
  const rejected60 = sum(rejectedSeries);
  if (rejected60 >= 20) warnings.push(`${rejected60} pushed rows were refused in the last hour.`);
  if (tombstoneAgeDays !== null && tombstoneAgeDays > config.SYNC_TOMBSTONE_DAYS + 1) {
    warnings.push(
      `The oldest tombstone is ${Math.floor(tombstoneAgeDays)} days old (kept ${config.SYNC_TOMBSTONE_DAYS}): is the purge running?`,
    );
  }
  return {
    openStreamsHere: hub.connectedDevices,
    devicesSyncingRecently: devices?.recent ?? 0,
    pullsPerMinute: pulls,
    pushesPerMinute: pushes,
    rejectedPerMinute: rejectedSeries,
    conflicts24h: conflicts[0]?.n ?? 0,
    rejections,
    feed: {
      rows: feed?.rows ?? 0,
      tombstones: feed?.tombstones ?? 0,
      oldestTombstoneAt: oldest ? oldest.toISOString() : null,
      tombstoneAgeDays: tombstoneAgeDays === null ? null : Math.round(tombstoneAgeDays * 10) / 10,
      addedLast15Minutes: feed?.added_15m ?? 0,
    },
    warnings,
  };
}
