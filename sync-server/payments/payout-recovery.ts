/**
 * Payouts a crash left half-done: approvePayout claims releases (payout `processing`),
 * calls the provider, then records the outcome. A process dying between the claim and the
 * record leaves the payout `processing` and its releases claimed but unpaid, whether or not
 * the transfers went out. The money job finds such payouts (older than
 * PAYOUT_STUCK_MINUTES) and sends the SAME transfers again — same amounts, same idempotency
 * keys `<payout id>:<enrollment id>` — so a transfer that happened comes back as the same
 * transfer and one that never happened is made now or, if refused, its releases are handed
 * back (`released`, unclaimed), exactly as approvePayout records them.
 *
 * Stripe keeps idempotency keys for 24 hours: past that a retry could pay twice, so such
 * payouts are left `processing` and logged for a person to check against the Stripe
 * dashboard (transfer_group `enrollment_<id>`, metadata.payoutId).
 */
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/database";
import type { Deps } from "../http/context";
import { type Claimed, recordTransfers, sendTransfers } from "./payouts";

const MINUTE_MS = 60_000;
/** Stripe's idempotency-key lifetime, less a margin. */
export const IDEMPOTENCY_WINDOW_MS = 23 * 60 * MINUTE_MS;

export async function recoverStuckPayouts(
  deps: Pick<Deps, "db" | "config" | "log">,
  now = new Date(),
): Promise<{ recovered: number; leftForHand: number }> {
  const { db, config, log } = deps;
  const stuckBefore = new Date(now.getTime() - config.PAYOUT_STUCK_MINUTES * MINUTE_MS);
  const retryAfter = new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS);
  const stuck = await queryRows<{ id: string; approved_at: Date | string }>(
    db,
    sql`select id, approved_at from payouts
        where status = 'processing' and approved_at <= ${stuckBefore.toISOString()}::timestamptz
        order by approved_at`,
  );
  let recovered = 0;
  let leftForHand = 0;
  for (const p of stuck) {
    if (new Date(p.approved_at).getTime() < retryAfter.getTime()) {
      leftForHand++;
      log.error("payout stuck in processing past the idempotency window; check it by hand", {
        payoutId: p.id,
      });
      continue;
    }
    // The payout row stays locked across the provider calls: another process running the
    // job skips it instead of retrying it at the same time.
    const done = await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const [payout] = await queryRows<{ recipient_id: string; account: string | null }>(
        tx,
        sql`select p.recipient_id, a.stripe_account_id as account
            from payouts p left join payment_accounts a on a.user_id = p.recipient_id
            where p.id = ${p.id} and p.status = 'processing'
            for update of p skip locked`,
      );
      if (!payout) return false;
      const rows = await queryRows<{
        id: string;
        split_id: string;
        enrollment_id: string;
        amount_cents: number;
        currency: string;
      }>(
        tx,
        sql`select r.id, r.split_id, t.enrollment_id, r.amount_cents, s.currency
            from split_releases r
            join payment_splits s on s.id = r.split_id
            join transactions t on t.id = s.transaction_id
            where r.payout_id = ${p.id} and r.paid_at is null
            order by r.released_at, r.id
            for update of r`,
      );
      const claimed: Claimed[] = rows.map((r) => ({
        releaseId: r.id,
        splitId: r.split_id,
        enrollmentId: r.enrollment_id,
        cents: r.amount_cents,
        currency: r.currency,
      }));
      if (!payout.account) {
        // Its account is gone: whether a transfer reached it cannot be asked by key.
        log.error("stuck payout has no connected account; check it by hand", { payoutId: p.id });
        return "left" as const;
      }
      const outcomes = await sendTransfers(deps, p.id, payout.account, claimed);
      await recordTransfers(tx, { payoutId: p.id, recipientId: payout.recipient_id }, outcomes);
      log.warn("stuck payout recovered", {
        payoutId: p.id,
        transfers: outcomes.filter((o) => o.transferId).length,
        handedBack: outcomes.filter((o) => !o.transferId).length,
      });
      return true;
    });
    if (done === true) recovered++;
    if (done === "left") leftForHand++;
  }
  return { recovered, leftForHand };
}
