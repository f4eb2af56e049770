/**
 * The Money page's refunds owed (table refunds_owed) and their JSON twin: every row is
 * served exactly once, still owed first (newest first), then refunded (most recently
 * refunded first), ties and microseconds included — compared with the same rows read by
 * plain SQL; filters and search find what they say; the page shows amounts as money, the
 * attempts and Stripe's last error; a crafted cursor or filter is a 400 that changes
 * nothing; only admins see any of it. And a refund Stripe really refused (the fake, through
 * the webhook) is on the list and in the attention panel.
 */
import { eq, type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";
import { runMoneyJob } from "../../sync-server/payments/jobs";
import {
  createMoneyWorld,
  type MoneyWorld,
  type Person,
  PRICE,
  sessionEvent,
  signAndDeliver,
  startCheckout,
} from "../payments/money-world";
import { databaseKinds } from "../support/test-db";
import { owedRefund } from "./refunds-seed";
import { type AdminWorld, adminWorld, cookieCall, SAME_ORIGIN } from "./support";

const API = "/api/admin/money/refunds-owed";
const ID = "0190a8b2-7c3d-7e4f-8a1b-2c3d4e5f6a7b";
const ISO = "2026-03-04T05:06:07.089Z";
const HOUR_MS = 3_600_000;
const STRIPE_ERROR = "Refunds are unavailable (fake switch).";

/** The list's order, in plain SQL. */
const ORDER = sql`order by (r.refunded_at is null) desc, coalesce(r.refunded_at, r.created_at) desc, r.id desc`;

describe.each(databaseKinds())("admin refunds owed on %s", (kind) => {
  let w: AdminWorld;
  let course: { id: string; title: string; creatorId: string };
  const db = () => w.t.deps.db;
  const get = (path: string, token = w.admin.token) => w.t.call("GET", path, { token });
  const ids = async (where: SQL = sql`true`) =>
    (
      await queryRows<{ id: string }>(
        db(),
        sql`select r.id from refunds_owed r join checkout_sessions cs on cs.id = r.checkout_id
             where ${where} ${ORDER}`,
      )
    ).map((r) => r.id);

  /** Follows nextCursor to the end; every item in the order served, and the page count. */
  async function pageAll(path: string) {
    const seen: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = path.includes("?") ? "&" : "?";
      const res = await get(`${path}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    return { seen, ids: seen.map((i) => i.id as string), pages };
  }

  beforeAll(async () => {
    w = await adminWorld(kind);
    const [c] = await db()
      .select({ id: s.courses.id, title: s.courses.title, creatorId: s.courses.creatorId })
      .from(s.courses)
      .limit(1);
    if (!c) throw new Error("the demo world has no course");
    course = c;
    const base = Date.now() - 10 * 24 * HOUR_MS;
    const at = (minutes: number) => new Date(base + minutes * 60_000);
    const learners = [w.learner.id, w.moderator.id];
    const row = (i: number, extra: Partial<Parameters<typeof owedRefund>[1]>) =>
      owedRefund(db(), {
        learnerId: learners[i % 2] ?? "",
        courseId: course.id,
        teacherId: course.creatorId,
        amountCents: 1000 + i,
        ...extra,
      });
    // Refunded ones, pairs refunded at the same instant (the id breaks the tie).
    for (let i = 0; i < 60; i++) {
      await row(i, {
        attempts: 1 + (i % 2),
        lastError: i % 2 ? "An earlier attempt failed." : null,
        createdAt: at(i),
        refundedAt: at(1000 + Math.floor(i / 2)),
      });
    }
    // Owed, failed some times, in two currencies; triples created at the same instant.
    for (let i = 0; i < 30; i++) {
      await row(i, {
        attempts: 1 + (i % 5),
        lastError: `Stripe refund failed: try ${i}`,
        currency: i % 3 ? "USD" : "EUR",
        reason: i % 2 ? "amount_mismatch" : "already_enrolled",
        createdAt: at(2000 + Math.floor(i / 3)),
      });
    }
    // Owed, never tried (no Stripe key at the time), one paid by the admin as a sponsor.
    for (let i = 0; i < 12; i++) {
      await row(i, {
        reason: "checkout_expired",
        createdAt: at(3000 + i),
        ...(i === 5 ? { payerId: w.admin.id } : {}),
      });
    }
    // Microseconds: a run of rows sharing one instant finer than a cursor's milliseconds.
    await db().execute(
      sql`update refunds_owed set created_at = '2026-11-20 10:00:00.123456+00'
           where id in (select id from refunds_owed where refunded_at is null
                         order by created_at limit 9)`,
    );
    await db().execute(
      sql`update refunds_owed set refunded_at = '2026-11-21 10:00:00.654321+00'
           where id in (select id from refunds_owed where refunded_at is not null
                         order by created_at limit 7)`,
    );
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it("pages through every refund owed exactly once: owed first, newest first, then the refunded, most recent first", async () => {
    const expected = await ids();
    expect(expected).toHaveLength(102);
    for (const limit of [50, 7]) {
      const { ids: served, pages } = await pageAll(`${API}?limit=${limit}`);
      expect(served).toEqual(expected);
      expect(pages).toBe(Math.ceil(102 / limit));
    }
    // What the order means, checked on the rows themselves.
    const { seen } = await pageAll(`${API}?limit=50`);
    const owed = seen.filter((r) => r.refundedAt === null);
    expect(seen.slice(0, owed.length)).toEqual(owed);
    expect(owed).toHaveLength(42);
    const created = owed.map((r) => Date.parse(r.createdAt as string));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
    const refunded = seen.slice(owed.length).map((r) => Date.parse(r.refundedAt as string));
    expect([...refunded].sort((a, b) => b - a)).toEqual(refunded);
  });

  it("shows each row's learner, payer, course, amount, reason, attempts, last error and times as stored", async () => {
    const stored = await queryRows<Record<string, unknown>>(
      db(),
      sql`select r.id, u.name as learner, u.email as learner_email, p.name as payer,
                 c.title as course, r.amount_cents, r.currency, r.reason, r.attempts,
                 r.last_error, r.payment_id, r.refund_id, r.created_at, r.refunded_at
            from refunds_owed r join checkout_sessions cs on cs.id = r.checkout_id
            join users u on u.id = cs.learner_id join users p on p.id = cs.payer_id
            join courses c on c.id = cs.course_id ${ORDER}`,
    );
    const { seen } = await pageAll(`${API}?limit=200`);
    const iso = (v: unknown) => (v === null ? null : new Date(v as string).toISOString());
    expect(
      seen.map((r) => [
        r.id,
        r.learner,
        r.learnerEmail,
        r.payer,
        r.course,
        r.amountCents,
        r.currency,
        r.reason,
        r.attempts,
        r.lastError,
        r.paymentId,
        r.refundId,
        iso(r.createdAt),
        iso(r.refundedAt),
        r.state,
      ]),
    ).toEqual(
      stored.map((r) => [
        r.id,
        r.learner,
        r.learner_email,
        r.payer,
        r.course,
        r.amount_cents,
        r.currency,
        r.reason,
        r.attempts,
        r.last_error,
        r.payment_id,
        r.refund_id,
        iso(r.created_at),
        iso(r.refunded_at),
        r.refunded_at ? "refunded" : Number(r.attempts) > 0 ? "failed" : "pending",
      ]),
    );
    expect(new Set(seen.map((r) => r.state))).toEqual(new Set(["pending", "failed", "refunded"]));
  });

  it("filters by state and searches by learner, payer, course or payment id", async () => {
    const list = async (qs: string) => (await pageAll(`${API}?limit=20&${qs}`)).ids;
    expect(await list("status=owed")).toEqual(await ids(sql`r.refunded_at is null`));
    expect(await list("status=failed")).toEqual(
      await ids(sql`r.refunded_at is null and r.attempts > 0`),
    );
    expect(await list("status=refunded")).toEqual(await ids(sql`r.refunded_at is not null`));
    const [learner] = await db().select().from(s.users).where(eq(s.users.id, w.learner.id));
    expect(await list(`q=${encodeURIComponent(learner?.email.toUpperCase() ?? "")}`)).toEqual(
      await ids(sql`cs.learner_id = ${w.learner.id}`),
    );
    expect(await list("q=admin%40peerloop")).toEqual(await ids(sql`cs.payer_id = ${w.admin.id}`));
    expect(await list(`q=${encodeURIComponent(course.title.slice(0, 6))}&status=owed`)).toEqual(
      await ids(sql`r.refunded_at is null`),
    );
    const [one] = await queryRows<{ id: string; payment_id: string; checkout_id: string }>(
      db(),
      sql`select id, payment_id, checkout_id from refunds_owed order by created_at limit 1`,
    );
    expect(await list(`q=${one?.payment_id}`)).toEqual([one?.id]);
    expect(await list(`q=${one?.checkout_id}`)).toEqual([one?.id]);
    expect(await list("q=nobody-has-this-name")).toEqual([]);
    // LIKE's wildcards are characters, not patterns.
    expect(await list("q=%25")).toEqual([]);
  });

  it("shows the list on the Money page as money, with attempts and Stripe's last error, and pages it", async () => {
    const first = await get(`${API}?limit=50`);
    const res = await cookieCall(w.t, "GET", "/admin/money?payoutsStatus=failed", w.admin.token);
    expect(res.status).toBe(200);
    const html = String(res.body);
    expect(html).toContain('<h2 id="refunds-owed">Refunds owed</h2>');
    const rows = [...html.matchAll(/data-refund-owed="([0-9a-f-]+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(first.body.items.map((r: { id: string }) => r.id));
    // The newest owed one: never tried (checkout expired); the failed ones show Stripe's words.
    const top = first.body.items[0];
    const topRow = html.slice(html.indexOf(`data-refund-owed="${top.id}"`)).split("</tr>")[0];
    expect(topRow).toContain(`$${(top.amountCents / 100).toFixed(2)}`);
    expect(topRow).toContain("checkout_expired");
    expect(topRow).toContain("owed, not tried yet");
    const failed = first.body.items.find((r: { currency: string; state: string }) => {
      return r.state === "failed" && r.currency === "EUR";
    });
    const failedRow = html.slice(html.indexOf(`data-refund-owed="${failed.id}"`)).split("</tr>")[0];
    expect(failedRow).toContain(`€${(failed.amountCents / 100).toFixed(2)}`);
    expect(failedRow).toContain(`<span class="error-text">${failed.lastError}</span>`);
    expect(failedRow).toContain(`<td class="num">${failed.attempts}</td>`);
    expect(html).toContain("paid by Nadia Rahman");
    // Next page keeps the other lists' filters, and shows the API's second page.
    const next = `refundsCursor=${encodeURIComponent(first.body.nextCursor)}`;
    expect(html).toContain(`href="/admin/money?payoutsStatus=failed&amp;${next}#refunds-owed"`);
    const second = await get(`${API}?limit=50&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    const page2 = String(
      (await cookieCall(w.t, "GET", `/admin/money?${next}`, w.admin.token)).body,
    );
    expect([...page2.matchAll(/data-refund-owed="([0-9a-f-]+)"/g)].map((m) => m[1])).toEqual(
      second.body.items.map((r: { id: string }) => r.id),
    );
    // The filter on the page: refunded only, with the refund's id and time.
    const refunded = String(
      (await cookieCall(w.t, "GET", "/admin/money?refundsStatus=refunded", w.admin.token)).body,
    );
    expect(refunded).toMatch(/<option value="refunded" selected="">refunded<\/option>/);
    expect(refunded).not.toContain("owed, failed");
    expect(refunded).toContain("re_owed_");
  });

  const BAD_CURSORS = [
    "garbage",
    `2_${ISO}_${ID}`,
    `1_${ISO}`,
    `1_${ISO}_not-a-uuid`,
    `1_${ISO}_${ID}_extra`,
    `0_99999_${ID}`,
    `1_-000001-01-01T00:00:00.000Z_${ID}`,
    `0_2026-02-30T00:00:00.000Z_${ID}`,
    `${ISO}_${ID}`,
    "1_",
    "1",
  ];

  it("answers 400 to a crafted cursor, filter or search, on the API and the page, and changes nothing", async () => {
    const before = await queryRows(db(), sql`select * from refunds_owed order by id`);
    for (const cursor of BAD_CURSORS) {
      const api = await get(`${API}?cursor=${encodeURIComponent(cursor)}`);
      expect([api.status, api.body.error.code], cursor).toEqual([400, "invalid_cursor"]);
      const page = await cookieCall(
        w.t,
        "GET",
        `/admin/money?refundsCursor=${encodeURIComponent(cursor)}`,
        w.admin.token,
      );
      expect(page.status, cursor).toBe(400);
      expect(String(page.body)).toContain("This page link is not valid");
    }
    for (const qs of ["status=nope", "status=pending", "q=a%00b", "limit=0", "limit=5000"]) {
      const api = await get(`${API}?${qs}`);
      expect([api.status, api.body.error.code], qs).toEqual([400, "validation_failed"]);
    }
    for (const qs of ["refundsStatus=nope", "refundsQ=a%00b"]) {
      const page = await cookieCall(w.t, "GET", `/admin/money?${qs}`, w.admin.token);
      expect(page.status, qs).toBe(400);
      expect(String(page.body)).toContain("<h1>Bad request</h1>");
    }
    expect(await queryRows(db(), sql`select * from refunds_owed order by id`)).toEqual(before);
    // The cursors it writes, at the edges of the accepted range too, still page.
    for (const c of [`1_1970-01-01T00:00:00.000Z_${ID}`, `0_9999-12-31T23:59:59.999Z_${ID}`]) {
      expect((await get(`${API}?cursor=${encodeURIComponent(c)}`)).status, c).toBe(200);
    }
  });

  it("is in the OpenAPI document with its filters", async () => {
    const doc = await w.t.call("GET", "/api/openapi.json");
    const op = doc.body.paths[API]?.get;
    expect(op?.tags).toEqual(["Admin"]);
    expect(op?.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
      ["cursor", "limit", "q", "status"].sort(),
    );
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(["200", "401", "403"]));
  });

  it("is for admins only: 401 without a session, 403 to a learner and to a moderator", async () => {
    const anon = await w.t.call("GET", API);
    expect([anon.status, anon.body.error.code]).toEqual([401, "unauthorized"]);
    for (const who of [w.learner, w.moderator]) {
      for (const path of [API, `${API}?cursor=junk&status=nope`]) {
        const res = await get(path, who.token);
        expect([res.status, res.body.error.code], path).toEqual([403, "forbidden"]);
      }
    }
    // The page: sign in first; then learners and moderators are refused.
    const page = "/admin/money?refundsStatus=owed";
    const visitor = await w.t.app.request(`${SAME_ORIGIN}${page}`, { redirect: "manual" });
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get("location")).toBe(`/admin/sign-in?next=${encodeURIComponent(page)}`);
    for (const who of [w.learner, w.moderator]) {
      const res = await cookieCall(w.t, "GET", page, who.token);
      expect(res.status).toBe(403);
      expect(String(res.body)).not.toContain("Refunds owed");
    }
  });
});

