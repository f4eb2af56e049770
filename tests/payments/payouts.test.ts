/**
 * Payouts: the queue shows released and unpaid amounts per recipient; approving sends one
 * Stripe transfer per enrollment (transfer_group, idempotency key) and marks the splits
 * paid; a failed transfer hands everything back; nothing is ever paid twice.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";
import { ApiError } from "../../sync-server/http/errors";
import { releaseOnEnrollmentCompleted } from "../../sync-server/payments/escrow";
import { approvePayout, listPayoutQueue } from "../../sync-server/payments/payouts";
import { databaseKinds } from "../support/test-db";
import { buy, createMoneyWorld, type MoneyWorld } from "./money-world";

describe.each(databaseKinds())("payouts on %s", (kind) => {
  let w: MoneyWorld;
  const enrollmentIds: string[] = [];
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: true });
    for (const learner of w.learners.slice(0, 3)) {
      const { enrollmentId } = await buy(w, learner);
      enrollmentIds.push(enrollmentId);
    }
    // Two enrollments complete: everything of theirs is released; the third stays held.
    for (const id of enrollmentIds.slice(0, 2)) {
      await w.db.transaction((tx) => releaseOnEnrollmentCompleted(tx as unknown as Db, id));
    }
    await w.db
      .insert(s.paymentAccounts)
      .values({ userId: w.teacher.id, stripeAccountId: "acct_teacher_1" });
  });
  afterAll(async () => {
    await w?.close();
  });

  const transfers = () => w.fake?.requests.filter((r) => r.path === "/v1/transfers") ?? [];
  const approve = (recipientId: string) =>
    approvePayout(w.t.deps, { recipientId, approvedBy: w.admin.id });
  const codeOf = async (p: Promise<unknown>) =>
    p.then(
      () => "resolved",
      (err) => (err instanceof ApiError ? `${err.status} ${err.code}` : String(err)),
    );

  it("lists released, unpaid amounts per recipient (never the platform)", async () => {
    const queue = await listPayoutQueue(w.db);
    const byId = Object.fromEntries(queue.map((r) => [r.recipientId, r]));
    expect(byId[w.teacher.id]).toEqual({
      recipientId: w.teacher.id,
      name: w.teacher.handle,
      email: `${w.teacher.handle}@example.com`,
      releasedUnpaidCents: 3499 * 2,
      currency: "USD",
      splitCount: 2,
      hasConnectedAccount: true,
    });
    expect(byId[w.creator.id]).toMatchObject({
      releasedUnpaidCents: 749 * 2,
      splitCount: 2,
      hasConnectedAccount: false,
    });
    expect(queue).toHaveLength(2);
  });

  it("refuses a recipient without a connected account, or with nothing to pay", async () => {
    expect(await codeOf(approve(w.creator.id))).toBe("409 no_connected_account");
    expect(await codeOf(approve(w.learners[0]?.id ?? ""))).toBe("409 nothing_to_pay");
    expect(await w.db.select().from(s.payouts)).toHaveLength(0);
    expect(transfers()).toHaveLength(0);
  });

  it("puts everything back when the transfer fails", async () => {
    if (!w.fake) throw new Error("no fake");
    w.fake.fail.transfers = true;
    let result: Awaited<ReturnType<typeof approve>>;
    try {
      result = await approve(w.teacher.id);
    } finally {
      w.fake.fail.transfers = false;
    }
    expect(result).toMatchObject({
      status: "failed",
      currency: "USD",
      claimedCents: 3499 * 2,
      amountCents: 0,
      failedCents: 3499 * 2,
      transferId: null,
    });
    expect(result.error).toContain("No such destination account");
    const [payout] = await w.db.select().from(s.payouts).where(eq(s.payouts.id, result.payoutId));
    expect(payout?.status).toBe("failed");
    const splits = await w.db
      .select()
      .from(s.paymentSplits)
      .where(eq(s.paymentSplits.recipientId, w.teacher.id));
    expect(splits.map((x) => x.status).sort()).toEqual(["pending", "released", "released"]);
    expect(splits.every((x) => x.payoutId === null)).toBe(true);
    const queue = await listPayoutQueue(w.db);
    expect(queue.find((r) => r.recipientId === w.teacher.id)?.releasedUnpaidCents).toBe(3499 * 2);
  });

  it("pays with one transfer per enrollment, marks the splits paid, and never pays twice", async () => {
    const before = transfers().length;
    // Two admins at once: one pays, the other finds nothing left to pay.
    const settled = await Promise.allSettled([approve(w.teacher.id), approve(w.teacher.id)]);
    const won = settled.filter((r) => r.status === "fulfilled");
    const lost = settled.filter((r) => r.status === "rejected");
    expect([won.length, lost.length]).toEqual([1, 1]);
    expect(lost[0]?.reason).toBeInstanceOf(ApiError);
    expect((lost[0] as PromiseRejectedResult).reason.code).toBe("nothing_to_pay");
    const a = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof approve>>>).value;
    expect(a).toMatchObject({
      status: "paid",
      currency: "USD",
      claimedCents: 3499 * 2,
      amountCents: 3499 * 2,
      failedCents: 0,
      error: null,
    });
    const sent = transfers().slice(before);
    expect(sent).toHaveLength(2);
    expect(sent.map((t) => t.params.transfer_group).sort()).toEqual(
      enrollmentIds
        .slice(0, 2)
        .map((id) => `enrollment_${id}`)
        .sort(),
    );
    expect(
      sent.every((t) => t.params.destination === "acct_teacher_1" && t.params.amount === "3499"),
    ).toBe(true);
    expect(sent.map((t) => t.idempotencyKey).sort()).toEqual(
      enrollmentIds
        .slice(0, 2)
        .map((id) => `${a.payoutId}:${id}`)
        .sort(),
    );
    expect(sent.map((t) => t.params.transfer_group)).not.toContain(
      `enrollment_${enrollmentIds[2]}`,
    );

    const [payout] = await w.db.select().from(s.payouts).where(eq(s.payouts.id, a.payoutId));
    expect(payout).toMatchObject({
      status: "completed",
      amountCents: 6998,
      approvedBy: w.admin.id,
    });
    expect(payout?.stripeTransferId).toBe(a.transferId);
    const recorded = await w.db
      .select()
      .from(s.payoutTransfers)
      .where(eq(s.payoutTransfers.payoutId, a.payoutId));
    expect(recorded.map((r) => r.status)).toEqual(["paid", "paid"]);
    const splits = await w.db
      .select()
      .from(s.paymentSplits)
      .where(eq(s.paymentSplits.recipientId, w.teacher.id));
    expect(splits.map((x) => x.status).sort()).toEqual(["paid", "paid", "pending"]);
    expect(splits.filter((x) => x.status === "paid").every((x) => x.payoutId === a.payoutId)).toBe(
      true,
    );
    expect(
      await listPayoutQueue(w.db).then((q) => q.find((r) => r.recipientId === w.teacher.id)),
    ).toBeUndefined();

    expect(await codeOf(approve(w.teacher.id))).toBe("409 nothing_to_pay");
    expect(transfers()).toHaveLength(before + 2);
    const earnings = await w.t.call("GET", "/api/earnings", { token: w.teacher.token });
    expect(earnings.body.totals).toEqual([
      { currency: "USD", pendingCents: 3499, releasedCents: 0, paidCents: 6998 },
    ]);
    const [n] = await w.db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.notifications)
      .where(eq(s.notifications.type, "payout"));
    expect(n?.n).toBe(1);
  });

  it("on a partial failure pays what went through and hands the rest back", async () => {
    if (!w.fake) throw new Error("no fake");
    // Two more completed purchases taught by the teacher.
    const more: string[] = [];
    for (const learner of w.learners.slice(3, 5)) {
      const { enrollmentId } = await buy(w, learner);
      await w.db.transaction((tx) =>
        releaseOnEnrollmentCompleted(tx as unknown as Db, enrollmentId),
      );
      more.push(enrollmentId);
    }
    const [ok, bad] = more as [string, string];
    w.fake.fail.transferGroups.add(`enrollment_${bad}`);
    let result: Awaited<ReturnType<typeof approve>>;
    try {
      result = await approve(w.teacher.id);
    } finally {
      w.fake.fail.transferGroups.clear();
    }
    expect(result).toMatchObject({
      status: "failed",
      claimedCents: 3499 * 2,
      amountCents: 3499,
      failedCents: 3499,
    });
    expect(result.error).toContain("No such destination account");
    const [payout] = await w.db.select().from(s.payouts).where(eq(s.payouts.id, result.payoutId));
    expect([payout?.status, payout?.amountCents]).toEqual(["completed", 3499]);
    const recorded = await w.db
      .select()
      .from(s.payoutTransfers)
      .where(eq(s.payoutTransfers.payoutId, result.payoutId));
    expect(recorded.map((r) => [r.enrollmentId, r.status]).sort()).toEqual(
      [
        [ok, "paid"],
        [bad, "failed"],
      ].sort(),
    );
    const queue = await listPayoutQueue(w.db);
    expect(queue.find((r) => r.recipientId === w.teacher.id)).toMatchObject({
      releasedUnpaidCents: 3499,
      splitCount: 1,
    });
    const retry = await approve(w.teacher.id);
    expect(retry).toMatchObject({ status: "paid", amountCents: 3499, error: null });
    expect(transfers().at(-1)?.params.transfer_group).toBe(`enrollment_${bad}`);
  });

  it("Stripe answers a repeated idempotency key with the first transfer", async () => {
    const { paymentProvider } = await import("../../sync-server/payments/provider");
    const provider = paymentProvider(w.t.deps.config);
    const req = {
      amountCents: 100,
      currency: "USD",
      destination: "acct_teacher_1",
      transferGroup: "enrollment_x",
      idempotencyKey: "payout-x:enrollment-x",
      metadata: {},
    };
    const first = await provider.transfer(req);
    const second = await provider.transfer(req);
    expect(second.transferId).toBe(first.transferId);
    expect([...(w.fake?.objects.keys() ?? [])].filter((k) => k === first.transferId)).toHaveLength(
      1,
    );
  });
});

describe.each(databaseKinds())("payouts on the local provider on %s", (kind) => {
  let w: MoneyWorld;
  afterAll(async () => {
    await w?.close();
  });

  it("records a local transfer", async () => {
    w = await createMoneyWorld(kind, { stripe: false });
    const learner = w.learners[0];
    if (!learner) throw new Error("no learner");
    const { enrollmentId } = await buy(w, learner);
    await w.db.transaction((tx) => releaseOnEnrollmentCompleted(tx as unknown as Db, enrollmentId));
    await w.db
      .insert(s.paymentAccounts)
      .values({ userId: w.creator.id, stripeAccountId: "acct_local_creator" });
    const r = await approvePayout(w.t.deps, { recipientId: w.creator.id, approvedBy: w.admin.id });
    expect(r).toMatchObject({ status: "paid", amountCents: 749, error: null });
    expect(r.transferId).toMatch(/^tr_local_/);
  });
});

/**
 * A recipient owed in two currencies: one payout per currency (a payout and its transfers
 * are in one currency), each approved by naming it; without a currency the approval is
 * refused and claims nothing.
 */
