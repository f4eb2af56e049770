/**
 * Transactions that hold back every device's sync. A pull serves only changes whose
 * transaction is older than `pg_snapshot_xmin(pg_current_snapshot())`, the oldest
 * transaction id still running — and transaction ids are cluster-wide, so a transaction
 * left open in ANY database of the Postgres cluster (a psql session idle in a transaction,
 * a stuck migration, a report in another app's database, a forgotten prepared transaction)
 * stops the feed for everyone once it has an id. Only transactions that have one count: a
 * read-only transaction without an xid does not move the snapshot's xmin.
 *
 * On PGlite there is one connection and nothing else can be open while this asks: the
 * query finds nothing there. On Postgres, seeing other roles' sessions needs
 * `pg_read_all_stats` (or `pg_monitor`): without it their start times are hidden and they
 * are not listed.
 */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/database";

/** A transaction open longer than this is a sync-health warning. */
export const LONG_TRANSACTION_SECONDS = 60;
/** The oldest few are listed; the warning names the oldest. */
const LISTED = 5;

export interface OpenTransaction {
  /** `session`: a backend in a transaction; `prepared`: a two-phase transaction left prepared. */
  kind: "session" | "prepared";
  pid: number | null;
  /** The prepared transaction's name (`PREPARE TRANSACTION '<gid>'`). */
  gid: string | null;
  database: string | null;
  application: string | null;
  state: string | null;
  startedAt: Date;
  seconds: number;
}

/**
 * The transactions holding an xid for longer than `minSeconds`, oldest first, in every
 * database of the cluster (pg_stat_activity and pg_prepared_xacts are cluster-wide views),
 * this request's own connection aside.
 */
export async function longTransactions(
  db: Db,
  minSeconds = LONG_TRANSACTION_SECONDS,
): Promise<OpenTransaction[]> {
  const rows = await queryRows<{
    kind: "session" | "prepared";
    pid: number | null;
    gid: string | null;
    database: string | null;
    application: string | null;
    state: string | null;
    started_at: string;
    seconds: number;
  }>(
    db,
    sql`select * from (
          select 'session' as kind, pid, null::text as gid, datname::text as database,
                 application_name::text as application, state::text as state,
                 xact_start::text as started_at,
                 extract(epoch from now() - xact_start)::float8 as seconds
            from pg_stat_activity
           where backend_xid is not null and xact_start is not null
             and pid <> pg_backend_pid()
          union all
          select 'prepared', null, gid, database::text, null, 'prepared', prepared::text,
                 extract(epoch from now() - prepared)::float8
            from pg_prepared_xacts
        ) t
        where seconds > ${minSeconds}
        order by seconds desc
        limit ${LISTED}`,
  );
  return rows.map((r) => ({
    kind: r.kind,
    pid: r.pid === null ? null : Number(r.pid),
    gid: r.gid,
    database: r.database,
    application: r.application || null,
    state: r.state,
    startedAt: new Date(r.started_at),
    seconds: Number(r.seconds),
  }));
}

/** "45 seconds", "12 minutes", "3 hours": how long, as an operator says it. */
export function openFor(seconds: number): string {
  const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
  if (seconds < 120) return unit(Math.floor(seconds), "second");
  if (seconds < 120 * 60) return unit(Math.floor(seconds / 60), "minute");
  return unit(Math.floor(seconds / 3600), "hour");
}

/** The warning for the oldest long transaction (they are given oldest first), if any. */
export function longTransactionWarning(open: OpenTransaction[]): string | undefined {
  const oldest = open[0];
  if (!oldest) return undefined;
  const where = oldest.database ? `database "${oldest.database}"` : "an unknown database";
  const who =
    oldest.kind === "prepared"
      ? `prepared as "${oldest.gid}" in ${where}: COMMIT PREPARED or ROLLBACK PREPARED it`
      : `pid ${oldest.pid} in ${where}${oldest.state ? `, ${oldest.state}` : ""}${
          oldest.application ? `, ${oldest.application}` : ""
        }: end it (pg_terminate_backend) or find who left it open`;
  const more = open.length > 1 ? " Others as old are listed on the sync page." : "";
  return `A transaction open for ${openFor(oldest.seconds)} holds back every device's sync (${who}): pulls serve only changes older than the oldest open transaction on the Postgres cluster.${more}`;
}
