/**
 * Every state-changing HTML form route under /admin, tried by a visitor (sent to the sign-in
 * page), a learner and a moderator (403; each with their own valid CSRF token, so it is the
 * role check that refuses). Nothing changes: not the audit log, not the rows each form
 * targets. The list of routes is checked against the app's own routes, so a new form
 * cannot be left out.
 */
import { count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import * as s from "../../sync-server/db/schema";
import { databaseKinds } from "../support/test-db";
import {
  type AdminWorld,
  adminWorld,
  cookieCall,
  csrfOf,
  SAME_ORIGIN,
  seedCertificate,
  seedReleasedSplits,
} from "./support";

interface FormRoute {
  /** The route as the app declares it (with :id). */
  pattern: string;
  path: string;
  form: Record<string, string>;
  /** Moderators may post it (then it is tried only by learners and visitors here). */
  moderator?: boolean;
}

describe.each(databaseKinds())("admin form routes refuse non-admins on %s", (kind) => {
  let w: AdminWorld;
  let courseId: string;
  let certId: string;
  let flagId: string;
  let disabledUser: string;
  let recipient: string;

  beforeAll(async () => {
    w = await adminWorld(kind);
    const db = w.t.deps.db;
    const [course] = await db.select({ id: s.courses.id }).from(s.courses).limit(1);
    courseId = course?.id ?? "";
    certId = await seedCertificate(w.t, w.learner.id, w.admin.id);
    // A disabled account, so that "enable" would change something if it were let through.
    const [ravi] = await db
      .update(s.users)
      .set({ disabledAt: new Date("2026-01-01T00:00:00Z") })
      .where(eq(s.users.email, "ravi@peerloop.demo"))
      .returning({ id: s.users.id });
    disabledUser = ravi?.id ?? "";
    // Someone owed money with a connected account, so "approve" would pay if let through.
    const [lena] = await db
      .select({ id: s.users.id })
      .from(s.users)
      .where(eq(s.users.email, "lena@peerloop.demo"));
    recipient = lena?.id ?? "";
    await seedReleasedSplits(w.t, recipient, [900]);
    const postId = uuidv7();
    await db.insert(s.posts).values({ id: postId, authorId: w.admin.id, content: "Flag me" });
    flagId = uuidv7();
    await db
      .insert(s.contentFlags)
      .values({ id: flagId, postId, flaggedBy: w.admin.id, reason: "test" });
  });
  afterAll(async () => {
    await w?.t.close();
  });

  const routes = (): FormRoute[] => [
    {
      pattern: "/admin/users/:id/roles",
      path: `/admin/users/${w.learner.id}/roles`,
      form: { roles: "1", isCreator: "on", isAdmin: "on" },
    },
    {
      pattern: "/admin/users/:id/disable",
      path: `/admin/users/${w.learner.id}/disable`,
      form: { reason: "test" },
    },
    { pattern: "/admin/users/:id/enable", path: `/admin/users/${disabledUser}/enable`, form: {} },
    {
      pattern: "/admin/courses/:id/state",
      path: `/admin/courses/${courseId}/state`,
      form: { state: "retired" },
    },
    {
      pattern: "/admin/courses/:id/badge",
      path: `/admin/courses/${courseId}/badge`,
      form: { badge: "featured" },
    },
    {
      pattern: "/admin/payouts/approve",
      path: "/admin/payouts/approve",
      form: { recipientId: recipient },
    },
    {
      pattern: "/admin/certificates/:id/revoke",
      path: `/admin/certificates/${certId}/revoke`,
      form: { reason: "test revoke" },
    },
    {
      pattern: "/admin/flags/:id/review",
      path: `/admin/flags/${flagId}/review`,
      form: { decision: "dismiss" },
      moderator: true,
    },
  ];

  /** Everything those forms could change, read straight from the database. */
  const snapshot = async () => {
    const db = w.t.deps.db;
    const [audit] = await db.select({ n: count() }).from(s.adminAuditLog);
    return JSON.stringify({
      audit: audit?.n,
      users: await db
        .select()
        .from(s.users)
        .where(inArray(s.users.id, [w.learner.id, disabledUser, recipient]))
        .orderBy(s.users.id),
      sessions: await db
        .select({ id: s.authSessions.id, revokedAt: s.authSessions.revokedAt })
        .from(s.authSessions)
        .orderBy(s.authSessions.id),
      course: await db.select().from(s.courses).where(eq(s.courses.id, courseId)),
      certificate: await db.select().from(s.certificates).where(eq(s.certificates.id, certId)),
      splits: await db
        .select()
        .from(s.paymentSplits)
        .where(eq(s.paymentSplits.recipientId, recipient))
        .orderBy(s.paymentSplits.id),
      releases: await db.execute(
        sql`select r.id, r.payout_id from split_releases r join payment_splits p on p.id = r.split_id
            where p.recipient_id = ${recipient} order by r.id`,
      ),
      payouts: await db.select().from(s.payouts).orderBy(s.payouts.id),
      flag: await db.select().from(s.contentFlags).where(eq(s.contentFlags.id, flagId)),
    });
  };

  it("knows every state-changing form route the app declares", () => {
    const declared = new Set(
      w.t.app.routes
        .filter((r) => r.method === "POST" && r.path.startsWith("/admin/"))
        .map((r) => r.path),
    );
    // Signing in and out are the only posts not listed above (tried below).
    expect(declared).toEqual(
      new Set([...routes().map((r) => r.pattern), "/admin/sign-in", "/admin/sign-out"]),
    );
  });

  it("sends visitors to the sign-in page and changes nothing", async () => {
    const before = await snapshot();
    for (const r of routes()) {
      const res = await w.t.app.request(`${SAME_ORIGIN}${r.path}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: SAME_ORIGIN,
          "sec-fetch-site": "same-origin",
        },
        body: new URLSearchParams(r.form).toString(),
      });
      expect(res.status, r.path).toBe(303);
      expect(res.headers.get("location"), r.path).toBe(
        `/admin/sign-in?next=${encodeURIComponent(r.path)}`,
      );
    }
    // A stale session cookie is no session either.
    const stale = await cookieCall(w.t, "POST", routes()[0]?.path ?? "", "not-a-session", {
      form: { isCreator: "on", _csrf: csrfOf("not-a-session") },
    });
    expect(stale.status).toBe(303);
    expect(stale.location).toMatch(/^\/admin\/sign-in\?next=/);
    expect(await snapshot()).toBe(before);
  });

  it("refuses learners and moderators (403), even with their own CSRF token", async () => {
    const before = await snapshot();
    for (const who of [w.learner, w.moderator]) {
      for (const r of routes()) {
        if (r.moderator && who === w.moderator) continue;
        const res = await cookieCall(w.t, "POST", r.path, who.token, {
          form: { ...r.form, _csrf: csrfOf(who.token) },
        });
        const label = `${who === w.learner ? "learner" : "moderator"} ${r.path}`;
        expect(res.status, label).toBe(403);
        expect(res.location, label).toBeNull();
        expect(String(res.body), label).toContain("<html");
      }
    }
    expect(await snapshot()).toBe(before);
    // The control: the same form posted by the admin does change what the snapshot reads.
    const badge = routes().find((r) => r.pattern.endsWith("/badge"));
    const ok = await cookieCall(w.t, "POST", badge?.path ?? "", w.admin.token, {
      form: { ...badge?.form, _csrf: csrfOf(w.admin.token) },
    });
    expect(ok.status).toBe(303);
    expect(await snapshot()).not.toBe(before);
  });

  it("refuses the sign-out form to a learner; a visitor is just sent to sign in", async () => {
    const before = await snapshot();
    const learner = await cookieCall(w.t, "POST", "/admin/sign-out", w.learner.token, {
      form: { _csrf: csrfOf(w.learner.token) },
    });
    expect(learner.status).toBe(403);
    const anon = await w.t.app.request(`${SAME_ORIGIN}/admin/sign-out`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: SAME_ORIGIN },
      body: "",
    });
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toBe("/admin/sign-in");
    expect(await snapshot()).toBe(before);
    // The learner's session still works.
    expect((await w.t.call("GET", "/api/me", { token: w.learner.token })).status).toBe(200);
  });
});
