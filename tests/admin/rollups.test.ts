/**
 * The trigger-kept running totals behind the overview and money pages (migration
 * admin_rollup_triggers) always agree with a scan of the tables themselves: after the demo
 * world, and after every kind of change the triggers follow — new, disabled and deleted
 * users, cancelled enrollments, refunds, releases claimed by a payout and handed back,
 * progress — and a full rebuild gives the same totals as the incremental upkeep.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { splitsByState } from "../../sync-server/admin/queries/money";
import { ACTIVE_LEARNER_DAYS, overview } from "../../sync-server/admin/queries/overview";
import { type Db, queryRows } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";
import { listPayoutQueue, UNPAID_RELEASE } from "../../sync-server/payments/payouts";
import { releasedSplits } from "../support/admin-seed";
import { databaseKinds } from "../support/test-db";
import { type AdminWorld, adminWorld } from "./support";

/** The figures as whole-table scans compute them (what the dashboard did before rollups). */
async function scanned(db: Db) {
  const one = async (q: ReturnType<typeof sql>) =>
    Number((await queryRows<{ n: number }>(db, q))[0]?.n ?? 0);
  return {
    users: await one(sql`select count(*)::int as n from users where deleted_at is null`),
    disabledUsers: await one(
      sql`select count(*)::int as n from users where disabled_at is not null`,
    ),
    activeLearners: await one(
      sql`select count(distinct e.student_id)::int as n from enrollments e
           where exists (select 1 from module_progress p where p.enrollment_id = e.id
                           and p.updated_at > now() - make_interval(days => ${ACTIVE_LEARNER_DAYS}))`,
    ),
    enrollments: await one(
      sql`select count(*)::int as n from enrollments where status <> 'cancelled'`,
    ),
    money: await scannedMoney(db),
    pendingPayoutRecipients: await one(
      sql`select count(distinct s.recipient_id)::int as n
            from split_releases r join payment_splits s on s.id = r.split_id where ${UNPAID_RELEASE}`,
    ),
  };
}

/** Money per currency, as scans of the ledger give it (never added across currencies). */
async function scannedMoney(db: Db) {
  const rows = await queryRows<{
    currency: string;
    revenue: number;
    refunded: number;
    platform: number;
    pending: number;
    recipients: number;
  }>(
    db,
    sql`with cur as (
          select currency from transactions where status in ('completed', 'refunded')
          union select s.currency from split_releases r join payment_splits s on s.id = r.split_id
           where ${UNPAID_RELEASE})
        select cur.currency,
          (select coalesce(sum(amount_cents), 0)::float8 from transactions
            where status = 'completed' and currency = cur.currency) as revenue,
          (select coalesce(sum(amount_cents), 0)::float8 from transactions
            where status = 'refunded' and currency = cur.currency) as refunded,
          (select coalesce(sum(s.amount_cents), 0)::float8 from payment_splits s
             join transactions t on t.id = s.transaction_id
            where s.recipient_type = 'platform' and t.status = 'completed' and t.currency = cur.currency) as platform,
          (select coalesce(sum(r.amount_cents), 0)::float8 from split_releases r
             join payment_splits s on s.id = r.split_id where ${UNPAID_RELEASE} and s.currency = cur.currency) as pending,
          (select count(distinct s.recipient_id)::int from split_releases r
             join payment_splits s on s.id = r.split_id where ${UNPAID_RELEASE} and s.currency = cur.currency) as recipients
        from cur order by cur.currency`,
  );
  return rows
    .map((r) => ({
      currency: r.currency,
      revenueCents: Number(r.revenue),
      refundedCents: Number(r.refunded),
      platformShareCents: Number(r.platform),
      pendingPayoutCents: Number(r.pending),
      pendingPayoutRecipients: Number(r.recipients),
    }))
    .filter(
      (m) => m.revenueCents || m.refundedCents || m.platformShareCents || m.pendingPayoutCents,
    );
}

async function scannedQueue(db: Db) {
  const rows = await queryRows<{
    recipient_id: string;
    currency: string;
    cents: number;
    splits: number;
  }>(
    db,
    sql`select s.recipient_id, s.currency, sum(r.amount_cents)::int as cents,
               count(distinct s.id)::int as splits
          from split_releases r join payment_splits s on s.id = r.split_id
         where ${UNPAID_RELEASE} group by s.recipient_id, s.currency
         order by s.recipient_id, s.currency`,
  );
  return rows.map((r) => ({
    recipientId: r.recipient_id,
    currency: r.currency,
    cents: r.cents,
    splits: r.splits,
  }));
}

