/**
 * Refunds the server owes (table refunds_owed): money that came in for a checkout that
 * could not become an enrollment. The row is written in the webhook's transaction, so the
 * debt is durable before any network call; the provider call happens after commit, and the
 * money job retries every row not yet refunded. Every attempt uses the same idempotency key,
 * `refund-checkout-<payment id>`, and a full refund of one payment can happen only once
 * anyway (Stripe refuses a second with `charge_already_refunded`), so retries never pay
 * back twice.
 */
import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import { checkoutSessions, refundsOwed } from "../db/schema";
import type { Deps } from "../http/context";
import { ProviderError, type ProviderKind, providerOf } from "./provider";

/** The immediate attempt after commit has this long before the job tries the same row. */
export const REFUND_RETRY_AFTER_MS = 60_000;
/** Rows the job sends per run (the rest wait for the next run). */
const BATCH = 100;

export const refundKey = (paymentId: string) => `refund-checkout-${paymentId}`;

/**
 * Records, in the caller's transaction, that `paymentId` must be given back. A payment of
 * nothing (a free checkout) owes nothing. Returns the row id to send after commit, or null.
 */
export async function oweRefund(
  tx: Db,
  input: {
    checkoutId: string;
    paymentId: string;
    amountCents: number;
    currency: string;
    reason: string;
  },
): Promise<string | null> {
  if (input.amountCents <= 0) return null;
  const [row] = await tx
    .insert(refundsOwed)
    .values({ id: uuidv7(), ...input, currency: input.currency.toUpperCase() })
    // Already owed (another event for the same payment): one debt, one refund.
    .onConflictDoNothing()
    .returning({ id: refundsOwed.id });
  return row?.id ?? null;
}

export type RefundAttempt = "refunded" | "failed" | "no_provider" | "already_done";

/** One attempt at one owed refund; records the outcome. Never throws for a provider refusal. */
export async function sendRefundOwed(
  deps: Pick<Deps, "db" | "config" | "log">,
  owedId: string,
  now = new Date(),
): Promise<RefundAttempt> {
  const { db, config, log } = deps;
  const [row] = await db
    .select({ owed: refundsOwed, provider: checkoutSessions.provider })
    .from(refundsOwed)
    .innerJoin(checkoutSessions, eq(checkoutSessions.id, refundsOwed.checkoutId))
    .where(eq(refundsOwed.id, owedId));
  if (!row || row.owed.refundedAt) return "already_done";
  const provider = providerOf(config, row.provider as ProviderKind);
  if (!provider) {
    log.error("a Stripe refund is owed but no Stripe key is configured", { owedId });
    return "no_provider";
  }
  const unsent = and(eq(refundsOwed.id, owedId), isNull(refundsOwed.refundedAt));
  const attempted = { attempts: sql`${refundsOwed.attempts} + 1`, lastAttemptAt: now };
  try {
    const { refundId } = await provider.refund(row.owed.paymentId, refundKey(row.owed.paymentId));
    await db
      .update(refundsOwed)
      .set({ ...attempted, refundId, refundedAt: now, lastError: null })
      .where(unsent);
    log.info("owed refund sent", { owedId, refundId });
    return "refunded";
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    // Refunded already (by a person, from the dashboard): nothing is owed any more.
    if (err.code === "charge_already_refunded") {
      await db
        .update(refundsOwed)
        .set({ ...attempted, refundedAt: now, lastError: err.message })
        .where(unsent);
      log.warn("owed refund was already refunded at the provider", { owedId });
      return "refunded";
    }
    await db
      .update(refundsOwed)
      .set({ ...attempted, lastError: err.message })
      .where(unsent);
    log.error("owed refund failed; the money job retries it", {
      owedId,
      paymentId: row.owed.paymentId,
      attempts: row.owed.attempts + 1,
      error: err.message,
    });
    return "failed";
  }
}

/**
 * The money job's part: sends every owed refund not yet refunded (oldest first), except
 * rows so fresh that the webhook's own attempt may still be under way.
 */
export async function retryRefundsOwed(
  deps: Pick<Deps, "db" | "config" | "log">,
  now = new Date(),
): Promise<{ refunded: number; failed: number }> {
  const due = await deps.db
    .select({ id: refundsOwed.id })
    .from(refundsOwed)
    .where(
      and(
        isNull(refundsOwed.refundedAt),
        lte(refundsOwed.createdAt, new Date(now.getTime() - REFUND_RETRY_AFTER_MS)),
      ),
    )
    .orderBy(asc(refundsOwed.createdAt))
    .limit(BATCH);
  let refunded = 0;
  let failed = 0;
  for (const { id } of due) {
    const r = await sendRefundOwed(deps, id, now);
    if (r === "refunded") refunded++;
    else if (r !== "already_done") failed++;
  }
  return { refunded, failed };
}
