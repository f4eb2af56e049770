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

/** Per-currency metrics are named `<name>|<currency>` (migration 0015). */
export function perCurrency(
  totals: Map<string, { n: number; cents: number }>,
  name: string,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [metric, total] of totals) {
    const [head, currency, ...rest] = metric.split("|");
    if (head === name && currency && rest.length === 0) out.set(currency, total.cents);
  }
  return out;
}

/** The cents of `<name>|<currency>` per UTC day from `from` on, by currency. */
export async function centsDaysByCurrency(
  db: Db,
  name: string,
  from: string,
): Promise<Map<string, { at: string; value: number }[]>> {
  const rows = await queryRows<{ currency: string; at: string; value: number }>(
    db,
    sql`select split_part(metric, '|', 2) as currency, to_char(day, 'YYYY-MM-DD') as at,
               cents::float8 as value
          from admin_counters
         where metric like ${`${name}|%`} and day >= ${from}::date`,
  );
  const out = new Map<string, { at: string; value: number }[]>();
  for (const r of rows) out.set(r.currency, [...(out.get(r.currency) ?? []), r]);
  return out;
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

/** Released shares not yet claimed by a payout, per currency: total and recipients owed. */
export async function unpaidTotals(
  db: Db,
): Promise<{ currency: string; cents: number; recipients: number }[]> {
  const rows = await queryRows<{ currency: string; cents: number; recipients: number }>(
    db,
    sql`select currency, sum(cents)::float8 as cents, count(*)::int as recipients
          from admin_unpaid_recipients where cents > 0
         group by currency order by currency`,
  );
  return rows.map((r) => ({
    currency: r.currency,
    cents: Number(r.cents),
    recipients: Number(r.recipients),
  }));
}

/** How many recipients are owed anything, in any currency. */
export async function unpaidRecipientCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(distinct recipient_id)::int as n from admin_unpaid_recipients where cents > 0`,
  );
  return Number(row?.n ?? 0);
}