async function scannedSplits(db: Db) {
  return queryRows<{
    status: string;
    recipientType: string;
    currency: string;
    count: number;
    cents: number;
  }>(
    db,
    sql`select status::text as "status", recipient_type::text as "recipientType", currency,
               count(*)::int as count, sum(amount_cents)::float8 as cents
          from payment_splits s group by s.status, s.recipient_type, s.currency
         order by s.status, s.recipient_type, s.currency`,
  );
}

async function scannedDays(db: Db, days: string[], currencies: string[]) {
  const enrollments = await queryRows<{ at: string; value: number }>(
    db,
    sql`select to_char(enrolled_at at time zone 'UTC', 'YYYY-MM-DD') as at, count(*)::int as value
          from enrollments group by 1`,
  );
  const revenue = await queryRows<{ currency: string; at: string; value: number }>(
    db,
    sql`select currency, to_char(coalesce(paid_at, created_at) at time zone 'UTC', 'YYYY-MM-DD') as at,
               sum(amount_cents)::float8 as value
          from transactions where status = 'completed' group by 1, 2`,
  );
  const pick = (rows: { at: string; value: number }[]) => {
    const by = new Map(rows.map((r) => [r.at, Number(r.value)]));
    return days.map((at) => ({ at, value: by.get(at) ?? 0 }));
  };
  return {
    enrollmentsPerDay: pick(enrollments),
    revenuePerDay: (currencies.length ? currencies : ["USD"]).map((currency) => ({
      currency,
      points: pick(revenue.filter((r) => r.currency === currency)),
    })),
  };
}

/** The figures of one currency (zeros when it has none). */
const inCurrency = (figures: { money: { currency: string }[] }, currency = "USD") =>
  (figures.money.find((m) => m.currency === currency) ?? {
    currency,
    revenueCents: 0,
    refundedCents: 0,
    platformShareCents: 0,
    pendingPayoutCents: 0,
    pendingPayoutRecipients: 0,
  }) as Awaited<ReturnType<typeof scannedMoney>>[number];

