/**
 * The message an admin reads after approving a payout. approvePayout's amountCents is what
 * was paid, so a payout whose transfers all failed has 0 there: the message names what was
 * paid, what failed, and that only the failed part is back in the queue.
 */
import type { PayoutResult } from "../payments/payouts";
import { money } from "./components/format";

export function payoutFlash(out: PayoutResult): { text: string; kind: "ok" | "error" } {
  const paid = money(out.amountCents, out.currency);
  const failed = money(out.failedCents, out.currency);
  // Provider messages end with a full stop; the sentence around them brings its own.
  const why = (out.error ?? "unknown error").replace(/\.+$/, "");
  if (out.status === "paid") {
    const transfer = out.transferId ? ` (transfer ${out.transferId})` : "";
    return { kind: "ok", text: `Payout of ${paid} paid${transfer}.` };
  }
  if (out.amountCents === 0) {
    return {
      kind: "error",
      text: `Payout of ${failed} failed: ${why}. Nothing was paid; the ${failed} is back in the payout queue.`,
    };
  }
  return {
    kind: "error",
    text: `Payout partly paid: ${paid} paid, ${failed} failed (${why}). The ${failed} that failed is back in the payout queue.`,
  };
}
