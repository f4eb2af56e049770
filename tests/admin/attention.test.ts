/**
 * The overview's "needs attention" panel: each item — payouts waiting (with the amount),
 * payouts failed in the last 7 days, payouts stuck in `processing`, refunds owed that failed
 * or waited over an hour, flagged posts waiting, emails that failed to send, sync-health
 * warnings — is there while its condition holds and gone when it does not, with its count
 * and a link to the list it counts (which opens). Things just outside a condition (an old
 * failure, a payout processing for a minute, a refund owed for minutes and not tried yet, a
 * reviewed flag) do not count.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { flushSyncMetrics, recordSync } from "../../sync-server/admin/metrics";
import * as s from "../../sync-server/db/schema";
import { databaseKinds } from "../support/test-db";
import { owedRefund } from "./refunds-seed";
import { type AdminWorld, adminWorld, cookieCall, seedReleasedSplits } from "./support";

interface Item {
  kind: string;
  count: number;
  text: string;
  href: string;
}

const DAY_MS = 86_400_000;

describe.each(databaseKinds())("admin attention panel on %s", (kind) => {
  let w: AdminWorld;
  const db = () => w.t.deps.db;
  const items = async (): Promise<Item[]> => {
    const res = await w.t.call("GET", "/api/admin/overview?fresh=1", { token: w.admin.token });
    expect(res.status).toBe(200);
    return res.body.attention;
  };
  const kinds = async () => (await items()).map((i) => i.kind);
  const page = async () =>
    String((await cookieCall(w.t, "GET", "/admin?fresh=1", w.admin.token)).body);
  /** Pulls were made now: the feed growing is then no warning. */
  const devicesPulled = async () => {
    recordSync(db(), "pull", 1, undefined);
    await flushSyncMetrics(db());
  };

  /** Every condition false: nothing owed, no failures, no flags waiting, sync quiet. */
  async function calm() {
    const [payout] = await db()
      .insert(s.payouts)
      .values({
        id: uuidv7(),
        recipientId: w.admin.id,
        amountCents: 0,
        status: "completed",
        approvedBy: w.admin.id,
        approvedAt: new Date(Date.now() - 30 * DAY_MS),
      })
      .returning({ id: s.payouts.id });
    await db().execute(
      sql`update split_releases set payout_id = ${payout?.id} where payout_id is null`,
    );
    await db().execute(
      sql`update payouts set status = 'completed' where status in ('failed', 'processing')`,
    );
    await db().execute(sql`update content_flags set status = 'reviewed' where status = 'pending'`);
    await db().execute(sql`update email_outbox set status = 'sent' where status = 'failed'`);
    await refundsSent();
    await db().execute(sql`delete from sync_rejections`);
    await devicesPulled();
  }

  const payout = (status: "failed" | "processing", approvedAt: Date) =>
    db()
      .insert(s.payouts)
      .values({
        id: uuidv7(),
        recipientId: w.learner.id,
        amountCents: 100,
        status,
        approvedBy: w.admin.id,
        approvedAt,
      })
      .returning({ id: s.payouts.id });

  /** What the money job does when a refund finally goes through. */
  const refundsSent = () =>
    db().execute(sql`update refunds_owed set refunded_at = now() where refunded_at is null`);
  /** A refund owed by the demo world's first course, as the webhook and the job left it. */
  const refund = async (r: Partial<Parameters<typeof owedRefund>[1]>) => {
    const [course] = await db().select().from(s.courses).limit(1);
    return owedRefund(db(), {
      learnerId: w.learner.id,
      courseId: course?.id ?? "",
      teacherId: course?.creatorId ?? "",
      amountCents: 4999,
      ...r,
    });
  };

  beforeAll(async () => {
    w = await adminWorld(kind);
    await calm();
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it("is empty, and says so, when nothing needs the admin", async () => {
    expect(await items()).toEqual([]);
    const html = await page();
    expect(html).toContain("Needs attention");
    expect(html).toContain("Nothing needs you now.");
  });

  it("lists payouts waiting, with the amount per currency, while someone is owed", async () => {
    const { splitIds } = await seedReleasedSplits(w.t, w.moderator.id, [1234, 66]);
    const [item] = await items();
    expect(item).toEqual({
      kind: "pending_payouts",
      count: 1,
      text: "1 recipient is waiting for a payout: $13.00",
      href: "/admin/money#queue",
    });
    expect(await page()).toContain(
      '<a href="/admin/money#queue">1 recipient is waiting for a payout: $13.00</a>',
    );
    await db().execute(
      sql`update payment_splits set currency = 'EUR' where id = ${splitIds[1] ?? ""}::uuid`,
    );
    expect((await items())[0]?.text).toBe("1 recipient is waiting for a payout: €0.66, $12.34");
    await db().execute(
      sql`update split_releases set payout_id = (select id from payouts limit 1)
           where payout_id is null`,
    );
    expect(await kinds()).toEqual([]);
  });

  it("lists payouts failed in the last 7 days, not older ones", async () => {
    await payout("failed", new Date(Date.now() - 8 * DAY_MS));
    expect(await kinds()).toEqual([]);
    const [recent] = await payout("failed", new Date(Date.now() - DAY_MS));
    expect(await items()).toEqual([
      {
        kind: "failed_payouts",
        count: 1,
        text: "1 payout failed in the last 7 days",
        href: "/admin/money?payoutsStatus=failed#payouts",
      },
    ]);
    await db().execute(sql`update payouts set status = 'completed' where id = ${recent?.id}`);
    await db().execute(sql`update payouts set status = 'completed' where status = 'failed'`);
    expect(await kinds()).toEqual([]);
  });

  it("lists payouts stuck in processing past PAYOUT_STUCK_MINUTES, not ones just approved", async () => {
    await payout("processing", new Date(Date.now() - 60_000));
    expect(await kinds()).toEqual([]);
    await payout("processing", new Date(Date.now() - 11 * 60_000));
    await payout("processing", new Date(Date.now() - 3 * DAY_MS));
    expect(await items()).toEqual([
      {
        kind: "stuck_payouts",
        count: 2,
        text: "2 payouts have been processing for more than 10 minutes",
        href: "/admin/money?payoutsStatus=processing#payouts",
      },
    ]);
    await db().execute(sql`update payouts set status = 'completed' where status = 'processing'`);
    expect(await kinds()).toEqual([]);
  });

  it("lists refunds owed that failed or are owed for over an hour, per currency; not fresh or refunded ones", async () => {
    // Owed for minutes, not tried yet (the webhook's own attempt may be under way): no item.
    await refund({ createdAt: new Date(Date.now() - 50 * 60_000) });
    // Refunded, after failing for days: done, no item.
    await refund({
      attempts: 9,
      lastError: "Refunds are unavailable.",
      createdAt: new Date(Date.now() - 3 * DAY_MS),
      refundedAt: new Date(),
    });
    expect(await kinds()).toEqual([]);
    // Failed once, just now: an item.
    await refund({ attempts: 1, lastError: "Refunds are unavailable.", amountCents: 1250 });
    expect(await items()).toEqual([
      {
        kind: "refunds_owed",
        count: 1,
        text: "1 refund the server owes has not gone through (failed, or owed for over 60 minutes): $12.50",
        href: "/admin/money?refundsStatus=owed#refunds-owed",
      },
    ]);
    // Never tried, but owed for over an hour (no Stripe key configured): counted, per currency.
    await refund({
      createdAt: new Date(Date.now() - 61 * 60_000),
      currency: "EUR",
      amountCents: 700,
    });
    await refund({ createdAt: new Date(Date.now() - DAY_MS), amountCents: 50 });
    const [item] = await items();
    expect(item).toMatchObject({ kind: "refunds_owed", count: 3 });
    expect(item?.text).toBe(
      "3 refunds the server owes have not gone through (failed, or owed for over 60 minutes): €7.00, $13.00",
    );
    // The panel's count is what the linked list shows as owed (plus the fresh one).
    const owed = await w.t.call("GET", "/api/admin/money/refunds-owed?status=owed", {
      token: w.admin.token,
    });
    expect(owed.body.items).toHaveLength(4);
    const html = await page();
    expect(html).toContain(
      `<li data-attention="refunds_owed"><a href="/admin/money?refundsStatus=owed#refunds-owed">3 refunds`,
    );
    await refundsSent();
    expect(await kinds()).toEqual([]);
  });

  it("lists flagged posts waiting for review", async () => {
    const postId = uuidv7();
    await db().insert(s.posts).values({ id: postId, authorId: w.learner.id, content: "Buy now" });
    const flag = uuidv7();
    await db()
      .insert(s.contentFlags)
      .values({ id: flag, postId, flaggedBy: w.admin.id, reason: "spam" });
    await db().insert(s.contentFlags).values({
      id: uuidv7(),
      postId,
      flaggedBy: w.moderator.id,
      reason: "x",
      status: "dismissed",
    });
    expect(await items()).toEqual([
      {
        kind: "pending_flags",
        count: 1,
        text: "1 flagged post waits for review",
        href: "/admin/flags?status=pending",
      },
    ]);
    const review = await w.t.call("POST", `/api/admin/flags/${flag}/review`, {
      token: w.moderator.token,
      body: { decision: "resolve" },
    });
    expect(review.status).toBe(200);
    expect(await kinds()).toEqual([]);
  });

  it("lists emails that failed to send in the last 7 days", async () => {
    const email = (createdAt: Date) => ({
      id: uuidv7(),
      toAddress: "bounce@example.com",
      subject: "Hello",
      bodyText: "Hi",
      kind: "test",
      status: "failed" as const,
      lastError: "550 mailbox unavailable",
      createdAt,
    });
    await db()
      .insert(s.emailOutbox)
      .values(email(new Date(Date.now() - 9 * DAY_MS)));
    expect(await kinds()).toEqual([]);
    await db()
      .insert(s.emailOutbox)
      .values([email(new Date()), email(new Date(Date.now() - DAY_MS))]);
    expect(await items()).toEqual([
      {
        kind: "failed_emails",
        count: 2,
        text: "2 emails failed to send in the last 7 days",
        href: "/admin/outbox?status=failed",
      },
    ]);
    await db().execute(sql`update email_outbox set status = 'sent' where status = 'failed'`);
    expect(await kinds()).toEqual([]);
  });

  it("lists the sync-health warnings, as the sync page words them", async () => {
    // The feed grows (a course edit) while no device has pulled for an hour.
    await flushSyncMetrics(db());
    await db().execute(sql`update sync_metrics set minute = minute - interval '1 hour'`);
    await db().execute(
      sql`update courses set tagline = 'Changed for the feed' where slug = 'intro-to-claude-code'`,
    );
    const [item] = await items();
    expect(item).toMatchObject({ kind: "sync_warning", count: 1, href: "/admin/sync" });
    const health = await w.t.call("GET", "/api/admin/sync-health", { token: w.admin.token });
    expect(health.body.warnings).toHaveLength(1);
    expect(item?.text).toBe(`Sync: ${health.body.warnings[0]}`);
    expect(item?.text).toMatch(/grew by \d+ rows .* no device pulled/);
    await devicesPulled();
    expect(await kinds()).toEqual([]);
  });

  it("shows every item at once, each link opening its filtered list", async () => {
    await seedReleasedSplits(w.t, w.moderator.id, [500]);
    await payout("failed", new Date());
    await payout("processing", new Date(Date.now() - DAY_MS));
    await refund({ attempts: 2, lastError: "Refunds are unavailable." });
    const postId = uuidv7();
    await db().insert(s.posts).values({ id: postId, authorId: w.learner.id, content: "Spam" });
    await db()
      .insert(s.contentFlags)
      .values({ id: uuidv7(), postId, flaggedBy: w.admin.id, reason: "spam" });
    await db().insert(s.emailOutbox).values({
      id: uuidv7(),
      toAddress: "bounce@example.com",
      subject: "Hi",
      bodyText: "Hi",
      kind: "test",
      status: "failed",
    });
    await flushSyncMetrics(db());
    await db().execute(sql`update sync_metrics set minute = minute - interval '1 hour'`);
    await db().execute(
      sql`update courses set tagline = 'Again' where slug = 'intro-to-claude-code'`,
    );
    const all = await items();
    expect(all.map((i) => i.kind)).toEqual([
      "pending_payouts",
      "failed_payouts",
      "stuck_payouts",
      "refunds_owed",
      "pending_flags",
      "failed_emails",
      "sync_warning",
    ]);
    const html = await page();
    // The panel comes first on the page, before the figures.
    expect(html.indexOf("Needs attention")).toBeLessThan(html.indexOf('class="stats"'));
    for (const item of all) {
      expect(html).toContain(`href="${item.href.replaceAll("&", "&amp;")}"`);
      const list = await cookieCall(w.t, "GET", item.href.split("#")[0] ?? "", w.admin.token);
      expect(list.status, item.href).toBe(200);
    }
    // The filtered lists show what the panel counted.
    const failedEmails = String(
      (await cookieCall(w.t, "GET", "/admin/outbox?status=failed", w.admin.token)).body,
    );
    expect(failedEmails).toContain("bounce@example.com");
    expect(failedEmails).toMatch(/<option value="failed" selected="">failed<\/option>/);
    const stuck = await w.t.call("GET", "/api/admin/payouts?status=processing", {
      token: w.admin.token,
    });
    expect(stuck.body.items.map((p: { status: string }) => p.status)).toEqual(["processing"]);
    const refunds = String(
      (await cookieCall(w.t, "GET", "/admin/money?refundsStatus=owed", w.admin.token)).body,
    );
    expect(refunds).toMatch(/<option value="owed" selected="">owed<\/option>/);
    expect(refunds).toContain("Refunds are unavailable.");
  });
});
