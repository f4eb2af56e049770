/**
 * Payouts: the admin's queue of what each recipient has released and not been paid, and
 * approving a payout. Services only; the admin pages call them.
 *
 * approvePayout claims the recipient's unpaid releases in one currency for a new payout in
 * one transaction (rows locked, so two admins approving at once cannot pay the same cents
 * twice), then sends one Stripe transfer per enrollment (transfer_group `enrollment_<id>`,
 * idempotency key `<payout id>:<enrollment id>`, so a retried call never pays twice), then
 * records the outcome. Transfers that fail hand their releases back (released, unclaimed); if none went
 * through the payout is `failed`, otherwise it is `completed` for what was transferred.
 * A crash between the claim and the record is finished by the money job
 * (payout-recovery.ts), which sends the same transfers again with the same keys.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { type Db, queryRows } from "../db/database";
import {
  paymentAccounts,
  paymentSplits,
  payouts,
  payoutTransfers,
  splitReleases,
} from "../db/schema";
import type { Deps } from "../http/context";
import { ApiError } from "../http/errors";
import { refreshSplitStatus } from "./escrow";
import { formatMoney, notify } from "./notify";
import { paymentProvider } from "./provider";

export interface PayoutQueueRow {
  recipientId: string;
  name: string;
  email: string;
  releasedUnpaidCents: number;
  currency: string;
  splitCount: number;
  hasConnectedAccount: boolean;
}

export interface PayoutResult {
  payoutId: string;
  /** `paid`: every transfer went through; `failed`: some or all did not. */
  status: "paid" | "failed";
  currency: string;
  /** What the approval claimed: paid plus failed. */
  claimedCents: number;
  /** What was transferred (0 when every transfer failed). */
  amountCents: number;
  /** What failed and went back to the queue (released, unclaimed). */
  failedCents: number;
  transferId: string | null;
  error: string | null;
}

/** What an approval claimed, told to its caller inside the claiming transaction. */
export interface PayoutClaim {
  payoutId: string;
  recipientId: string;
  currency: string;
  cents: number;
  releases: number;
  enrollments: number;
}

/**
 * Callbacks run inside approvePayout's own transactions, so what they write (the admin's
 * audit rows) commits or rolls back with the claim, and with the recorded outcome.
 */
export interface PayoutHooks {
  claimed?: (tx: Db, claim: PayoutClaim) => Promise<unknown>;
  recorded?: (tx: Db, result: PayoutResult) => Promise<unknown>;
}

/** Released, unclaimed releases of a recipient's shares (the platform keeps its own). */
/** A release not yet paid out (`r` = split_releases, `s` = its split); the platform keeps its share. */
export const UNPAID_RELEASE = sql`r.payout_id is null and s.status <> 'cancelled' and s.recipient_type <> 'platform'`;

export async function listPayoutQueue(db: Db): Promise<PayoutQueueRow[]> {
  // admin_unpaid_recipients holds, per recipient, the sum of their UNPAID_RELEASE rows and
  // how many splits they are on (kept by triggers, migration admin_rollup_triggers; the fold
  // adds the latest changes): reading it is cheap however many releases the ledger holds.
  await db.execute(sql`select admin_rollups_fold()`);
  const rows = await queryRows<{
    recipient_id: string;
    name: string;
    email: string;
    cents: number;
    currency: string;
    splits: number;
    has_account: boolean;
  }>(
    db,
    sql`select q.recipient_id, u.name, u.email, q.currency, q.cents::int as cents, q.splits,
               exists (select 1 from payment_accounts a where a.user_id = q.recipient_id) as has_account
        from admin_unpaid_recipients q
        join users u on u.id = q.recipient_id
        order by q.cents desc, u.name`,
  );
  return rows.map((r) => ({
    recipientId: r.recipient_id,
    name: r.name,
    email: r.email,
    releasedUnpaidCents: r.cents,
    currency: r.currency,
    splitCount: r.splits,
    hasConnectedAccount: r.has_account,
  }));
}

