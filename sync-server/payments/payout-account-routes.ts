/** The payout-account API: a creator's or Student-Teacher's onboarding to receive payouts. */
import { payoutAccountSchema } from "../../shared/api/payout-account";
import { requireUser } from "../auth/middleware";
import type { ApiRouter } from "../http/api-router";
import { payoutAccountStatus, startPayoutOnboarding } from "./payout-account";

const TAG = "Payments";

export function registerPayoutAccountRoutes(api: ApiRouter) {
  api.route(
    {
      method: "get",
      path: "/api/payments/payout-account",
      tag: TAG,
      summary: "The signed-in earner's payout account: none, onboarding or ready",
      auth: "user",
      responses: {
        200: { description: "The payout account's state", schema: payoutAccountSchema },
        403: { description: "forbidden: not a creator or Student-Teacher" },
      },
    },
    async (c) => c.json(await payoutAccountStatus(c.get("deps"), requireUser(c))),
  );

  api.route(
    {
      method: "post",
      path: "/api/payments/payout-account",
      tag: TAG,
      summary:
        "Set up where payouts go: Stripe Connect onboarding (send the browser to `url`), or locally ready at once",
      auth: "user",
      responses: {
        200: { description: "Onboarding started, or already ready", schema: payoutAccountSchema },
        403: { description: "forbidden: not a creator or Student-Teacher" },
        502: { description: "payment_provider_error: Stripe did not answer; nothing stored" },
      },
    },
    async (c) => c.json(await startPayoutOnboarding(c.get("deps"), requireUser(c))),
  );
}
