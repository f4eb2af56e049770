/**
 * Time series for the charts: one point per UTC day or minute, gaps filled with zeros. The
 * per-day series (enrollments, revenue) are read from the running totals (rollups.ts).
 */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/database";

export interface Point {
  /** ISO date (YYYY-MM-DD) or ISO minute/hour, UTC. */
  at: string;
  value: number;
}

const DAY_MS = 86_400_000;

/** The last `days` UTC days ending today, oldest first. */
export function dayKeys(days: number, now = new Date()): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) =>
    new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

/** One point per key, zero where `rows` has none. */
export function fillDays(keys: string[], rows: { at: string; value: number }[]): Point[] {
  const byKey = new Map(rows.map((r) => [r.at, Number(r.value)]));
  return keys.map((at) => ({ at, value: byKey.get(at) ?? 0 }));
}

/** Sync requests of `kinds` per minute over the last `minutes` (or per hour with `hourly`). */
export async function syncTraffic(
  db: Db,
  kinds: string[],
  span: { minutes: number; hourly?: boolean },
  now = new Date(),
): Promise<Point[]> {
  const step = span.hourly ? 3_600_000 : 60_000;
  const end = Math.floor(now.getTime() / step) * step;
  const count = Math.ceil((span.minutes * 60_000) / step);
  const keys = Array.from({ length: count }, (_, i) =>
    new Date(end - (count - 1 - i) * step).toISOString(),
  );
  const unit = span.hourly ? "hour" : "minute";
  const rows = await queryRows<{ at: string; value: number }>(
    db,
    sql`select to_char(date_trunc(${unit}, minute at time zone 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') as at,
               sum(count)::int as value
          from sync_metrics
         where minute >= ${keys[0]}::timestamptz
           and kind in (${sql.join(
             kinds.map((k) => sql`${k}`),
             sql`, `,
           )})
         group by 1`,
  );
  return fillDays(keys, rows);
}