export interface Claimed {
  releaseId: string;
  splitId: string;
  enrollmentId: string;
  cents: number;
  currency: string;
}

/**
 * Pays `recipientId` what they have released and unpaid in `currency`. Without a currency,
 * the recipient must be owed in one currency only (else `409 currency_required`): a payout
 * and its transfers are in one currency.
 */
export async function approvePayout(
  deps: Deps,
  input: { recipientId: string; approvedBy: string; currency?: string | undefined },
  hooks: PayoutHooks = {},
): Promise<PayoutResult> {
  const { db } = deps;
  const [account] = await db
    .select()
    .from(paymentAccounts)
    .where(eq(paymentAccounts.userId, input.recipientId));
  const payoutId = uuidv7();

  const claimed = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
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
          where s.recipient_id = ${input.recipientId} and ${UNPAID_RELEASE}
            ${input.currency ? sql`and s.currency = ${input.currency}` : sql``}
          order by r.released_at, r.id
          for update of r`,
    );
    if (!rows.length) {
      throw new ApiError(
        409,
        "nothing_to_pay",
        input.currency
          ? `This recipient has nothing released and unpaid in ${input.currency}.`
          : "This recipient has nothing released and unpaid.",
      );
    }
    if (!account) {
      throw new ApiError(
        409,
        "no_connected_account",
        "This recipient has no connected payout account.",
      );
    }
    const currencies = [...new Set(rows.map((r) => r.currency))].sort();
    if (currencies.length > 1) {
      throw new ApiError(
        409,
        "currency_required",
        `This recipient is owed in ${currencies.join(" and ")}: approve one currency at a time.`,
        { currencies },
      );
    }
    const currency = currencies[0] ?? "USD";
    const list: Claimed[] = rows.map((r) => ({
      releaseId: r.id,
      splitId: r.split_id,
      enrollmentId: r.enrollment_id,
      cents: r.amount_cents,
      currency: r.currency,
    }));
    const cents = list.reduce((n, r) => n + r.cents, 0);
    await tx.insert(payouts).values({
      id: payoutId,
      recipientId: input.recipientId,
      amountCents: cents,
      currency,
      status: "processing",
      approvedBy: input.approvedBy,
      approvedAt: new Date(),
    });
    await tx
      .update(splitReleases)
      .set({ payoutId })
      .where(
        inArray(
          splitReleases.id,
          list.map((r) => r.releaseId),
        ),
      );
    await hooks.claimed?.(tx, {
      payoutId,
      recipientId: input.recipientId,
      currency,
      cents,
      releases: list.length,
      enrollments: new Set(list.map((r) => r.enrollmentId)).size,
    });
    return { list, currency, cents };
  });
  if (!account) throw new Error("unreachable: checked in the transaction");

  const outcomes = await sendTransfers(deps, payoutId, account.stripeAccountId, claimed.list);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const { paid, failed, paidCents } = await recordTransfers(
      tx,
      { payoutId, recipientId: input.recipientId },
      outcomes,
    );
    const result: PayoutResult = {
      payoutId,
      status: failed.length ? "failed" : "paid",
      currency: claimed.currency,
      claimedCents: claimed.cents,
      amountCents: paidCents,
      failedCents: claimed.cents - paidCents,
      transferId: paid[0]?.transferId ?? null,
      error: failed.length ? failed.map((f) => f.error).join("; ") : null,
    };
    await hooks.recorded?.(tx, result);
    return result;
  });
}

export interface TransferOutcome {
  enrollmentId: string;
  rows: Claimed[];
  transferId: string | null;
  error: string | null;
}

/**
 * One transfer per enrollment (its transfer_group ties it to the enrollment's charge), each
 * with the idempotency key `<payout id>:<enrollment id>`: sending the same claimed rows
 * again — a retry after a crash — gets the same transfer back, never a second one.
 */
export async function sendTransfers(
  deps: Pick<Deps, "config" | "log">,
  payoutId: string,
  destination: string,
  claimed: Claimed[],
): Promise<TransferOutcome[]> {
  const groups = new Map<string, Claimed[]>();
  for (const r of claimed) groups.set(r.enrollmentId, [...(groups.get(r.enrollmentId) ?? []), r]);
  const provider = paymentProvider(deps.config);
  const outcomes: TransferOutcome[] = [];
  for (const [enrollmentId, rows] of groups) {
    const cents = rows.reduce((n, r) => n + r.cents, 0);
    try {
      const { transferId } = await provider.transfer({
        amountCents: cents,
        currency: rows[0]?.currency ?? "USD",
        destination,
        transferGroup: `enrollment_${enrollmentId}`,
        idempotencyKey: `${payoutId}:${enrollmentId}`,
        metadata: { payoutId, enrollmentId },
      });
      outcomes.push({ enrollmentId, rows, transferId, error: null });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      deps.log.warn("payout transfer failed", { payoutId, enrollmentId, error });
      outcomes.push({ enrollmentId, rows, transferId: null, error });
    }
  }
  return outcomes;
}

/**
 * Records a payout's transfers in the caller's transaction: paid releases and their splits
 * are marked, releases whose transfer failed are handed back (released, unclaimed), and the
 * payout becomes `completed` for what was transferred, or `failed`.
 */
export async function recordTransfers(
  tx: Db,
  payout: { payoutId: string; recipientId: string },
  outcomes: TransferOutcome[],
) {
  const { payoutId } = payout;
  const paid = outcomes.filter((o) => o.transferId);
  const failed = outcomes.filter((o) => !o.transferId);
  const paidCents = paid.reduce((n, o) => n + o.rows.reduce((m, r) => m + r.cents, 0), 0);
  const now = new Date();
  if (outcomes.length) {
    await tx.insert(payoutTransfers).values(
      outcomes.map((o) => ({
        id: uuidv7(),
        payoutId,
        enrollmentId: o.enrollmentId,
        amountCents: o.rows.reduce((n, r) => n + r.cents, 0),
        transferId: o.transferId,
        status: o.transferId ? "paid" : "failed",
        error: o.error,
      })),
    );
  }
  const back = failed.flatMap((o) => o.rows.map((r) => r.releaseId));
  if (back.length) {
    await tx.update(splitReleases).set({ payoutId: null }).where(inArray(splitReleases.id, back));
  }
  const done = paid.flatMap((o) => o.rows.map((r) => r.releaseId));
  if (done.length) {
    await tx.update(splitReleases).set({ paidAt: now }).where(inArray(splitReleases.id, done));
    const splitIds = [...new Set(paid.flatMap((o) => o.rows.map((r) => r.splitId)))];
    await tx
      .update(paymentSplits)
      .set({ payoutId })
      .where(and(inArray(paymentSplits.id, splitIds), isNull(paymentSplits.payoutId)));
    const splits = await tx.select().from(paymentSplits).where(inArray(paymentSplits.id, splitIds));
    for (const split of splits) await refreshSplitStatus(tx, split);
  }
  await tx
    .update(payouts)
    .set(
      paid.length
        ? {
            status: "completed",
            amountCents: paidCents,
            stripeTransferId: paid[0]?.transferId ?? null,
            paidAt: now,
          }
        : { status: "failed" },
    )
    .where(eq(payouts.id, payoutId));
  if (paid.length) {
    await notify(tx, [
      {
        userId: payout.recipientId,
        type: "payout",
        title: "Payout sent",
        body: `${formatMoney(paidCents, paid[0]?.rows[0]?.currency ?? "USD")} is on its way to your account.`,
        actionUrl: "/earnings",
      },
    ]);
  }
  return { paid, failed, paidCents };
}
