/**
 * Every admin action does what it says, leaves an audit row with before and after, and
 * refuses bad input with a clear 4xx: roles, disabling (which ends sessions and sync),
 * course state and badge, payout approval, certificate revocation.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flushSyncMetrics, sessionStillValid } from "../../sync-server/admin/metrics";
import * as s from "../../sync-server/db/schema";
import { DEMO_PASSWORD } from "../../sync-server/demo/world";
import { pull, push } from "../support/sync-protocol";
import { databaseKinds } from "../support/test-db";
import {
  type AdminWorld,
  adminWorld,
  cookieCall,
  csrfOf,
  flashOf,
  seedCertificate,
  seedReleasedSplits,
} from "./support";

describe.each(databaseKinds())("admin actions on %s", (kind) => {
  let w: AdminWorld;
  const db = () => w.t.deps.db;
  const post = (path: string, body?: unknown) =>
    w.t.call("POST", path, { token: w.admin.token, ...(body !== undefined ? { body } : {}) });
  const lastAudit = async (targetId: string) => {
    const res = await w.t.call("GET", `/api/admin/audit?targetId=${targetId}`, {
      token: w.admin.token,
    });
    expect(res.status).toBe(200);
    return res.body.items[0];
  };

  beforeAll(async () => {
    w = await adminWorld(kind);
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it("changes roles and records who, what, before and after", async () => {
    const res = await post(`/api/admin/users/${w.learner.id}/roles`, {
      isCreator: true,
      isModerator: true,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.user).toMatchObject({ isCreator: true, isModerator: true, isAdmin: false });
    const [row] = await db().select().from(s.users).where(eq(s.users.id, w.learner.id));
    expect(row?.isCreator).toBe(true);
    const audit = await lastAudit(w.learner.id);
    expect(audit).toMatchObject({ action: "user.roles", actorId: w.admin.id, targetType: "user" });
    expect(audit.before).toMatchObject({ isCreator: false, isModerator: false });
    expect(audit.after).toMatchObject({ isCreator: true, isModerator: true });
    expect(JSON.stringify(audit)).not.toContain("passwordHash");
    // Put it back (and check the audit trail grows).
    await post(`/api/admin/users/${w.learner.id}/roles`, { isCreator: false, isModerator: false });
    expect((await lastAudit(w.learner.id)).after).toMatchObject({ isCreator: false });
  });

  it("refuses bad role input and an admin removing their own admin role", async () => {
    const empty = await post(`/api/admin/users/${w.learner.id}/roles`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe("validation_failed");
    const unknown = await post(`/api/admin/users/${w.learner.id}/roles`, { isRoot: true });
    expect(unknown.status).toBe(400);
    const self = await post(`/api/admin/users/${w.admin.id}/roles`, { isAdmin: false });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe("self_action");
    const selfDisable = await post(`/api/admin/users/${w.admin.id}/disable`, { reason: "oops" });
    expect(selfDisable.status).toBe(409);
    const [admin] = await db().select().from(s.users).where(eq(s.users.id, w.admin.id));
    expect(admin?.isAdmin).toBe(true);
    expect(admin?.disabledAt).toBeNull();
  });

  it("disabling an account ends its sessions, its live stream, and its pulls and pushes", async () => {
    const email = "ravi@peerloop.demo";
    const login = await w.t.call("POST", "/api/auth/login", {
      body: { email, password: DEMO_PASSWORD },
    });
    const token = login.body.token as string;
    const userId = login.body.user.id as string;
    const [live] = await db()
      .select()
      .from(s.authSessions)
      .where(eq(s.authSessions.userId, userId));
    expect(await sessionStillValid(db(), live?.id)).toBe(true);
    const before = await pull(w.t, token, "courses", null, 5);
    expect(before.status).toBe(200);
    // The pull was counted and the device's last sync noted (flushed before reading).
    const detail = await w.t.call("GET", `/api/admin/users/${userId}`, { token: w.admin.token });
    expect(detail.body.devices.some((d: { lastSyncAt: string | null }) => d.lastSyncAt)).toBe(true);

    const stream = await w.t.app.request("/sync/stream", {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(stream.status).toBe(200);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // hello

    const res = await post(`/api/admin/users/${userId}/disable`, { reason: "spam" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.user.disabledAt).not.toBeNull();

    // The open stream ends at once.
    const ended = await Promise.race([
      (async () => {
        for (;;) if ((await reader.read()).done) return true;
      })(),
      new Promise((r) => setTimeout(() => r(false), 3000)),
    ]);
    expect(ended).toBe(true);
    // Every sync call and any new stream is refused.
    expect((await pull(w.t, token, "courses", null, 5)).status).toBe(401);
    expect((await push(w.t, token, "progress", [])).status).toBe(401);
    const again = await w.t.app.request("/sync/stream", {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(401);
    await again.body?.cancel();
    const relogin = await w.t.call("POST", "/api/auth/login", {
      body: { email, password: DEMO_PASSWORD },
    });
    expect(relogin.status).toBe(403);
    expect(relogin.body.error.code).toBe("account_disabled");
    const sessions = await db()
      .select()
      .from(s.authSessions)
      .where(eq(s.authSessions.userId, userId));
    expect(sessions.every((x) => x.revokedAt !== null)).toBe(true);
    // Streams held by other server processes end at their next heartbeat on this check.
    for (const x of sessions) expect(await sessionStillValid(db(), x.id)).toBe(false);
    const audit = await lastAudit(userId);
    expect(audit).toMatchObject({ action: "user.disable" });
    expect(audit.before.disabledAt).toBeNull();
    expect(audit.after.reason).toBe("spam");

    // Enabling lets the person sign in again; the old sessions stay ended.
    const enabled = await post(`/api/admin/users/${userId}/enable`);
    expect(enabled.body.user.disabledAt).toBeNull();
    expect((await pull(w.t, token, "courses", null, 5)).status).toBe(401);
    const back = await w.t.call("POST", "/api/auth/login", {
      body: { email, password: DEMO_PASSWORD },
    });
    expect(back.status).toBe(200);
    expect((await lastAudit(userId)).action).toBe("user.enable");
  });

  it("activates and deactivates a course, and sets its badge", async () => {
    const list = await w.t.call("GET", "/api/admin/courses?q=intro", { token: w.admin.token });
    const course = list.body.items.find((c: { slug: string }) => c.slug === "intro-to-claude-code");
    expect(course).toMatchObject({ state: "active" });
    expect(course.enrollments).toBeGreaterThan(0);
    const catalogHas = async () =>
      (await w.t.call("GET", "/api/courses?limit=100")).body.courses.some(
        (c: { slug: string }) => c.slug === course.slug,
      );
    expect(await catalogHas()).toBe(true);

    const off = await post(`/api/admin/courses/${course.id}/state`, { state: "inactive" });
    expect(off.body.course).toMatchObject({ state: "inactive", isActive: false, isRetired: false });
    expect(await catalogHas()).toBe(false);
    const on = await post(`/api/admin/courses/${course.id}/state`, { state: "active" });
    expect(on.body.course).toMatchObject({ state: "active", isActive: true, isRetired: false });
    expect(await catalogHas()).toBe(true);
    expect((await post(`/api/admin/courses/${course.id}/state`, { state: "deleted" })).status).toBe(
      400,
    );

    const badge = await post(`/api/admin/courses/${course.id}/badge`, { badge: "featured" });
    expect(badge.body.course.badge).toBe("featured");
    const cleared = await post(`/api/admin/courses/${course.id}/badge`, { badge: null });
    expect(cleared.body.course.badge).toBeNull();
    expect((await post(`/api/admin/courses/${course.id}/badge`, { badge: "gold" })).status).toBe(
      400,
    );
    const audit = await lastAudit(course.id);
    expect(audit).toMatchObject({
      action: "course.badge",
      before: { badge: "featured" },
      after: { badge: null },
    });
  });

  it("retires a course for good: no state change afterwards (409 course_retired)", async () => {
    const list = await w.t.call("GET", "/api/admin/courses?limit=200", { token: w.admin.token });
    const course = list.body.items.find((c: { state: string }) => c.state === "active");
    const retired = await post(`/api/admin/courses/${course.id}/state`, { state: "retired" });
    expect(retired.body.course).toMatchObject({
      state: "retired",
      isActive: false,
      isRetired: true,
    });
    const audits = async () =>
      (await db().select().from(s.adminAuditLog).where(eq(s.adminAuditLog.targetId, course.id)))
        .length;
    const logged = await audits();
    for (const state of ["active", "inactive", "retired"]) {
      const res = await post(`/api/admin/courses/${course.id}/state`, { state });
      expect(res.status, state).toBe(409);
      expect(res.body.error.code).toBe("course_retired");
    }
    const [row] = await db().select().from(s.courses).where(eq(s.courses.id, course.id));
    expect([row?.isActive, row?.isRetired]).toEqual([false, true]);
    expect(await audits()).toBe(logged);
    // The form says so too, and the courses page offers no state form for it any more.
    const form = await cookieCall(w.t, "POST", `/admin/courses/${course.id}/state`, w.admin.token, {
      form: { state: "active", _csrf: csrfOf(w.admin.token) },
    });
    expect(flashOf(form)).toEqual({
      kind: "error",
      text: "This course is retired: that is final.",
    });
    const page = String((await cookieCall(w.t, "GET", "/admin/courses", w.admin.token)).body);
    expect(page).not.toContain(`action="/admin/courses/${course.id}/state"`);
    expect(page).toContain("retired (final)");
    // A badge may still change.
    expect((await post(`/api/admin/courses/${course.id}/badge`, { badge: null })).status).toBe(200);
  });

  it("approves a payout: splits paid with the payout id, a payouts row, an audit row", async () => {
    const [recipient] = await db()
      .select()
      .from(s.users)
      .where(eq(s.users.email, "lena@peerloop.demo"));
    if (!recipient) throw new Error("no lena");
    const queued = async (): Promise<number> => {
      const summary = await w.t.call("GET", "/api/admin/money/summary", { token: w.admin.token });
      const row = summary.body.queue.find(
        (q: { recipientId: string }) => q.recipientId === recipient.id,
      );
      return row?.releasedUnpaidCents ?? 0;
    };
    // The demo world may already owe Lena released money: the payout takes it all.
    const already = await queued();
    const { splitIds, total: added } = await seedReleasedSplits(w.t, recipient.id, [1234, 4321, 7]);
    const total = already + added;
    expect(await queued()).toBe(total);

    const res = await post("/api/admin/payouts/approve", { recipientId: recipient.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // The local provider always transfers: this payout is paid, in full.
    expect(res.body).toMatchObject({
      status: "paid",
      currency: "USD",
      claimedCents: total,
      amountCents: total,
      failedCents: 0,
      error: null,
    });
    expect(res.body.transferId).toMatch(/^tr_local_/);
    const splits = await db()
      .select()
      .from(s.paymentSplits)
      .where(sql`${s.paymentSplits.id} in ${splitIds}`);
    expect(splits.map((x) => [x.status, x.payoutId])).toEqual(
      splitIds.map(() => ["paid", res.body.payoutId]),
    );
    const [payout] = await db().select().from(s.payouts).where(eq(s.payouts.id, res.body.payoutId));
    expect(payout).toMatchObject({
      recipientId: recipient.id,
      amountCents: total,
      status: "completed",
      approvedBy: w.admin.id,
    });
    // The approval (what was owed and claimed), then its outcome: two rows, newest first.
    const audit = await w.t.call("GET", `/api/admin/audit?targetId=${recipient.id}`, {
      token: w.admin.token,
    });
    const [outcome, approval] = audit.body.items;
    expect(approval).toMatchObject({
      action: "payout.approve",
      before: { owed: [{ currency: "USD", cents: total }] },
      after: { payoutId: res.body.payoutId, cents: total, status: "processing" },
    });
    expect(outcome).toMatchObject({
      action: "payout.outcome",
      after: { payoutId: res.body.payoutId, status: "paid", amountCents: total },
    });
    // Nothing left for them: a second approval is refused (and audited), not a second payout.
    const again = await post("/api/admin/payouts/approve", { recipientId: recipient.id });
    expect([again.status, again.body.error.code]).toEqual([409, "nothing_to_pay"]);
    expect(await lastAudit(recipient.id)).toMatchObject({
      action: "payout.approve",
      after: { outcome: "refused", code: "nothing_to_pay" },
    });
    const all = await db().select().from(s.payouts).where(eq(s.payouts.recipientId, recipient.id));
    expect(all).toHaveLength(1);
    expect((await post("/api/admin/payouts/approve", { recipientId: "x" })).status).toBe(400);
  });

  it("revokes a certificate once; a second revoke is 409 already_revoked", async () => {
    const certId = await seedCertificate(w.t, w.learner.id, w.admin.id);
    const search = await w.t.call("GET", `/api/admin/certificates?q=${certId}`, {
      token: w.admin.token,
    });
    expect(search.body.items.map((c: { id: string }) => c.id)).toEqual([certId]);
    const short = await post(`/api/admin/certificates/${certId}/revoke`, { reason: "x" });
    expect(short.status).toBe(400);
    const res = await post(`/api/admin/certificates/${certId}/revoke`, {
      reason: "Issued by mistake",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [row] = await db()
      .select()
      .from(s.certificates)
      .where(and(eq(s.certificates.id, certId)));
    expect(row?.revokedAt).not.toBeNull();
    expect(row?.revokedBy).toBe(w.admin.id);
    expect(row?.revocationReason).toBe("Issued by mistake");
    const again = await post(`/api/admin/certificates/${certId}/revoke`, {
      reason: "again please",
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_revoked");
    const audit = await lastAudit(certId);
    expect(audit).toMatchObject({ action: "certificate.revoke" });
    expect(audit.before.revokedAt).toBeNull();
    expect(audit.after.revokedAt).not.toBeNull();
  });

  it("keeps the audit log append-only: the database refuses UPDATE and DELETE", async () => {
    await flushSyncMetrics(db());
    const refusal = (q: Promise<unknown>) =>
      q.then(
        () => "accepted",
        (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
      );
    expect(await refusal(db().execute(sql`UPDATE admin_audit_log SET action = 'forged'`))).toMatch(
      /append-only/,
    );
    expect(await refusal(db().execute(sql`DELETE FROM admin_audit_log`))).toMatch(/append-only/);
    const rows = await db().select().from(s.adminAuditLog);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.some((r) => r.action === "forged")).toBe(false);
  });
});
