/** Payout-account onboarding: where a teacher's or creator's payouts are sent. */
import { z } from "zod";

/** none: nothing set up; onboarding: an account waits for details at Stripe; ready: payable. */
export const payoutAccountState = z.enum(["none", "onboarding", "ready"]);

export const payoutAccountSchema = z.object({
  state: payoutAccountState,
  provider: z.enum(["stripe", "local"]),
  /** Where to send the browser to finish onboarding (Stripe's hosted form); null otherwise. */
  url: z.string().nullable(),
});
export type PayoutAccount = z.infer<typeof payoutAccountSchema>;
