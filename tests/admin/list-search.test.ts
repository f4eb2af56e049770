/**
 * The lists beyond users: payout queue, recent payouts, flags, transactions and the audit log
 * page through every row exactly once in their order (ties included) and search what they
 * say they search. Each answer is compared with the same rows read by a plain SQL query.
 * The new indexes are the ones the planner can use for those searches and orders, and the
 * HTML pages carry the search boxes and pagers. The payout flash speaks the payout's currency.
 */
import { eq, type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { writeAudit } from "../../sync-server/admin/audit";
import { queryRows } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";
import { databaseKinds } from "../support/test-db";
import {
  type AdminWorld,
  adminWorld,
  cookieCall,
  csrfOf,
  SAME_ORIGIN,
  seedReleasedSplits,
} from "./support";

const BULK = 60;
const bulkHandle = (i: number) => `qz_${String(i).padStart(3, "0")}`;

describe.each(databaseKinds())("admin list paging and search on %s", (kind) => {
  let w: AdminWorld;
  const bulk: string[] = [];
  const db = () => w.t.deps.db;
  const get = (path: string) => w.t.call("GET", path, { token: w.admin.token });
  const ids = async (query: SQL) => (await queryRows<{ id: string }>(db(), query)).map((r) => r.id);

  /** Follows nextCursor to the end; returns every item's key in the order served. */
  async function pageAll(path: string, key: (item: Record<string, unknown>) => string) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = path.includes("?") ? "&" : "?";
      const res = await get(`${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.items.map(key));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    return { seen, pages };
  }

  beforeAll(async () => {
    w = await adminWorld(kind);
    const base = Date.now() - 7_200_000;
    for (let i = 0; i < BULK; i++) bulk.push(uuidv7());
    await db()
      .insert(s.users)
      .values(
        bulk.map((id, i) => ({
          id,
          email: `${bulkHandle(i)}@bulk.example`,
          passwordHash: "x",
          name: `Qz Bulk ${i}`,
          handle: bulkHandle(i),
          createdAt: new Date(base + i * 1000),
        })),
      );
    // The queue: amounts with many ties, and one recipient owed in two currencies.
    for (const [i, id] of bulk.entries()) await seedReleasedSplits(w.t, id, [100 + (i % 4) * 10]);
    const eur = await seedReleasedSplits(w.t, bulk[3] ?? "", [110]);
    await db()
      .update(s.paymentSplits)
      .set({ currency: "EUR" })
      .where(sql`${s.paymentSplits.id} in ${eur.splitIds}`);
    // Payouts: pairs approved at the same instant (the id breaks the tie).
    await db()
      .insert(s.payouts)
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          id: uuidv7(),
          recipientId: bulk[i % 12] ?? "",
          amountCents: 1000 + i,
          approvedBy: w.admin.id,
          approvedAt: new Date(base + Math.floor(i / 2) * 60_000),
          status: "completed" as const,
        })),
      );
    // Flags on posts by bulk authors, in every status, some flagged at the same instant.
    const statuses = ["pending", "reviewed", "dismissed", "actioned"] as const;
    for (let i = 0; i < 24; i++) {
      const postId = uuidv7();
      await db()
        .insert(s.posts)
        .values({
          id: postId,
          authorId: bulk[i % 8] ?? "",
          content: i % 3 === 0 ? `Offer ${i}: cheap followers` : `Hello world ${i}`,
        });
      await db()
        .insert(s.contentFlags)
        .values({
          id: uuidv7(),
          postId,
          flaggedBy: w.learner.id,
          reason: "spam",
          status: statuses[i % 4],
          createdAt: new Date(base + Math.floor(i / 3) * 60_000),
        });
    }
    // Audit rows with a spread of actions and targets.
    for (let i = 0; i < 23; i++) {
      await writeAudit(db(), {
        actorId: i % 2 ? w.admin.id : w.moderator.id,
        action: ["flag.resolve", "course.badge", "user.roles"][i % 3] ?? "x",
        targetType: "user",
        targetId: bulk[i % 5] ?? "",
        before: null,
        after: { i },
      });
    }
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it("pages the payout queue exactly once, largest first, per recipient and currency", async () => {
    const key = (r: Record<string, unknown>) => `${r.recipientId}/${r.currency}`;
    const { seen, pages } = await pageAll("/api/admin/payouts/queue?limit=7", key);
    const expected = await queryRows<{ k: string; cents: number }>(
      db(),
      sql`select s.recipient_id || '/' || s.currency as k, sum(r.amount_cents)::int as cents
          from split_releases r join payment_splits s on s.id = r.split_id
          where r.payout_id is null and s.status <> 'cancelled' and s.recipient_type <> 'platform'
          group by s.recipient_id, s.currency
          order by cents desc, s.currency desc, s.recipient_id desc`,
    );
    expect(seen).toEqual(expected.map((r) => r.k));
    expect(seen.length).toBeGreaterThan(BULK);
    expect(pages).toBe(Math.ceil(seen.length / 7));
    expect(seen).toContain(`${bulk[3]}/EUR`);
    // Search by the start of the recipient's name, email or handle.
    const byHandle = await get("/api/admin/payouts/queue?q=QZ_00&limit=200");
    expect(byHandle.body.items.map((r: { name: string }) => r.name).sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `Qz Bulk ${i}`)
        .flatMap((n) => (n === "Qz Bulk 3" ? [n, n] : [n]))
        .sort(),
    );
    const byEmail = await get("/api/admin/payouts/queue?q=qz_059@bulk");
    expect(byEmail.body.items.map((r: { recipientId: string }) => r.recipientId)).toEqual([
      bulk[59],
    ]);
    expect((await get("/api/admin/payouts/queue?q=%25")).body.items).toEqual([]);
    // A garbage cursor is refused; the summary keeps its first page and says where to go on.
    const garbage = await get("/api/admin/payouts/queue?cursor=1_usd_x&limit=7");
    expect([garbage.status, garbage.body.error.code]).toEqual([400, "invalid_cursor"]);
    const summary = await get("/api/admin/money/summary");
    expect(summary.body.queue.map(key)).toEqual(seen.slice(0, 50));
    expect(summary.body.queueNextCursor).toEqual(expect.any(String));
  });

  it("pages recent payouts newest first, ties by id, and finds them by recipient", async () => {
    const { seen } = await pageAll("/api/admin/payouts?limit=4", (r) => String(r.id));
    expect(seen).toEqual(await ids(sql`select id from payouts order by approved_at desc, id desc`));
    expect(seen.length).toBeGreaterThanOrEqual(30); // and the demo world's own
    const mine = await pageAll(`/api/admin/payouts?q=qz_001&limit=1`, (r) => String(r.id));
    expect(mine.seen).toEqual(
      await ids(
        sql`select id from payouts where recipient_id = ${bulk[1]} order by approved_at desc, id desc`,
      ),
    );
    expect(mine.seen).toHaveLength(3);
    const byName = await get("/api/admin/payouts?q=qz%20bulk%2011");
    expect(
      byName.body.items.every((p: { recipient: string }) => p.recipient === "Qz Bulk 11"),
    ).toBe(true);
    expect(byName.body.items).toHaveLength(2);
  });

  it("pages flags pending first, then newest, and searches post text, author and status", async () => {
    const order = sql`order by (f.status = 'pending') desc, f.created_at desc, f.id desc`;
    const { seen } = await pageAll("/api/admin/flags?limit=5", (r) => String(r.id));
    expect(seen).toEqual(await ids(sql`select f.id from content_flags f ${order}`));
    expect(seen).toHaveLength(24);
    const offers = await pageAll("/api/admin/flags?q=OFFER&limit=3", (r) => String(r.id));
    expect(offers.seen).toEqual(
      await ids(
        sql`select f.id from content_flags f join posts p on p.id = f.post_id
            where p.content like 'Offer%' ${order}`,
      ),
    );
    expect(offers.seen).toHaveLength(8);
    const byAuthor = await pageAll("/api/admin/flags?q=qz_002&limit=2", (r) => String(r.id));
    expect(byAuthor.seen).toEqual(
      await ids(
        sql`select f.id from content_flags f join posts p on p.id = f.post_id
            where p.author_id = ${bulk[2]} ${order}`,
      ),
    );
    expect(byAuthor.seen).toHaveLength(3);
    const pending = await pageAll("/api/admin/flags?status=pending&limit=4", (r) => String(r.id));
    expect(pending.seen).toEqual(
      await ids(sql`select f.id from content_flags f where f.status = 'pending' ${order}`),
    );
    expect(pending.seen).toHaveLength(6);
    expect((await get("/api/admin/flags?status=bogus")).status).toBe(400);
    expect((await get("/api/admin/flags?cursor=junk")).body.error.code).toBe("invalid_cursor");
  });

  it("searches transactions by learner, course title or payment id, paging exactly once", async () => {
    const order = sql`order by t.created_at desc, t.id desc`;
    const all = await pageAll("/api/admin/money/transactions?limit=9", (r) => String(r.id));
    expect(all.seen).toEqual(await ids(sql`select t.id from transactions t ${order}`));
    expect(all.seen.length).toBeGreaterThan(BULK);
    // The learner: bulk recipients' transactions belong to demo enrollments, so pick a demo
    // learner who has some.
    const [learner] = await queryRows<{ name: string; email: string; id: string }>(
      db(),
      sql`select u.id, u.name, u.email from transactions t
          join enrollments e on e.id = t.enrollment_id join users u on u.id = e.student_id
          group by u.id, u.name, u.email order by count(*) desc, u.id limit 1`,
    );
    if (!learner) throw new Error("no transactions in the demo world");
    const forLearner = sql`select t.id from transactions t join enrollments e on e.id = t.enrollment_id
        where e.student_id = ${learner.id} ${order}`;
    for (const q of [learner.name.slice(0, 4).toUpperCase(), learner.email]) {
      const got = await pageAll(
        `/api/admin/money/transactions?q=${encodeURIComponent(q)}&limit=3`,
        (r) => String(r.id),
      );
      const expected = await ids(
        sql`select t.id from transactions t join enrollments e on e.id = t.enrollment_id
            join users u on u.id = e.student_id join courses c on c.id = e.course_id
            where lower(u.name) like ${`${q.toLowerCase()}%`} or lower(u.email) like ${`${q.toLowerCase()}%`}
              or lower(u.handle) like ${`${q.toLowerCase()}%`} or lower(c.title) like ${`${q.toLowerCase()}%`}
            ${order}`,
      );
      expect(got.seen, q).toEqual(expected);
    }
    expect(await ids(forLearner)).toEqual(
      (
        await pageAll(`/api/admin/money/transactions?q=${encodeURIComponent(learner.email)}`, (r) =>
          String(r.id),
        )
      ).seen,
    );
    // The course: the start of its title, any case.
    const [course] = await queryRows<{ id: string; title: string }>(
      db(),
      sql`select c.id, c.title from transactions t join enrollments e on e.id = t.enrollment_id
          join courses c on c.id = e.course_id group by c.id, c.title order by c.title limit 1`,
    );
    const title = (course?.title ?? "").slice(0, 12);
    const byCourse = await pageAll(
      `/api/admin/money/transactions?q=${encodeURIComponent(title.toLowerCase())}&limit=4`,
      (r) => String(r.course),
    );
    expect(byCourse.seen.length).toBeGreaterThan(0);
    expect(byCourse.seen.every((t) => t.toLowerCase().startsWith(title.toLowerCase()))).toBe(true);
    // A payment id (Stripe's, or ours) finds exactly that payment.
    const [one] = await db().select().from(s.transactions).limit(1);
    for (const q of [one?.stripePaymentId, one?.id.toUpperCase()]) {
      const res = await get(`/api/admin/money/transactions?q=${encodeURIComponent(q ?? "")}`);
      expect(
        res.body.items.map((t: { id: string }) => t.id),
        q,
      ).toEqual([one?.id]);
    }
    // With a status filter too, and wildcards are plain characters.
    const refunded = await get(
      `/api/admin/money/transactions?q=${encodeURIComponent(learner.email)}&status=refunded`,
    );
    expect(refunded.body.items.every((t: { status: string }) => t.status === "refunded")).toBe(
      true,
    );
    expect((await get("/api/admin/money/transactions?q=_%25")).body.items).toEqual([]);
  });

  it("pages through rows that share one microsecond timestamp (one transaction's now())", async () => {
    // A cursor carries milliseconds; Postgres keeps microseconds. Rows written by one
    // statement share their timestamp exactly and must still each appear once.
    const target = uuidv7();
    await db()
      .insert(s.adminAuditLog)
      .values(
        [1, 2, 3, 4].map(() => ({
          id: uuidv7(),
          actorId: w.admin.id,
          action: "test.same_instant",
          targetType: "test",
          targetId: target,
          at: sql`'2026-01-02 03:04:05.678901+00'::timestamptz`,
        })),
      );
    const seen = await pageAll(`/api/admin/audit?targetId=${target}&limit=1`, (r) => String(r.id));
    expect(seen.seen).toHaveLength(4);
    expect(new Set(seen.seen).size).toBe(4);
  });

  it("searches the audit log by action, actor or target, paging exactly once", async () => {
    const order = sql`order by a.at desc, a.id desc`;
    const all = await pageAll("/api/admin/audit?limit=6", (r) => String(r.id));
    expect(all.seen).toEqual(await ids(sql`select a.id from admin_audit_log a ${order}`));
    const byAction = await pageAll("/api/admin/audit?q=flag.&limit=3", (r) => String(r.id));
    expect(byAction.seen).toEqual(
      await ids(sql`select a.id from admin_audit_log a where a.action like 'flag.%' ${order}`),
    );
    expect(byAction.seen.length).toBeGreaterThanOrEqual(8);
    const [moderator] = await db().select().from(s.users).where(eq(s.users.id, w.moderator.id));
    const byActor = await pageAll(
      `/api/admin/audit?q=${encodeURIComponent(moderator?.email ?? "")}&limit=5`,
      (r) => String(r.id),
    );
    expect(byActor.seen).toEqual(
      await ids(
        sql`select a.id from admin_audit_log a where a.actor_id = ${w.moderator.id} ${order}`,
      ),
    );
    expect(byActor.seen).toHaveLength(12);
    const target = bulk[4] ?? "";
    const byTarget = await pageAll(`/api/admin/audit?q=${target.toUpperCase()}&limit=2`, (r) =>
      String(r.id),
    );
    expect(byTarget.seen).toEqual(
      await ids(sql`select a.id from admin_audit_log a where a.target_id = ${target} ${order}`),
    );
    expect(byTarget.seen.length).toBeGreaterThan(0);
    // The search and the one-target filter combine.
    const both = await get(`/api/admin/audit?targetId=${target}&q=user.`);
    expect(
      both.body.items.every(
        (a: { targetId: string; action: string }) =>
          a.targetId === target && a.action.startsWith("user."),
      ),
    ).toBe(true);
  });

  it("searches certificates by learner or course title (a union, same rows as an OR)", async () => {
    const [cert] = await queryRows<{ email: string; title: string }>(
      db(),
      sql`select u.email, co.title from certificates c join users u on u.id = c.user_id
          join courses co on co.id = c.course_id order by c.issued_at limit 1`,
    );
    if (!cert) throw new Error("the demo world has issued no certificate");
    for (const q of [cert.email.slice(0, 3), cert.title.slice(0, 6).toUpperCase()]) {
      const term = `${q.toLowerCase()}%`;
      const got = await pageAll(`/api/admin/certificates?q=${encodeURIComponent(q)}&limit=2`, (r) =>
        String(r.id),
      );
      expect(got.seen.length, q).toBeGreaterThan(0);
      expect(got.seen, q).toEqual(
        await ids(
          sql`select c.id from certificates c join users u on u.id = c.user_id
              join courses co on co.id = c.course_id
              where lower(u.name) like ${term} or lower(u.email) like ${term}
                or lower(u.handle) like ${term} or lower(co.title) like ${term}
              order by c.issued_at desc, c.id desc`,
        ),
      );
    }
  });

  it("has indexes the planner can use for each search and order", async () => {
    const plans: [string, string][] = [
      [
        "select p.id from posts p where lower(left(p.content, 200)) like 'offer%'",
        "posts_lower_content_prefix_idx",
      ],
      [
        "select c.id from courses c where lower(c.title) like 'intro%'",
        "courses_lower_title_prefix_idx",
      ],
      [
        "select a.id from admin_audit_log a where a.action like 'flag.%'",
        "admin_audit_log_action_prefix_idx",
      ],
      [
        "select a.id from admin_audit_log a where a.target_id like '0190%'",
        "admin_audit_log_target_id_prefix_idx",
      ],
      [
        "select o.id from email_outbox o where lower(o.to_address) like 'outbox%'",
        "email_outbox_lower_to_address_prefix_idx",
      ],
      [
        "select id from payouts order by approved_at desc, id desc limit 51",
        "payouts_approved_at_id_idx",
      ],
      [
        "select id from content_flags order by (status = 'pending') desc, created_at desc, id desc limit 51",
        "content_flags_queue_idx",
      ],
      [
        "select id from admin_audit_log order by at desc, id desc limit 51",
        "admin_audit_log_at_id_idx",
      ],
    ];
    for (const [query, index] of plans) {
      const plan = await db().transaction(async (tx) => {
        // Small tables would be scanned anyway; forbid that to see which index fits.
        await tx.execute(sql`set local enable_seqscan = off`);
        const rows = await queryRows<{ "QUERY PLAN": string }>(
          tx as never,
          sql.raw(`explain ${query}`),
        );
        return rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
      expect(plan, query).toContain(index);
    }
  });

  it("renders the search boxes and pagers on the money, flags and audit pages", async () => {
    const page = async (path: string) =>
      String((await cookieCall(w.t, "GET", path, w.admin.token)).body);
    const money = await page("/admin/money?queueQ=qz&payoutsQ=qz");
    for (const name of ["queueQ", "payoutsQ", "q"]) expect(money).toContain(`name="${name}"`);
    expect(money).toMatch(/href="\/admin\/money\?[^"]*queueCursor=[^"]+#queue"/);
    expect(money).toContain('aria-label="Payout queue pages"');
    const flags = await page("/admin/flags?q=offer&status=pending");
    expect(flags).toContain('value="offer"');
    expect(flags).toContain("Offer 0: cheap followers");
    expect(flags).not.toContain("Hello world");
    const audit = await page("/admin/audit?q=course.");
    expect(audit).toContain('type="search"');
    expect(audit).toContain("course.badge");
    expect(audit).not.toContain("<td>flag.resolve</td>");
    expect((await cookieCall(w.t, "GET", "/admin/flags?status=bogus", w.admin.token)).status).toBe(
      400,
    );
  });

  it("tells the payout's outcome in the payout's currency", async () => {
    const recipient = bulk[20] ?? "";
    const { splitIds } = await seedReleasedSplits(w.t, recipient, [1234]);
    await db()
      .update(s.paymentSplits)
      .set({ currency: "EUR" })
      .where(sql`${s.paymentSplits.id} in ${splitIds}`);
    // Only the EUR release is owed: pay out the USD one first.
    await db()
      .insert(s.paymentAccounts)
      .values({ userId: recipient, stripeAccountId: `acct_local_${recipient.slice(0, 8)}` });
    await db().execute(
      sql`update split_releases r set payout_id = (select id from payouts limit 1)
          from payment_splits p where p.id = r.split_id and p.recipient_id = ${recipient}
          and p.currency = 'USD'`,
    );
    const res = await cookieCall(w.t, "POST", "/admin/payouts/approve", w.admin.token, {
      form: { recipientId: recipient, currency: "EUR", _csrf: csrfOf(w.admin.token) },
    });
    expect(res.status).toBe(303);
    const flash = res.headers.get("set-cookie")?.match(/peerloop_admin_flash=([^;]+)/)?.[1] ?? "";
    const text = JSON.parse(Buffer.from(decodeURIComponent(flash), "base64url").toString()).text;
    expect(text).toMatch(/^Payout of €12\.34 paid \(transfer tr_local_[\w-]+\)\.$/);
    const [payout] = await db()
      .select()
      .from(s.payouts)
      .where(eq(s.payouts.recipientId, recipient))
      .orderBy(sql`${s.payouts.createdAt} desc`)
      .limit(1);
    expect(payout).toMatchObject({ currency: "EUR", amountCents: 1234, status: "completed" });
    const page = await w.t.app.request(`${SAME_ORIGIN}/admin/money`, {
      headers: { cookie: `peerloop_session=${w.admin.token}; peerloop_admin_flash=${flash}` },
    });
    expect(await page.text()).toContain("€12.34 paid");
  });
});
