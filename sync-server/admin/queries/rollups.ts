/**
 * Reads of the running totals kept by triggers (schema/admin-rollups.ts, migration
 * `admin_rollup_triggers`). `foldRollups` first adds the deltas written since the last read;
 * after it, the totals equal what a scan of the tables would give (tests/admin/rollups.test.ts
 * checks that against the scans).
 */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/database";

/** The day under which totals without a day are kept. */
const NO_DAY = "1970-01-01";

export async function foldRollups(db: Db): Promise<void> {
  await db.execute(sql`select admin_rollups_fold()`);
}

/** Totals (n, cents) of day-less metrics, by metric name; absent metrics are zero. */
export async function counterTotals(db: Db): Promise<Map<string, { n: number; cents: number }>> {
  const rows = await queryRows<{ metric: string; n: number; cents: number }>(
    db,
    sql`select metric, n::float8 as n, cents::float8 as cents from admin_counters
         where day = ${NO_DAY}::date`,
  );
  return new Map(rows.map((r) => [r.metric, { n: Number(r.n), cents: Number(r.cents) }]));
}

/** One metric per UTC day from `from` (YYYY-MM-DD) on. */
export async function counterDays(
  db: Db,
  metric: string,
  from: string,
  field: "n" | "cents",
): Promise<{ at: string; value: number }[]> {
  const column = field === "n" ? sql`n` : sql`cents`;
  return queryRows<{ at: string; value: number }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as at, ${column}::float8 as value from admin_counters
         where metric = ${metric} and day >= ${from}::date`,
  );
}

/** Learners whose latest module progress change is within the last `days` days. */
export async function activeLearnerCount(db: Db, days: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from admin_learner_activity
         where last_at > now() - make_interval(days => ${days})`,
  );
  return Number(row?.n ?? 0);
}

/** Released shares not yet claimed by a payout: total and how many recipients are owed. */
export async function unpaidTotals(db: Db): Promise<{ cents: number; recipients: number }> {
  const [row] = await queryRows<{ cents: number; recipients: number }>(
    db,
    sql`select coalesce(sum(cents), 0)::float8 as cents, count(distinct recipient_id)::int as recipients
          from admin_unpaid_recipients`,
  );
  return { cents: Number(row?.cents ?? 0), recipients: Number(row?.recipients ?? 0) };
}
