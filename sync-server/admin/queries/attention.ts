/**
 * "What needs me now": the overview's attention panel. Each item is a count with a link to
 * the list it comes from, filtered; an item is there only while its condition holds.
 * Every count is served by an index (payouts by status, flags by the queue index, the
 * outbox by (status, created_at), refunds owed by refunds_owed_unsent_idx) or by the running
 * totals, so the panel stays cheap.
 */
import { sql } from "drizzle-orm";
import type { Config } from "../../config";
import { type Db, queryRows } from "../../db/database";
import { count, money } from "../components/format";
import { cached } from "./cache";
import { overdueRefunds, REFUND_OVERDUE_MINUTES } from "./refunds-owed";
import { foldRollups, unpaidRecipientCount, unpaidTotals } from "./rollups";
import { currentSyncWarnings } from "./sync-health";

/** Failed payouts and failed emails are counted over this many days. */
export const ATTENTION_DAYS = 7;

export type AttentionKind =
  | "pending_payouts"
  | "failed_payouts"
  | "stuck_payouts"
  | "refunds_owed"
  | "pending_flags"
  | "failed_emails"
  | "sync_warning";

export interface AttentionItem {
  kind: AttentionKind;
  count: number;
  text: string;
  href: string;
}

const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

async function counts(db: Db, config: Config) {
  const [row] = await queryRows<{
    failed_payouts: number;
    stuck_payouts: number;
    pending_flags: number;
    failed_emails: number;
  }>(
    db,
    sql`select
      (select count(*)::int from payouts where status = 'failed'
          and approved_at > now() - make_interval(days => ${ATTENTION_DAYS})) as failed_payouts,
      (select count(*)::int from payouts where status = 'processing'
          and approved_at < now() - make_interval(mins => ${config.PAYOUT_STUCK_MINUTES})) as stuck_payouts,
      (select count(*)::int from content_flags where (status = 'pending')) as pending_flags,
      (select count(*)::int from email_outbox where status = 'failed'
          and created_at > now() - make_interval(days => ${ATTENTION_DAYS})) as failed_emails`,
  );
  return {
    failedPayouts: Number(row?.failed_payouts ?? 0),
    stuckPayouts: Number(row?.stuck_payouts ?? 0),
    pendingFlags: Number(row?.pending_flags ?? 0),
    failedEmails: Number(row?.failed_emails ?? 0),
  };
}

async function computeAttention(db: Db, config: Config): Promise<AttentionItem[]> {
  await foldRollups(db);
  const [owed, recipients, n, refunds, warnings] = await Promise.all([
    unpaidTotals(db),
    unpaidRecipientCount(db),
    counts(db, config),
    overdueRefunds(db),
    currentSyncWarnings(db, config),
  ]);
  const items: AttentionItem[] = [];
  if (recipients > 0) {
    items.push({
      kind: "pending_payouts",
      count: recipients,
      text: `${plural(recipients, "recipient is", "recipients are")} waiting for a payout: ${owed
        .map((o) => money(o.cents, o.currency))
        .join(", ")}`,
      href: "/admin/money#queue",
    });
  }
  if (n.failedPayouts > 0) {
    items.push({
      kind: "failed_payouts",
      count: n.failedPayouts,
      text: `${plural(n.failedPayouts, "payout", "payouts")} failed in the last ${ATTENTION_DAYS} days`,
      href: "/admin/money?payoutsStatus=failed#payouts",
    });
  }
  if (n.stuckPayouts > 0) {
    items.push({
      kind: "stuck_payouts",
      count: n.stuckPayouts,
      text: `${plural(n.stuckPayouts, "payout has", "payouts have")} been processing for more than ${config.PAYOUT_STUCK_MINUTES} minutes`,
      href: "/admin/money?payoutsStatus=processing#payouts",
    });
  }
  const refundCount = refunds.reduce((sum, r) => sum + r.count, 0);
  if (refundCount > 0) {
    items.push({
      kind: "refunds_owed",
      count: refundCount,
      text: `${plural(refundCount, "refund the server owes has", "refunds the server owes have")} not gone through (failed, or owed for over ${REFUND_OVERDUE_MINUTES} minutes): ${refunds
        .map((r) => money(r.cents, r.currency))
        .join(", ")}`,
      href: "/admin/money?refundsStatus=owed#refunds-owed",
    });
  }
  if (n.pendingFlags > 0) {
    items.push({
      kind: "pending_flags",
      count: n.pendingFlags,
      text: `${plural(n.pendingFlags, "flagged post waits", "flagged posts wait")} for review`,
      href: "/admin/flags?status=pending",
    });
  }
  if (n.failedEmails > 0) {
    items.push({
      kind: "failed_emails",
      count: n.failedEmails,
      text: `${plural(n.failedEmails, "email", "emails")} failed to send in the last ${ATTENTION_DAYS} days`,
      href: "/admin/outbox?status=failed",
    });
  }
  for (const warning of warnings) {
    items.push({ kind: "sync_warning", count: 1, text: `Sync: ${warning}`, href: "/admin/sync" });
  }
  return items;
}

/** Cached like the overview's figures (cache.ts: 30 s, cleared by every admin action). */
export async function attention(db: Db, config: Config, fresh = false) {
  return (await cached(db, "attention", fresh, () => computeAttention(db, config))).value;
}
