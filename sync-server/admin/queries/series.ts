/** Time series for the charts: one point per UTC day or minute, gaps filled with zeros. */
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

function fill(keys: string[], rows: { at: string; value: number }[]): Point[] {
  const byKey = new Map(rows.map((r) => [r.at, Number(r.value)]));
  return keys.map((at) => ({ at, value: byKey.get(at) ?? 0 }));
}

export async function enrollmentsPerDay(db: Db, days: number): Promise<Point[]> {
  const keys = dayKeys(days);
  const rows = await queryRows<{ at: string; value: number }>(
    db,
    sql`select to_char(enrolled_at at time zone 'UTC', 'YYYY-MM-DD') as at, count(*)::int as value
          from enrollments
         where enrolled_at >= ${keys[0]}::date at time zone 'UTC'
         group by 1`,
  );
  return fill(keys, rows);
}

/** Completed payments per day, in cents (one currency: the platform's, USD). */
export async function revenuePerDay(db: Db, days: number): Promise<Point[]> {
  const keys = dayKeys(days);
  const rows = await queryRows<{ at: string; value: number }>(
    db,
    sql`select to_char(coalesce(paid_at, created_at) at time zone 'UTC', 'YYYY-MM-DD') as at,
               sum(amount_cents)::float8 as value
          from transactions
         where status = 'completed' and created_at >= ${keys[0]}::date at time zone 'UTC' - interval '1 day'
         group by 1`,
  );
  return fill(keys, rows);
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
  return fill(keys, rows);
}