describe.each(databaseKinds())("payouts per currency on %s", (kind) => {
  let w: MoneyWorld;
  let usdEnrollment: string;
  let eurEnrollment: string;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: true });
    const ids: string[] = [];
    for (const learner of w.learners.slice(0, 2)) {
      const { enrollmentId } = await buy(w, learner);
      await w.db.transaction((tx) =>
        releaseOnEnrollmentCompleted(tx as unknown as Db, enrollmentId),
      );
      ids.push(enrollmentId);
    }
    [usdEnrollment, eurEnrollment] = ids as [string, string];
    // The second purchase was made in euros: its payment and its splits.
    await w.db.execute(
      sql`update transactions set currency = 'EUR' where enrollment_id = ${eurEnrollment}`,
    );
    await w.db.execute(
      sql`update payment_splits s set currency = 'EUR' from transactions t
           where t.id = s.transaction_id and t.enrollment_id = ${eurEnrollment}`,
    );
    await w.db
      .insert(s.paymentAccounts)
      .values({ userId: w.teacher.id, stripeAccountId: "acct_teacher_cur" });
  });
  afterAll(async () => {
    await w?.close();
  });

  const transfers = () => w.fake?.requests.filter((r) => r.path === "/v1/transfers") ?? [];
  const approve = (currency?: string) =>
    approvePayout(w.t.deps, { recipientId: w.teacher.id, approvedBy: w.admin.id, currency });
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => "resolved",
      (err) => (err instanceof ApiError ? `${err.status} ${err.code}` : String(err)),
    );
  const owed = async () =>
    (await listPayoutQueue(w.db))
      .filter((r) => r.recipientId === w.teacher.id)
      .map((r) => [r.currency, r.releasedUnpaidCents]);

  it("queues the recipient once per currency", async () => {
    expect(await owed()).toEqual([
      ["EUR", 3499],
      ["USD", 3499],
    ]);
  });

  it("refuses an approval that names no currency, claiming nothing", async () => {
    expect(await refusal(approve())).toBe("409 currency_required");
    expect(await w.db.select().from(s.payouts)).toHaveLength(0);
    expect(transfers()).toHaveLength(0);
    expect(await owed()).toHaveLength(2);
  });

  it("pays each currency on its own, with transfers in that currency", async () => {
    const usd = await approve("USD");
    expect(usd).toMatchObject({ status: "paid", currency: "USD", amountCents: 3499 });
    expect(transfers().map((t) => [t.params.currency, t.params.transfer_group])).toEqual([
      ["usd", `enrollment_${usdEnrollment}`],
    ]);
    expect(await owed()).toEqual([["EUR", 3499]]);
    // Only euros are left, so naming no currency is unambiguous again.
    expect(await refusal(approve("USD"))).toBe("409 nothing_to_pay");
    const eur = await approve();
    expect(eur).toMatchObject({ status: "paid", currency: "EUR", amountCents: 3499 });
    expect(transfers().at(-1)?.params).toMatchObject({
      currency: "eur",
      transfer_group: `enrollment_${eurEnrollment}`,
    });
    const rows = await w.db.select().from(s.payouts).orderBy(s.payouts.approvedAt);
    expect(rows.map((p) => [p.currency, p.amountCents, p.status])).toEqual([
      ["USD", 3499, "completed"],
      ["EUR", 3499, "completed"],
    ]);
    expect(await owed()).toEqual([]);
    expect(await refusal(approve("EUR"))).toBe("409 nothing_to_pay");
  });
});

