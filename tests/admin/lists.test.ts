/**
 * Lists page and search correctly; the overview and sync-health figures come from the data
 * (users, money, sync traffic recorded by the sync routes) and warn when the feed grows
 * while nobody pulls.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { flushSyncMetrics, recordSync } from "../../sync-server/admin/metrics";
import * as s from "../../sync-server/db/schema";
import { pull, push, register } from "../support/sync-protocol";
import { databaseKinds } from "../support/test-db";
import { type AdminWorld, adminWorld, seedReleasedSplits } from "./support";

describe.each(databaseKinds())("admin lists and health on %s", (kind) => {
  let w: AdminWorld;
  const get = (path: string) => w.t.call("GET", path, { token: w.admin.token });

  beforeAll(async () => {
    w = await adminWorld(kind);
    // 120 more users with a shared prefix, created a second apart (newest = zz_119).
    const base = Date.now() - 3_600_000;
    await w.t.deps.db.insert(s.users).values(
      Array.from({ length: 120 }, (_, i) => ({
        id: uuidv7(),
        email: `zz_${String(i).padStart(3, "0")}@bulk.example`,
        passwordHash: "x",
        name: `Zed Bulk ${i}`,
        handle: `zz_${String(i).padStart(3, "0")}`,
        createdAt: new Date(base + i * 1000),
      })),
    );
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it("pages through every user exactly once, newest first", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(
        `/api/admin/users?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((u: { id: string }) => u.id));
      const times = res.body.items.map((u: { createdAt: string }) => Date.parse(u.createdAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    const [total] = await w.t.deps.db.select({ n: sql<number>`count(*)::int` }).from(s.users);
    expect(seen.length).toBe(total?.n);
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil((total?.n ?? 0) / 50));
  });

  it("searches by the start of a name, an email or a handle, case-insensitively", async () => {
    const byName = await get("/api/admin/users?q=zed%20bulk%2011&limit=200");
    expect(byName.body.items.map((u: { name: string }) => u.name).sort()).toEqual(
      [
        "Zed Bulk 11",
        "Zed Bulk 110",
        "Zed Bulk 111",
        "Zed Bulk 112",
        "Zed Bulk 113",
        "Zed Bulk 114",
        "Zed Bulk 115",
        "Zed Bulk 116",
        "Zed Bulk 117",
        "Zed Bulk 118",
        "Zed Bulk 119",
      ].sort(),
    );
    const byEmail = await get("/api/admin/users?q=ADMIN@PEERLOOP");
    expect(byEmail.body.items.map((u: { email: string }) => u.email)).toEqual([
      "admin@peerloop.demo",
    ]);
    const byHandle = await get("/api/admin/users?q=moderator");
    expect(byHandle.body.items.map((u: { handle: string }) => u.handle)).toEqual(["moderator"]);
    // LIKE wildcards are plain characters, not patterns.
    expect((await get("/api/admin/users?q=%25")).body.items).toEqual([]);
    expect((await get("/api/admin/users?q=z_%25")).body.items).toEqual([]);
    // A paged search: 120 matches in pages of 50.
    const first = await get("/api/admin/users?q=zz_&limit=50");
    expect(first.body.items).toHaveLength(50);
    expect(first.body.items[0].handle).toBe("zz_119");
    const second = await get(
      `/api/admin/users?q=zz_&limit=50&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.items[0].handle).toBe("zz_069");
    // A garbage cursor is a 400 (tests/admin/bad-input.test.ts tries many); so is a too-large limit.
    expect((await get("/api/admin/users?cursor=garbage")).body.error.code).toBe("invalid_cursor");
    expect((await get("/api/admin/users?limit=5000")).status).toBe(400);
  });

  it("counts pulls and pushes per minute and notes each device's last sync", async () => {
    const dev = await register(w.t, "metrics_dev");
    const health0 = await get("/api/admin/sync-health");
    const pulls0 = health0.body.pullsPerMinute.reduce(
      (a: number, p: { value: number }) => a + p.value,
      0,
    );
    for (let i = 0; i < 3; i++)
      expect((await pull(w.t, dev.token, "courses", null, 5)).status).toBe(200);
    // A refused push (a learner cannot write courses) is counted with its code.
    const refused = await push(w.t, dev.token, "courses", [
      { newDocumentState: { id: uuidv7(), title: "Mine now" } },
    ]);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    const health = await get("/api/admin/sync-health");
    const pulls = health.body.pullsPerMinute.reduce(
      (a: number, p: { value: number }) => a + p.value,
      0,
    );
    expect(pulls - pulls0).toBe(3);
    expect(health.body.pullsPerMinute).toHaveLength(60);
    expect(health.body.pushesPerMinute.at(-1).value).toBeGreaterThanOrEqual(1);
    expect(health.body.rejections.length).toBeGreaterThan(0);
    expect(health.body.devicesSyncingRecently).toBeGreaterThanOrEqual(1);
    const detail = await get(`/api/admin/users/${dev.id}`);
    expect(detail.body.devices[0].lastSyncAt).not.toBeNull();
  });

  it("warns when the change feed grows while nothing is pulled", async () => {
    // A minute with no pulls: move the traffic recorded so far an hour into the past.
    await flushSyncMetrics(w.t.deps.db);
    await w.t.deps.db.execute(sql`update sync_metrics set minute = minute - interval '1 hour'`);
    // A fresh change: a course edit lands in the feed.
    await w.t.deps.db.execute(
      sql`update courses set tagline = 'Changed for the feed' where slug = 'intro-to-claude-code'`,
    );
    const health = await get("/api/admin/sync-health");
    expect(health.body.feed.addedLast15Minutes).toBeGreaterThan(0);
    expect(health.body.warnings.join(" ")).toMatch(/grew by \d+ rows .* no device pulled/);
    recordSync(w.t.deps.db, "pull", 1, undefined);
    const after = await get("/api/admin/sync-health");
    expect(after.body.warnings.join(" ")).not.toMatch(/no device pulled/);
  });

  it("shows revenue, platform share and pending payouts from the ledger, with daily series", async () => {
    const before = (await get("/api/admin/overview?fresh=1")).body;
    const [lena] = await w.t.deps.db
      .select()
      .from(s.users)
      .where(sql`email = 'lena@peerloop.demo'`);
    await seedReleasedSplits(w.t, lena?.id ?? "", [250, 750]);
    // Cached figures stay as they were for up to 30 s; fresh=1 recomputes them.
    expect((await get("/api/admin/overview")).body.figures).toEqual(before.figures);
    const after = (await get("/api/admin/overview?fresh=1")).body;
    // seedReleasedSplits records completed payments of 10× each split.
    type Money = { currency: string; revenueCents: number; pendingPayoutCents: number };
    const usd = (o: { figures: { money: Money[] } }) => {
      const m = o.figures.money.find((x) => x.currency === "USD");
      if (!m) throw new Error("no USD figures");
      return m;
    };
    expect(after.figures.money.map((m: { currency: string }) => m.currency)).toEqual(["USD"]);
    expect(usd(after).revenueCents - usd(before).revenueCents).toBe(10_000);
    expect(usd(after).pendingPayoutCents - usd(before).pendingPayoutCents).toBe(1000);
    expect(after.figures.users).toBe(before.figures.users);
    expect(after.series.enrollmentsPerDay).toHaveLength(30);
    const today = new Date().toISOString().slice(0, 10);
    const usdDays = (o: typeof after) => o.series.revenuePerDay[0].points;
    expect(after.series.revenuePerDay.map((r: { currency: string }) => r.currency)).toEqual([
      "USD",
    ]);
    expect(usdDays(after).at(-1)).toMatchObject({ at: today });
    expect(usdDays(after).at(-1).value - (usdDays(before).at(-1)?.value ?? 0)).toBe(10_000);
    expect(after.series.trafficHourly).toHaveLength(24);
    // An admin action clears the cache: approving Lena's payout shows at once.
    const approve = await w.t.call("POST", "/api/admin/payouts/approve", {
      token: w.admin.token,
      body: { recipientId: lena?.id },
    });
    expect(approve.status).toBe(200);
    const paid = (await get("/api/admin/overview")).body;
    // Everything Lena was owed (the demo world's releases and these two) is paid out.
    expect(usd(after).pendingPayoutCents - usd(paid).pendingPayoutCents).toBe(
      approve.body.amountCents,
    );
    expect(approve.body.amountCents).toBeGreaterThanOrEqual(1000);
  });

  it("lists the email outbox and searches it by address", async () => {
    await register(w.t, "outbox_person");
    const res = await get("/api/admin/outbox?q=outbox_person");
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(
      res.body.items.every((m: { toAddress: string }) => m.toAddress.startsWith("outbox_person")),
    ).toBe(true);
    expect((await get("/api/admin/outbox?status=bogus")).status).toBe(400);
  });

  it("renders every page with its charts as SVG with titles", async () => {
    const { cookieCall } = await import("./support");
    const overview = String((await cookieCall(w.t, "GET", "/admin", w.admin.token)).body);
    expect(overview.match(/<svg[^>]+role="img"/g)?.length).toBe(3);
    expect(overview).toContain(
      '<title id="revenue-title">Revenue per day (USD), last 30 days</title>',
    );
    expect(overview).toMatch(/\$[\d,]+\.\d\d/);
    const sync = String((await cookieCall(w.t, "GET", "/admin/sync", w.admin.token)).body);
    expect(sync).toContain("Pulls per minute");
  });
});
