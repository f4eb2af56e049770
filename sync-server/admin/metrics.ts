/**
 * Sync traffic counters for the admin dashboard. The sync routes only add to an in-memory
 * tally (no database write on the hot path); the tally is flushed as one upsert per
 * (minute, kind) every FLUSH_MS and before the dashboard reads the figures. Each server
 * process flushes its own tally into the shared `sync_metrics` table, so the figures add up
 * across processes and survive restarts. Devices' `last_sync_at` rides along, at most once a
 * minute per session.
 */
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/database";
import { authSessions, syncMetrics, users } from "../db/schema";
import { foldRollups } from "./queries/rollups";

export const SYNC_METRIC_KINDS = ["pull", "push", "rejected", "conflict", "stream"] as const;
export type SyncMetricKind = (typeof SYNC_METRIC_KINDS)[number];

const FLUSH_MS = 10_000;
const LAST_SYNC_EVERY_MS = 60_000;

interface Tally {
  counts: Map<string, { minute: Date; kind: SyncMetricKind; count: number; docs: number }>;
  sessions: Map<string, Date>;
  lastSessionWrite: Map<string, number>;
  timer: ReturnType<typeof setInterval> | null;
  flushing: Promise<void> | null;
}

const tallies = new WeakMap<Db, Tally>();

function tallyOf(db: Db): Tally {
  let t = tallies.get(db);
  if (!t) {
    t = {
      counts: new Map(),
      sessions: new Map(),
      lastSessionWrite: new Map(),
      timer: null,
      flushing: null,
    };
    tallies.set(db, t);
  }
  if (!t.timer) {
    const tally = t;
    tally.timer = setInterval(() => {
      void flushSyncMetrics(db)
        // Also folds the running totals' deltas, so they stay few between dashboard reads.
        .then(() => foldRollups(db))
        .catch(() => {
          // The database went away (shutdown): the few counts of the last seconds are lost.
        });
    }, FLUSH_MS);
    tally.timer.unref();
  }
  return t;
}

function minuteOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}

/** Counts one sync request (and `docs` documents) and notes the session's last sync. */
export function recordSync(
  db: Db,
  kind: SyncMetricKind,
  docs: number,
  sessionId: string | undefined,
  now = new Date(),
): void {
  const t = tallyOf(db);
  const minute = minuteOf(now);
  const key = `${minute.getTime()}|${kind}`;
  const row = t.counts.get(key) ?? { minute, kind, count: 0, docs: 0 };
  row.count += 1;
  row.docs += docs;
  t.counts.set(key, row);
  if (sessionId) {
    const last = t.lastSessionWrite.get(sessionId) ?? 0;
    if (now.getTime() - last >= LAST_SYNC_EVERY_MS) {
      t.lastSessionWrite.set(sessionId, now.getTime());
      t.sessions.set(sessionId, now);
    }
  }
}

/** Writes the tally to the database. Safe to call any time; concurrent calls share a flush. */
export async function flushSyncMetrics(db: Db): Promise<void> {
  const t = tallies.get(db);
  if (!t) return;
  if (t.flushing) await t.flushing;
  if (t.counts.size === 0 && t.sessions.size === 0) return;
  const rows = [...t.counts.values()];
  const sessions = [...t.sessions.entries()];
  t.counts.clear();
  t.sessions.clear();
  t.flushing = (async () => {
    if (rows.length) {
      await db
        .insert(syncMetrics)
        .values(rows)
        .onConflictDoUpdate({
          target: [syncMetrics.minute, syncMetrics.kind],
          set: {
            count: sql`${syncMetrics.count} + excluded.count`,
            docs: sql`${syncMetrics.docs} + excluded.docs`,
          },
        });
    }
    // One statement for all sessions seen since the last flush (same minute is close enough).
    const latest = new Date(Math.max(0, ...sessions.map(([, at]) => at.getTime())));
    if (sessions.length) {
      await db
        .update(authSessions)
        .set({ lastSyncAt: latest })
        .where(
          inArray(
            authSessions.id,
            sessions.map(([id]) => id),
          ),
        );
    }
  })();
  try {
    await t.flushing;
  } finally {
    t.flushing = null;
  }
}

/** Stops the flush timer (tests and shutdown); the tally is flushed first. */
export async function stopSyncMetrics(db: Db): Promise<void> {
  const t = tallies.get(db);
  if (t?.timer) clearInterval(t.timer);
  if (t) t.timer = null;
  await flushSyncMetrics(db).catch(() => {});
}

/** The session is neither revoked nor expired and its user is not disabled. */
export async function sessionStillValid(db: Db, sessionId: string | undefined): Promise<boolean> {
  if (!sessionId) return false;
  const rows = await db
    .select({ id: authSessions.id })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .where(
      and(
        eq(authSessions.id, sessionId),
        isNull(authSessions.revokedAt),
        gt(authSessions.expiresAt, new Date()),
        isNull(users.disabledAt),
      ),
    )
    .limit(1)
    .catch(() => [{ id: sessionId }]);
  return rows.length > 0;
}
