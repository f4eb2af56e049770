/**
 * Payout-account onboarding: the Stripe Connect Express account (or the local provider's
 * account) a teacher or creator is setting up. Only once it can receive transfers is it
 * copied into `payment_accounts`, which is what payouts pay to.
 */
import { pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, tz } from "./columns";
import { users } from "./users";

export const payoutOnboarding = pgTable(
  "payout_onboarding",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id),
    /** `stripe` or `local`: which provider created the account. */
    provider: text("provider").notNull(),
    stripeAccountId: text("stripe_account_id").notNull(),
    /** Set when the account can receive transfers (then it is in payment_accounts too). */
    readyAt: tz("ready_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("payout_onboarding_stripe_account_id_key").on(t.stripeAccountId)],
);