describe.each(databaseKinds())("admin running totals on %s", (kind) => {
  let w: AdminWorld;
  let db: Db;

  async function expectTotalsMatchScans() {
    const o = await overview(db, w.t.deps.hub, true);
    const { openStreams: _streams, devicesSyncingNow: _devices, ...figures } = o.figures;
    expect(figures).toEqual(await scanned(db));
    const days = o.series.enrollmentsPerDay.map((p: { at: string }) => p.at);
    expect({
      enrollmentsPerDay: o.series.enrollmentsPerDay,
      revenuePerDay: o.series.revenuePerDay,
    }).toEqual(
      await scannedDays(
        db,
        days,
        o.figures.money.map((m) => m.currency),
      ),
    );
    const queue = (await listPayoutQueue(db))
      .map((r) => ({
        recipientId: r.recipientId,
        currency: r.currency,
        cents: r.releasedUnpaidCents,
        splits: r.splitCount,
      }))
      .sort((a, b) =>
        a.recipientId === b.recipientId
          ? a.currency.localeCompare(b.currency)
          : a.recipientId < b.recipientId
            ? -1
            : 1,
      );
    expect(queue).toEqual(await scannedQueue(db));
    const splits = (await splitsByState(db, true)).map((r) => ({
      status: r.status,
      recipientType: r.recipientType,
      currency: r.currency,
      count: r.count,
      cents: r.cents,
    }));
    expect(splits).toEqual(await scannedSplits(db));
    return o.figures;
  }

  beforeAll(async () => {
    w = await adminWorld(kind);
    db = w.t.deps.db;
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it("match the scans on the demo world, which has money owed and active learners", async () => {
    const figures = await expectTotalsMatchScans();
    expect(inCurrency(figures).revenueCents).toBeGreaterThan(0);
    expect(figures.money.map((m) => m.currency)).toEqual(["USD"]);
    expect(figures.activeLearners).toBeGreaterThan(0);
  });

  it("follow users, enrollments, refunds and learner progress", async () => {
    const before = await expectTotalsMatchScans();
    const [first, second] = await db
      .insert(s.users)
      .values(
        [1, 2].map((i) => ({
          id: uuidv7(),
          email: `rollup${i}@example.com`,
          passwordHash: "x",
          name: `Rollup ${i}`,
          handle: `rollup_${i}`,
        })),
      )
      .returning({ id: s.users.id });
    await db.execute(sql`update users set disabled_at = now() where id = ${first?.id}`);
    await db.execute(sql`update users set deleted_at = now() where id = ${second?.id}`);
    // A refund: the payment refunded, its splits cancelled, the enrollment cancelled.
    const [paid] = await queryRows<{ id: string; enrollment_id: string }>(
      db,
      sql`select t.id, t.enrollment_id from transactions t
           where t.status = 'completed' and exists (select 1 from payment_splits s where s.transaction_id = t.id)
           order by t.created_at limit 1`,
    );
    expect(paid).toBeDefined();
    await db.execute(sql`update transactions set status = 'refunded' where id = ${paid?.id}`);
    await db.execute(
      sql`update payment_splits set status = 'cancelled' where transaction_id = ${paid?.id}`,
    );
    await db.execute(
      sql`update enrollments set status = 'cancelled' where id = ${paid?.enrollment_id}`,
    );
    // A new learner's first progress makes them active.
    const [mod] = await queryRows<{ id: string; course_id: string }>(
      db,
      sql`select id, course_id from course_curriculum where deleted_at is null order by id limit 1`,
    );
    const enrollmentId = uuidv7();
    await db.insert(s.enrollments).values({
      id: enrollmentId,
      studentId: first?.id ?? "",
      courseId: mod?.course_id ?? "",
      status: "in_progress",
    });
    await db.insert(s.moduleProgress).values({
      id: uuidv7(),
      enrollmentId,
      moduleId: mod?.id ?? "",
      isComplete: true,
      completedAt: new Date(),
    });
    const after = await expectTotalsMatchScans();
    expect(after.users).toBe(before.users + 1);
    expect(after.disabledUsers).toBe(before.disabledUsers + 1);
    expect(inCurrency(after).refundedCents).toBeGreaterThan(inCurrency(before).refundedCents);
    // One enrollment cancelled, one added.
    expect(after.enrollments).toBe(before.enrollments);
    expect(after.activeLearners).toBe(before.activeLearners + 1);
  });

  it("follow releases claimed by a payout, handed back, and paid", async () => {
    const [creator] = await queryRows<{ id: string }>(
      db,
      sql`select id from users where email = 'lena@peerloop.demo'`,
    );
    const { splitIds } = await releasedSplits(db, creator?.id ?? "", [300, 500]);
    const owed = await expectTotalsMatchScans();
    const payoutId = uuidv7();
    await db.insert(s.payouts).values({
      id: payoutId,
      recipientId: creator?.id ?? "",
      amountCents: 800,
      status: "processing",
      approvedBy: w.admin.id,
      approvedAt: new Date(),
    });
    await db.execute(
      sql`update split_releases set payout_id = ${payoutId} where split_id in (${sql.join(
        splitIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
    const claimed = await expectTotalsMatchScans();
    expect(inCurrency(owed).pendingPayoutCents - inCurrency(claimed).pendingPayoutCents).toBe(800);
    // The transfer failed for one: its release is handed back.
    await db.execute(
      sql`update split_releases set payout_id = null where split_id = ${splitIds[0]}::uuid`,
    );
    const back = await expectTotalsMatchScans();
    expect(inCurrency(back).pendingPayoutCents - inCurrency(claimed).pendingPayoutCents).toBe(300);
    // A second release row on the same split, then the split cancelled: nothing owed on it.
    await db.insert(s.splitReleases).values({
      splitId: splitIds[0] ?? "",
      kind: "completion",
      amountCents: 40,
    });
    expect(inCurrency(await expectTotalsMatchScans()).pendingPayoutCents).toBe(
      inCurrency(back).pendingPayoutCents + 40,
    );
    await db.execute(
      sql`update payment_splits set status = 'cancelled' where id = ${splitIds[0]}::uuid`,
    );
    const cancelled = await expectTotalsMatchScans();
    expect(inCurrency(back).pendingPayoutCents - inCurrency(cancelled).pendingPayoutCents).toBe(
      300,
    );
  });

  it("stay exact when many writers change the same splits at once", async () => {
    const [creator] = await queryRows<{ id: string }>(
      db,
      sql`select id from users where email = 'lena@peerloop.demo'`,
    );
    const { splitIds } = await releasedSplits(db, creator?.id ?? "", [10, 20, 30, 40, 50, 60]);
    const payoutId = uuidv7();
    await db.insert(s.payouts).values({
      id: payoutId,
      recipientId: creator?.id ?? "",
      amountCents: 0,
      status: "processing",
      approvedBy: w.admin.id,
      approvedAt: new Date(),
    });
    const before = await expectTotalsMatchScans();
    // On Postgres these run on several pooled connections, interleaved.
    await Promise.all(
      splitIds.flatMap((splitId, i) => [
        db.transaction(async (tx) => {
          await tx.insert(s.splitReleases).values({ splitId, kind: "completion", amountCents: 5 });
          await tx.execute(
            sql`update split_releases set payout_id = ${payoutId} where split_id = ${splitId} and kind = 'window'`,
          );
        }),
        db.execute(sql`update payment_splits set released_at = now() where id = ${splitId}`),
        db.insert(s.users).values({
          id: uuidv7(),
          email: `concurrent${i}@example.com`,
          passwordHash: "x",
          name: `Concurrent ${i}`,
          handle: `concurrent_${i}`,
        }),
      ]),
    );
    const after = await expectTotalsMatchScans();
    // Each split: its window release claimed, a 5-cent completion release owed.
    expect(inCurrency(after).pendingPayoutCents - inCurrency(before).pendingPayoutCents).toBe(
      6 * 5 - 210,
    );
    expect(after.users).toBe(before.users + 6);
  });

  it("keep each currency's money apart: a payment in euros is never added to dollars", async () => {
    const before = await expectTotalsMatchScans();
    const [creator] = await queryRows<{ id: string }>(
      db,
      sql`select id from users where email = 'lena@peerloop.demo'`,
    );
    const { splitIds } = await releasedSplits(db, creator?.id ?? "", [700]);
    // That payment (7,000 cents) and its split were in euros; a platform split on it too.
    const [txn] = await queryRows<{ id: string }>(
      db,
      sql`select transaction_id as id from payment_splits where id = ${splitIds[0]}::uuid`,
    );
    await db.execute(sql`update transactions set currency = 'EUR' where id = ${txn?.id}::uuid`);
    await db.execute(
      sql`update payment_splits set currency = 'EUR' where id = ${splitIds[0]}::uuid`,
    );
    await db.insert(s.paymentSplits).values({
      id: uuidv7(),
      transactionId: txn?.id ?? "",
      recipientId: w.admin.id,
      recipientType: "platform",
      amountCents: 1050,
      percentage: 15,
      currency: "EUR",
    });
    const after = await expectTotalsMatchScans();
    expect(after.money.map((m) => m.currency)).toEqual(["EUR", "USD"]);
    expect(inCurrency(after, "EUR")).toMatchObject({
      revenueCents: 7000,
      platformShareCents: 1050,
      pendingPayoutCents: 700,
      pendingPayoutRecipients: 1,
    });
    expect(inCurrency(after, "USD")).toEqual(inCurrency(before, "USD"));
    // The page: one line per currency, and a revenue chart for each.
    const { cookieCall } = await import("./support");
    const page = String((await cookieCall(w.t, "GET", "/admin?fresh=1", w.admin.token)).body);
    expect(page).toContain("€70.00");
    expect(page).toContain("€10.50");
    expect(page).toContain("Revenue per day (EUR), last 30 days");
    expect(page).toContain("Revenue per day (USD), last 30 days");
    expect(page.match(/<svg[^>]+role="img"/g)?.length).toBe(4);
  });

  it("rebuilt from scratch equal what the triggers kept", async () => {
    await db.execute(sql`select admin_rollups_fold()`);
    const read = () =>
      Promise.all([
        queryRows(
          db,
          sql`select metric, to_char(day, 'YYYY-MM-DD') as day, n::float8 as n, cents::float8 as cents
                from admin_counters where n <> 0 or cents <> 0 order by metric, day`,
        ),
        queryRows(
          db,
          sql`select split_id, recipient_id, currency, releases, cents::float8 as cents
                from admin_unpaid_splits order by split_id`,
        ),
        queryRows(
          db,
          sql`select recipient_id, currency, splits, cents::float8 as cents
                from admin_unpaid_recipients order by recipient_id, currency`,
        ),
      ]);
    const kept = await read();
    expect(kept[0].length).toBeGreaterThan(5);
    expect(kept[2].length).toBeGreaterThan(0);
    await db.execute(sql`select admin_rollups_rebuild()`);
    expect(await read()).toEqual(kept);
  });
});
