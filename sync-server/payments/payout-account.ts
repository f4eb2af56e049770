/**
 * Payout-account onboarding for those who earn (creators, Student-Teachers).
 *
 * With Stripe: one Connect Express account per user (created once: a per-user advisory lock
 * plus a per-user idempotency key), then an Account Link to Stripe's hosted onboarding. The
 * account becomes payable when Stripe says so (`accounts.retrieve`: details submitted,
 * payouts enabled, transfers capability active), checked whenever its owner asks for the
 * state; only then is it written to `payment_accounts`, which payouts pay to.
 * Locally: no money moves, so the local account is payable at once.
 */
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { PayoutAccount } from "../../shared/api/payout-account";
import type { SessionUser } from "../auth/sessions";
import type { Db } from "../db/database";
import { paymentAccounts, payoutOnboarding } from "../db/schema";
import type { Deps } from "../http/context";
import { ApiError } from "../http/errors";
import { stripeClient } from "./provider";

type OnboardingRow = typeof payoutOnboarding.$inferSelect;

/** Creators and Student-Teachers receive payouts; nobody else has anything to be paid. */
export function canEarn(user: SessionUser): boolean {
  return (
    user.isCreator ||
    user.isStudentTeacher ||
    user.role === "creator" ||
    user.role === "student_teacher"
  );
}

function requireEarner(user: SessionUser) {
  if (!canEarn(user)) {
    throw new ApiError(403, "forbidden", "Only creators and Student-Teachers receive payouts.");
  }
}

async function stripeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch {
    throw new ApiError(
      502,
      "payment_provider_error",
      "The payment provider did not answer as expected; try again.",
    );
  }
}

/** Stripe transfers to a connected account only once it is fully set up. */
export function accountIsPayable(account: Stripe.Account): boolean {
  return (
    account.details_submitted === true &&
    account.payouts_enabled === true &&
    account.capabilities?.transfers === "active"
  );
}

async function onboardingRow(db: Db, userId: string): Promise<OnboardingRow | undefined> {
  const [row] = await db.select().from(payoutOnboarding).where(eq(payoutOnboarding.userId, userId));
  return row;
}

/** Records the account as payable: payouts now transfer to it. */
async function markReady(db: Db, userId: string, accountId: string) {
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx
      .update(payoutOnboarding)
      .set({ readyAt: new Date() })
      .where(eq(payoutOnboarding.userId, userId));
    await tx
      .insert(paymentAccounts)
      .values({ userId, stripeAccountId: accountId })
      .onConflictDoNothing();
  });
}

const kindOf = (deps: Deps): PayoutAccount["provider"] =>
  deps.config.STRIPE_SECRET_KEY ? "stripe" : "local";

/** The signed-in earner's payout account: none, onboarding or ready (asks Stripe if pending). */
export async function payoutAccountStatus(deps: Deps, user: SessionUser): Promise<PayoutAccount> {
  requireEarner(user);
  const { db } = deps;
  const provider = kindOf(deps);
  const [payable] = await db
    .select()
    .from(paymentAccounts)
    .where(eq(paymentAccounts.userId, user.id));
  if (payable) return { state: "ready", provider, url: null };
  const row = await onboardingRow(db, user.id);
  if (!row) return { state: "none", provider, url: null };
  if (row.provider === "stripe" && provider === "stripe") {
    const account = await stripeCall(() =>
      stripeClient(deps.config).accounts.retrieve(row.stripeAccountId),
    );
    if (accountIsPayable(account)) {
      await markReady(db, user.id, row.stripeAccountId);
      return { state: "ready", provider, url: null };
    }
  }
  return { state: "onboarding", provider, url: null };
}

/**
 * Starts (or resumes) onboarding. Stripe: the account is created once, and every call gets
 * a fresh Account Link (they expire after a few minutes). Local: ready at once.
 */
export async function startPayoutOnboarding(deps: Deps, user: SessionUser): Promise<PayoutAccount> {
  const current = await payoutAccountStatus(deps, user);
  if (current.state === "ready") return current;
  const { db, config } = deps;
  const provider = kindOf(deps);

  if (provider === "local") {
    await db
      .insert(payoutOnboarding)
      .values({
        userId: user.id,
        provider,
        stripeAccountId: `acct_local_${randomBytes(12).toString("hex")}`,
      })
      .onConflictDoNothing();
    const row = await onboardingRow(db, user.id);
    if (!row) throw new Error("payout onboarding row was not stored");
    // A Stripe account begun while Stripe was configured is not ours to declare payable.
    if (row.provider !== "local") return { state: "onboarding", provider, url: null };
    await markReady(db, user.id, row.stripeAccountId);
    return { state: "ready", provider, url: null };
  }

  const stripe = stripeClient(config);
  // One account per user even when asked twice at once: the second caller waits for the
  // first one's row. The idempotency key covers a crash between Stripe's answer and the insert.
  const accountId = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`payout-account:${user.id}`}, 0))`,
    );
    const existing = await onboardingRow(tx, user.id);
    if (existing) return existing.stripeAccountId;
    const account = await stripeCall(() =>
      stripe.accounts.create(
        {
          type: "express",
          email: user.email,
          capabilities: { transfers: { requested: true } },
          metadata: { userId: user.id },
        },
        { idempotencyKey: `payout-account-${user.id}` },
      ),
    );
    await tx.insert(payoutOnboarding).values({
      userId: user.id,
      provider,
      stripeAccountId: account.id,
    });
    return account.id;
  });
  const link = await stripeCall(() =>
    stripe.accountLinks.create({
      account: accountId,
      refresh_url: `${config.publicUrl}/earnings?payouts=refresh`,
      return_url: `${config.publicUrl}/earnings?payouts=done`,
      type: "account_onboarding",
    }),
  );
  return { state: "onboarding", provider, url: link.url };
}
