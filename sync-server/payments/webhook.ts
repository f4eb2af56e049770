/**
 * The payment webhook. Verified on the raw body with the Stripe SDK, checked for shape,
 * recorded by event id (a replay is a no-op), and applied in the same transaction as that
 * record, with the checkout row locked: whatever the order or concurrency of deliveries, a
 * checkout is paid at most once, so it yields at most one enrollment, transaction and set
 * of splits. Money that cannot become an enrollment is recorded as owed in that same
 * transaction and given back after commit (refunds-owed.ts).
 */
import { eq } from "drizzle-orm";
import type { Db } from "../db/database";
import { checkoutSessions, stripeEvents } from "../db/schema";
import type { Deps } from "../http/context";
import { ApiError } from "../http/errors";
import { markPaid } from "./paid-checkout";
import { stripeClient, webhookSecret } from "./provider";
import { sendRefundOwed } from "./refunds-owed";
import {
  type CheckoutSessionData,
  invalidEvent,
  parseWebhookEvent,
  type WebhookEvent,
} from "./webhook-event";

/** Seconds a signature stays valid (Stripe's default): older deliveries are replays. */
export const SIGNATURE_TOLERANCE_S = 300;

export type WebhookOutcome =
  | "duplicate"
  | "ignored"
  | "unknown_checkout"
  | "enrolled"
  | "already_paid"
  | "awaiting_payment"
  | "expired"
  | "failed"
  | "closed_already"
  | "refund_due";

export type CheckoutRow = typeof checkoutSessions.$inferSelect;

/** What one applied event decided, and the owed refund (refunds_owed id) to send, if any. */
export interface Applied {
  outcome: WebhookOutcome;
  refundOwedId: string | null;
}

export async function handleWebhook(
  deps: Deps,
  rawBody: string,
  signature: string | undefined,
): Promise<{ eventId: string; outcome: WebhookOutcome }> {
  const event = await verifyWebhook(deps, rawBody, signature);
  const result = await commitWebhookEvent(deps, event);
  // After commit (a network call): the debt is already stored, so a failure or a crash
  // here leaves it to the money job, which sends it with the same idempotency key.
  if (result.refundOwedId) await sendRefundOwed(deps, result.refundOwedId);
  deps.log.info("payment webhook", {
    eventId: event.id,
    type: event.type,
    outcome: result.outcome,
  });
  return { eventId: event.id, outcome: result.outcome };
}

/** The signature on the raw bytes, then the shape: either fails with a 400 and no change. */
export async function verifyWebhook(
  deps: Pick<Deps, "db" | "config">,
  rawBody: string,
  signature: string | undefined,
): Promise<WebhookEvent> {
  const secret = await webhookSecret(deps.db, deps.config);
  let event: unknown;
  try {
    event = await stripeClient(deps.config).webhooks.constructEventAsync(
      rawBody,
      signature ?? "",
      secret,
      SIGNATURE_TOLERANCE_S,
    );
  } catch (err) {
    // The SDK parses the body only once the signature verified: signed, but not JSON.
    if (err instanceof SyntaxError) throw invalidEvent();
    throw new ApiError(400, "invalid_signature", "The webhook signature does not verify.");
  }
  return parseWebhookEvent(event);
}

/** Records the event id and applies the event, in one transaction. */
export async function commitWebhookEvent(deps: Deps, event: WebhookEvent): Promise<Applied> {
  return deps.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const fresh = await tx
      .insert(stripeEvents)
      .values({ eventId: event.id, type: event.type })
      .onConflictDoNothing()
      .returning({ eventId: stripeEvents.eventId });
    if (!fresh.length) return { outcome: "duplicate" as const, refundOwedId: null };
    const applied = await applyEvent(tx, deps, event);
    await tx
      .update(stripeEvents)
      .set({ processedAt: new Date() })
      .where(eq(stripeEvents.eventId, event.id));
    return applied;
  });
}

async function applyEvent(tx: Db, deps: Deps, event: WebhookEvent): Promise<Applied> {
  const none = (outcome: WebhookOutcome) => ({ outcome, refundOwedId: null });
  if (!event.session) return none("ignored");
  const session = event.session;
  const checkout = await lockCheckout(tx, session);
  if (!checkout) return none("unknown_checkout");
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
      // Delayed payment methods complete the session unpaid; async_payment_succeeded follows.
      if (session.payment_status === "unpaid") return none("awaiting_payment");
      return markPaid(tx, deps, checkout, session);
    case "checkout.session.expired":
    case "checkout.session.async_payment_failed": {
      // Out of order: an expiry or failure after the payment changes nothing.
      if (checkout.status !== "open") return none("closed_already");
      const status = event.type === "checkout.session.expired" ? "expired" : "failed";
      await tx
        .update(checkoutSessions)
        .set({
          status,
          failureReason: status === "failed" ? "payment_failed" : null,
          updatedAt: new Date(),
        })
        .where(eq(checkoutSessions.id, checkout.id));
      return none(status);
    }
    default:
      return none("ignored");
  }
}

async function lockCheckout(
  tx: Db,
  session: CheckoutSessionData,
): Promise<CheckoutRow | undefined> {
  const [row] = await tx
    .select()
    .from(checkoutSessions)
    .where(eq(checkoutSessions.providerSessionId, session.id))
    .for("update")
    .limit(1);
  return row;
}
