/**
 * A refund the server owes (a payment that cannot become an enrollment) is never lost: it
 * is recorded in the webhook's transaction, sent after commit, and the money job sends any
 * that did not go out — when Stripe refused the first attempt, or when the process died
 * between the commit and the call — always with the same idempotency key, exactly once.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "../../sync-server/db/schema";
import { runMoneyJob } from "../../sync-server/payments/jobs";
import { commitWebhookEvent, verifyWebhook } from "../../sync-server/payments/webhook";
import { databaseKinds } from "../support/test-db";
import {
  checkoutRow,
  createMoneyWorld,
  type MoneyWorld,
  moneyCounts,
  type Person,
  PRICE,
  sessionEvent,
  sign,
  signAndDeliver,
  startCheckout,
} from "./money-world";

const MINUTE_MS = 60_000;

describe.each(databaseKinds())("refunds owed on %s", (kind) => {
  let w: MoneyWorld;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: true });
  });
  afterAll(async () => {
    await w?.close();
  });

  const learner = (i: number) => w.learners[i] as Person;
  const refundCalls = () => w.fake?.requests.filter((r) => r.path === "/v1/refunds") ?? [];
  const owedFor = async (checkoutId: string) => {
    const rows = await w.db
      .select()
      .from(s.refundsOwed)
      .where(eq(s.refundsOwed.checkoutId, checkoutId));
    expect(rows).toHaveLength(1);
    return rows[0] as typeof s.refundsOwed.$inferSelect;
  };
  const job = (minutesLater: number) =>
    runMoneyJob(
      w.db,
      w.t.deps.config,
      w.t.deps.log,
      new Date(Date.now() + minutesLater * MINUTE_MS),
    );
  /** A learner already enrolled pays a second checkout: its payment is owed back. */
  const secondCheckout = async (who: Person) => {
    const first = await startCheckout(w, who);
    const res = await startCheckout(w, who);
    const paid = await signAndDeliver(
      w,
      await sessionEvent(w, first.body.checkout.id, "checkout.session.completed"),
    );
    expect(paid.body.outcome).toBe("enrolled");
    const checkoutId = res.body.checkout.id as string;
    const paymentId = `pi_${checkoutId.replaceAll("-", "")}`;
    return { checkoutId, paymentId };
  };

  it("keeps the refund when Stripe refuses it, and the job sends it later with the same key", async () => {
    const { checkoutId, paymentId } = await secondCheckout(learner(0));
    const calls = refundCalls().length;
    if (!w.fake) throw new Error("no fake");
    w.fake.fail.refundOutage = true;
    let res: Awaited<ReturnType<typeof signAndDeliver>>;
    try {
      res = await signAndDeliver(
        w,
        await sessionEvent(w, checkoutId, "checkout.session.completed"),
      );
    } finally {
      w.fake.fail.refundOutage = false;
    }
    // The delivery itself succeeded: Stripe must not redeliver it, the debt is ours now.
    expect([res.status, res.body.outcome]).toEqual([200, "refund_due"]);
    const owed = await owedFor(checkoutId);
    expect(owed).toMatchObject({
      paymentId,
      amountCents: PRICE,
      currency: "USD",
      reason: "already_enrolled",
      attempts: 1,
      refundId: null,
      refundedAt: null,
    });
    expect(owed.lastError).toMatch(/unavailable/);
    expect((await checkoutRow(w, checkoutId)).status).toBe("failed");

    // Within a minute the job leaves it alone (the webhook's own attempt may be under way).
    await job(0);
    expect(refundCalls()).toHaveLength(calls + 1);
    await job(2);
    const sent = await owedFor(checkoutId);
    expect(sent.attempts).toBe(2);
    expect(sent.refundId).toMatch(/^re_/);
    expect(sent.refundedAt).not.toBeNull();
    expect(sent.lastError).toBeNull();
    const tries = refundCalls().slice(calls);
    expect(tries.map((r) => [r.params.payment_intent, r.idempotencyKey])).toEqual([
      [paymentId, `refund-checkout-${paymentId}`],
      [paymentId, `refund-checkout-${paymentId}`],
    ]);
    // Sent: later runs leave it alone.
    await job(30);
    expect(refundCalls()).toHaveLength(calls + 2);
  });

  it("survives a crash between the commit and the refund call: the job sends it exactly once", async () => {
    const { checkoutId, paymentId } = await secondCheckout(learner(1));
    const payload = await sessionEvent(w, checkoutId, "checkout.session.completed");
    const header = await sign(w, payload);
    const calls = refundCalls().length;
    // What handleWebhook does up to the commit; the process "dies" before sending.
    const event = await verifyWebhook(w.t.deps, payload, header);
    const applied = await commitWebhookEvent(w.t.deps, event);
    expect(applied.outcome).toBe("refund_due");
    expect(applied.refundOwedId).toBe((await owedFor(checkoutId)).id);
    expect(refundCalls()).toHaveLength(calls);
    expect(await owedFor(checkoutId)).toMatchObject({ attempts: 0, refundedAt: null });

    // Stripe redelivers the event (no 200 came back): a duplicate, nothing owed twice.
    const before = await moneyCounts(w.db);
    const again = await signAndDeliver(w, payload);
    expect(again.body.outcome).toBe("duplicate");
    expect(await moneyCounts(w.db)).toEqual(before);
    expect(refundCalls()).toHaveLength(calls);

    await job(2);
    await job(20);
    const calledFor = refundCalls()
      .slice(calls)
      .filter((r) => r.params.payment_intent === paymentId);
    expect(calledFor).toHaveLength(1);
    expect(calledFor[0]?.idempotencyKey).toBe(`refund-checkout-${paymentId}`);
    expect(await owedFor(checkoutId)).toMatchObject({ attempts: 1, lastError: null });
    expect((await owedFor(checkoutId)).refundedAt).not.toBeNull();
  });

  it("takes a refund Stripe says was already made (by hand) as done", async () => {
    const { checkoutId } = await secondCheckout(learner(2));
    if (!w.fake) throw new Error("no fake");
    w.fake.fail.refunds = true;
    try {
      const res = await signAndDeliver(
        w,
        await sessionEvent(w, checkoutId, "checkout.session.completed"),
      );
      expect(res.body.outcome).toBe("refund_due");
    } finally {
      w.fake.fail.refunds = false;
    }
    const owed = await owedFor(checkoutId);
    expect(owed.refundedAt).not.toBeNull();
    expect([owed.refundId, owed.attempts]).toEqual([null, 1]);
    expect(owed.lastError).toMatch(/cannot be refunded/);
  });

  it("owes nothing for a payment of nothing (a session that charged 0)", async () => {
    const res = await startCheckout(w, learner(3));
    const checkoutId = res.body.checkout.id as string;
    const calls = refundCalls().length;
    const paid = await signAndDeliver(
      w,
      await sessionEvent(w, checkoutId, "checkout.session.completed", { amount_total: 0 }),
    );
    expect(paid.body.outcome).toBe("refund_due");
    expect((await checkoutRow(w, checkoutId)).failureReason).toBe("amount_mismatch");
    const rows = await w.db
      .select()
      .from(s.refundsOwed)
      .where(eq(s.refundsOwed.checkoutId, checkoutId));
    expect(rows).toEqual([]);
    expect(refundCalls()).toHaveLength(calls);
  });
});