describe.each(databaseKinds())("a refund Stripe refused, seen by the admin, on %s", (kind) => {
  let w: MoneyWorld;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: true });
  });
  afterAll(async () => {
    await w?.close();
  });

  it("is on the list with Stripe's error and in the attention panel until the job sends it", async () => {
    const learner = w.learners[0] as Person;
    // Already enrolled, the learner pays a second checkout: that payment is owed back.
    const first = await startCheckout(w, learner);
    const second = await startCheckout(w, learner);
    await signAndDeliver(
      w,
      await sessionEvent(w, first.body.checkout.id, "checkout.session.completed"),
    );
    if (!w.fake) throw new Error("no fake Stripe");
    w.fake.fail.refundOutage = true;
    try {
      const res = await signAndDeliver(
        w,
        await sessionEvent(w, second.body.checkout.id, "checkout.session.completed"),
      );
      expect(res.body.outcome).toBe("refund_due");
    } finally {
      w.fake.fail.refundOutage = false;
    }
    const admin = (path: string) => w.t.call("GET", path, { token: w.admin.token });
    const list = await admin(API);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      checkoutId: second.body.checkout.id,
      learnerId: learner.id,
      amountCents: PRICE,
      currency: "USD",
      reason: "already_enrolled",
      attempts: 1,
      lastError: expect.stringContaining(STRIPE_ERROR.slice(0, -1)),
      refundedAt: null,
      state: "failed",
    });
    const attention = async () =>
      (await admin("/api/admin/overview?fresh=1")).body.attention.filter(
        (i: { kind: string }) => i.kind === "refunds_owed",
      );
    expect(await attention()).toEqual([
      {
        kind: "refunds_owed",
        count: 1,
        text: "1 refund the server owes has not gone through (failed, or owed for over 60 minutes): $49.99",
        href: "/admin/money?refundsStatus=owed#refunds-owed",
      },
    ]);
    // The money job's retry goes through: the panel clears, the row shows the refund.
    await runMoneyJob(w.db, w.t.deps.config, w.t.deps.log, new Date(Date.now() + 2 * 60_000));
    expect(await attention()).toEqual([]);
    const after = (await admin(API)).body.items[0];
    expect(after).toMatchObject({ attempts: 2, lastError: null, state: "refunded" });
    expect(after.refundId).toMatch(/^re_/);
  });
});