describe.each(databaseKinds())("payout hooks on %s", (kind) => {
  let w: MoneyWorld;
  afterAll(async () => {
    await w?.close();
  });

  it("runs the claim hook in the claim's transaction: if it fails, nothing is claimed", async () => {
    w = await createMoneyWorld(kind, { stripe: false });
    const learner = w.learners[0];
    if (!learner) throw new Error("no learner");
    const { enrollmentId } = await buy(w, learner);
    await w.db.transaction((tx) => releaseOnEnrollmentCompleted(tx as unknown as Db, enrollmentId));
    await w.db
      .insert(s.paymentAccounts)
      .values({ userId: w.creator.id, stripeAccountId: "acct_local_hooks" });
    const input = { recipientId: w.creator.id, approvedBy: w.admin.id };
    const failing = approvePayout(w.t.deps, input, {
      claimed: async (tx) => {
        // What the hook wrote must roll back with the claim.
        await tx.insert(s.notifications).values({
          userId: w.creator.id,
          type: "payout",
          title: "written by the hook",
          body: "x",
        });
        throw new Error("hook failed");
      },
    });
    await expect(failing).rejects.toThrow("hook failed");
    expect(await w.db.select().from(s.payouts)).toHaveLength(0);
    const hooked = await w.db
      .select()
      .from(s.notifications)
      .where(eq(s.notifications.title, "written by the hook"));
    expect(hooked).toHaveLength(0);
    const creatorOwed = async () =>
      (await listPayoutQueue(w.db))
        .filter((r) => r.recipientId === w.creator.id)
        .map((r) => r.releasedUnpaidCents);
    expect(await creatorOwed()).toEqual([749]);

    const seen: string[] = [];
    const ok = await approvePayout(w.t.deps, input, {
      claimed: async (_tx, claim) => {
        seen.push(`claimed ${claim.cents} ${claim.currency} in ${claim.releases} release(s)`);
      },
      recorded: async (_tx, result) => {
        seen.push(`recorded ${result.status} ${result.amountCents}`);
      },
    });
    expect(ok.status).toBe("paid");
    expect(seen).toEqual(["claimed 749 USD in 1 release(s)", "recorded paid 749"]);
  });
});
