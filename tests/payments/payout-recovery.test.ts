/**
 * A crash between claiming a payout and recording its transfers leaves it `processing`.
 * The money job retries such payouts with the same idempotency keys: a transfer that went
 * out before the crash comes back as the same transfer (paid once), one that never happened
 * is made now, or handed back when the provider refuses it. Fresh payouts (an approval
 * still under way) and payouts past Stripe's 24-hour key window are left alone.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { type Db, queryRows } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";
import { releaseOnEnrollmentCompleted } from "../../sync-server/payments/escrow";
import { runMoneyJob } from "../../sync-server/payments/jobs";
import { listPayoutQueue } from "../../sync-server/payments/payouts";
import { paymentProvider } from "../../sync-server/payments/provider";
import { databaseKinds } from "../support/test-db";
import { buy, createMoneyWorld, type MoneyWorld } from "./money-world";

const MINUTE_MS = 60_000;

describe.each(databaseKinds())("stuck payout recovery on %s", (kind) => {
  let w: MoneyWorld;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: true });
    await w.db
      .insert(s.paymentAccounts)
      .values({ userId: w.teacher.id, stripeAccountId: "acct_teacher_recovery" });
  });
  afterAll(async () => {
    await w?.close();
  });

  /** A completed enrollment whose teaching share (3499) is released and unpaid. */
  const releasedEnrollment = async (learner: number) => {
    const person = w.learners[learner];
    if (!person) throw new Error(`no learner ${learner}`);
    const { enrollmentId } = await buy(w, person);
    await w.db.transaction((tx) => releaseOnEnrollmentCompleted(tx as unknown as Db, enrollmentId));
    return enrollmentId;
  };
  /** The state a crash right after approvePayout's claim leaves: processing, releases claimed. */
  const crashedPayout = async (enrollmentIds: string[], approvedMinutesAgo: number) => {
    const payoutId = uuidv7();
    const releases = await queryRows<{ id: string; amount_cents: number }>(
      w.db,
      sql`select r.id, r.amount_cents from split_releases r
          join payment_splits s on s.id = r.split_id
          join transactions t on t.id = s.transaction_id
          where s.recipient_id = ${w.teacher.id} and r.payout_id is null
            and t.enrollment_id in (${sql.join(
              enrollmentIds.map((id) => sql`${id}`),
              sql`, `,
            )})`,
    );
    await w.db.insert(s.payouts).values({
      id: payoutId,
      recipientId: w.teacher.id,
      amountCents: releases.reduce((n, r) => n + r.amount_cents, 0),
      currency: "USD",
      status: "processing",
      approvedBy: w.admin.id,
      approvedAt: new Date(Date.now() - approvedMinutesAgo * MINUTE_MS),
    });
    await w.db
      .update(s.splitReleases)
      .set({ payoutId })
      .where(
        inArray(
          s.splitReleases.id,
          releases.map((r) => r.id),
        ),
      );
    return payoutId;
  };
  const payout = async (id: string) => {
    const [row] = await w.db.select().from(s.payouts).where(eq(s.payouts.id, id));
    return row;
  };
  const transfersFor = (payoutId: string) =>
    w.fake?.requests.filter(
      (r) => r.path === "/v1/transfers" && r.idempotencyKey?.startsWith(`${payoutId}:`),
    ) ?? [];
  const transferObjects = () =>
    [...(w.fake?.objects.values() ?? [])].filter((o) => o.object === "transfer").length;
  const teacherQueue = async () =>
    (await listPayoutQueue(w.db)).find((r) => r.recipientId === w.teacher.id)
      ?.releasedUnpaidCents ?? 0;
  const job = () => runMoneyJob(w.db, w.t.deps.config, w.t.deps.log);

  it("finishes a payout whose transfer went out before the crash, without paying twice", async () => {
    const [a, b] = [await releasedEnrollment(0), await releasedEnrollment(1)];
    const payoutId = await crashedPayout([a, b], 30);
    // Before the crash, the transfer for enrollment a reached Stripe; b's never left.
    const sent = await paymentProvider(w.t.deps.config).transfer({
      amountCents: 3499,
      currency: "USD",
      destination: "acct_teacher_recovery",
      transferGroup: `enrollment_${a}`,
      idempotencyKey: `${payoutId}:${a}`,
      metadata: { payoutId, enrollmentId: a },
    });
    const objectsBefore = transferObjects();

    await job();

    // a: the same transfer came back for the same key; b: made now. One new transfer only.
    expect(
      transfersFor(payoutId)
        .map((r) => r.idempotencyKey)
        .sort(),
    ).toEqual([`${payoutId}:${a}`, `${payoutId}:${a}`, `${payoutId}:${b}`].sort());
    expect(transferObjects()).toBe(objectsBefore + 1);
    const recorded = await w.db
      .select()
      .from(s.payoutTransfers)
      .where(eq(s.payoutTransfers.payoutId, payoutId));
    const byEnrollment = Object.fromEntries(recorded.map((r) => [r.enrollmentId, r]));
    expect(byEnrollment[a]).toMatchObject({ status: "paid", transferId: sent.transferId });
    expect(byEnrollment[b]).toMatchObject({ status: "paid", amountCents: 3499 });
    expect(await payout(payoutId)).toMatchObject({ status: "completed", amountCents: 6998 });
    const releases = await w.db
      .select()
      .from(s.splitReleases)
      .where(eq(s.splitReleases.payoutId, payoutId));
    expect(releases.every((r) => r.paidAt !== null)).toBe(true);
    expect(await teacherQueue()).toBe(0);

    // The next run finds nothing to do and sends nothing.
    const requests = w.fake?.requests.length;
    await job();
    expect(w.fake?.requests.length).toBe(requests);
  });

  it("hands the releases back when the retried transfer is refused", async () => {
    const c = await releasedEnrollment(2);
    const payoutId = await crashedPayout([c], 30);
    w.fake?.fail.transferGroups.add(`enrollment_${c}`);
    try {
      await job();
    } finally {
      w.fake?.fail.transferGroups.clear();
    }
    expect((await payout(payoutId))?.status).toBe("failed");
    const [release] = await queryRows<{ payout_id: string | null; paid_at: Date | null }>(
      w.db,
      sql`select r.payout_id, r.paid_at from split_releases r
          join payment_splits s on s.id = r.split_id
          join transactions t on t.id = s.transaction_id
          where t.enrollment_id = ${c} and s.recipient_id = ${w.teacher.id}`,
    );
    expect(release).toEqual({ payout_id: null, paid_at: null });
    expect(await teacherQueue()).toBe(3499); // payable again through a new approval
  });

  it("leaves a fresh approval and one past the idempotency window alone", async () => {
    const d = await releasedEnrollment(3);
    const fresh = await crashedPayout([d], 2);
    await job();
    expect((await payout(fresh))?.status).toBe("processing");
    expect(transfersFor(fresh)).toEqual([]);

    await w.db
      .update(s.payouts)
      .set({ approvedAt: new Date(Date.now() - 25 * 60 * MINUTE_MS) })
      .where(eq(s.payouts.id, fresh));
    await job();
    expect((await payout(fresh))?.status).toBe("processing");
    expect(transfersFor(fresh)).toEqual([]);
  });
});
