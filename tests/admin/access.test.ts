/**
 * Who reaches what: every admin API route and HTML page tried anonymously (401 / sign-in
 * page), by a learner and by a moderator (403 except the moderator's own parts), and by the
 * admin. A refused action changes nothing (checked through the audit log staying empty).
 */
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminAuditLog } from "../../sync-server/db/schema";
import { databaseKinds } from "../support/test-db";
import {
  type AdminWorld,
  adminWorld,
  cookieCall,
  seedCertificate,
  seedReleasedSplits,
} from "./support";

const ZERO = "00000000-0000-4000-8000-000000000000";

describe.each(databaseKinds())("admin access on %s", (kind) => {
  let w: AdminWorld;
  let certId: string;
  let courseId: string;
  let targetUser: string;
  beforeAll(async () => {
    w = await adminWorld(kind);
    targetUser = w.learner.id;
    certId = await seedCertificate(w.t, w.learner.id, w.admin.id);
    await seedReleasedSplits(w.t, w.moderator.id, [500]);
    const courses = await w.t.call("GET", "/api/admin/courses", { token: w.admin.token });
    courseId = courses.body.items[0].id;
  });
  afterAll(async () => {
    await w?.t.close();
  });

  /** Every admin action (state-changing), with a valid body. */
  const writes = () => [
    { path: `/api/admin/users/${targetUser}/roles`, body: { isCreator: true } },
    { path: `/api/admin/users/${targetUser}/disable`, body: { reason: "test" } },
    { path: `/api/admin/users/${targetUser}/enable`, body: undefined },
    { path: `/api/admin/courses/${courseId}/state`, body: { state: "inactive" } },
    { path: `/api/admin/courses/${courseId}/badge`, body: { badge: "featured" } },
    { path: "/api/admin/payouts/approve", body: { recipientId: w.moderator.id } },
    { path: `/api/admin/certificates/${certId}/revoke`, body: { reason: "test revoke" } },
  ];
  const adminReads = () => [
    "/api/admin/overview",
    "/api/admin/courses",
    "/api/admin/money/transactions",
    "/api/admin/money/summary",
    "/api/admin/payouts/queue",
    "/api/admin/payouts",
    "/api/admin/certificates",
    `/api/admin/certificates/${certId}`,
    "/api/admin/outbox",
    "/api/admin/sync-health",
    "/api/admin/audit",
  ];
  const moderatorReads = () => [
    "/api/admin/users",
    `/api/admin/users/${targetUser}`,
    "/api/admin/flags",
  ];

  const auditRows = async () =>
    (await w.t.deps.db.select({ n: count() }).from(adminAuditLog))[0]?.n ?? 0;

  it("answers 401 to anyone not signed in, on every route", async () => {
    for (const r of writes()) {
      const res = await w.t.call("POST", r.path, r.body ? { body: r.body } : {});
      expect(res.status, r.path).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
    for (const path of [...adminReads(), ...moderatorReads()]) {
      expect((await w.t.call("GET", path)).status, path).toBe(401);
    }
  });

  it("refuses every action to a learner and to a moderator (403), changing nothing", async () => {
    const before = await auditRows();
    for (const who of [w.learner, w.moderator]) {
      for (const r of writes()) {
        const res = await w.t.call("POST", r.path, {
          token: who.token,
          ...(r.body ? { body: r.body } : {}),
        });
        expect(res.status, `${r.path}`).toBe(403);
        expect(res.body.error.code).toBe("forbidden");
      }
    }
    expect(await auditRows()).toBe(before);
    const cert = await w.t.call("GET", `/api/admin/certificates/${certId}`, {
      token: w.admin.token,
    });
    expect(cert.body.certificate.revokedAt).toBeNull();
    const user = await w.t.call("GET", `/api/admin/users/${targetUser}`, { token: w.admin.token });
    expect(user.body.user.disabledAt).toBeNull();
    expect(user.body.user.isCreator).toBe(false);
  });

  it("lets a learner read nothing, and a moderator only users and flags", async () => {
    for (const path of [...adminReads(), ...moderatorReads()]) {
      expect((await w.t.call("GET", path, { token: w.learner.token })).status, path).toBe(403);
    }
    for (const path of adminReads()) {
      expect((await w.t.call("GET", path, { token: w.moderator.token })).status, path).toBe(403);
    }
    for (const path of moderatorReads()) {
      const res = await w.t.call("GET", path, { token: w.moderator.token });
      expect(res.status, path).toBe(200);
    }
    // The moderator's view of a user leaves out the money.
    const asMod = await w.t.call("GET", `/api/admin/users/${targetUser}`, {
      token: w.moderator.token,
    });
    expect(asMod.body.earnings).toBeUndefined();
    const asAdmin = await w.t.call("GET", `/api/admin/users/${targetUser}`, {
      token: w.admin.token,
    });
    expect(Array.isArray(asAdmin.body.earnings)).toBe(true);
  });

  it("serves every read to the admin", async () => {
    for (const path of [...adminReads(), ...moderatorReads()]) {
      expect((await w.t.call("GET", path, { token: w.admin.token })).status, path).toBe(200);
    }
  });

  it("answers 404 for unknown or malformed ids, never 500", async () => {
    for (const id of [ZERO, "not-a-uuid"]) {
      const res = await w.t.call("GET", `/api/admin/users/${id}`, { token: w.admin.token });
      expect(res.status).toBe(404);
      const roles = await w.t.call("POST", `/api/admin/users/${id}/roles`, {
        token: w.admin.token,
        body: { isCreator: true },
      });
      expect(roles.status).toBe(404);
      const rev = await w.t.call("POST", `/api/admin/certificates/${id}/revoke`, {
        token: w.admin.token,
        body: { reason: "nope" },
      });
      expect(rev.status).toBe(404);
    }
    const page = await cookieCall(w.t, "GET", `/admin/users/${ZERO}`, w.admin.token);
    expect(page.status).toBe(404);
    expect(String(page.body)).toContain("<h1>Not found</h1>");
    const pay = await w.t.call("POST", "/api/admin/payouts/approve", {
      token: w.admin.token,
      body: { recipientId: ZERO },
    });
    expect(pay.status).toBe(404);
    expect(pay.body.error.code).toBe("not_found");
  });

  it("sends anonymous visitors of the HTML pages to the sign-in page, learners get 403", async () => {
    const pages = [
      "/admin",
      "/admin/users",
      "/admin/courses",
      "/admin/money",
      "/admin/certificates",
      "/admin/outbox",
      "/admin/sync",
      "/admin/audit",
      "/admin/flags",
      `/admin/users/${targetUser}`,
    ];
    for (const p of pages) {
      const anon = await w.t.app.request(`http://peerloop.test${p}`, { redirect: "manual" });
      expect(anon.status, p).toBe(303);
      expect(anon.headers.get("location")).toBe(`/admin/sign-in?next=${encodeURIComponent(p)}`);
      const learner = await cookieCall(w.t, "GET", p, w.learner.token);
      expect(learner.status, p).toBe(403);
      const admin = await cookieCall(w.t, "GET", p, w.admin.token);
      expect(admin.status, p).toBe(200);
      expect(String(admin.body)).toContain("<h1>");
    }
    // A moderator sees their parts and is refused the rest.
    expect((await cookieCall(w.t, "GET", "/admin/users", w.moderator.token)).status).toBe(200);
    expect((await cookieCall(w.t, "GET", "/admin/flags", w.moderator.token)).status).toBe(200);
    expect((await cookieCall(w.t, "GET", "/admin/money", w.moderator.token)).status).toBe(403);
    const form = await cookieCall(
      w.t,
      "POST",
      `/admin/certificates/${certId}/revoke`,
      w.moderator.token,
      {
        form: { reason: "moderator tries" },
      },
    );
    expect(form.status).toBe(403);
  });
});
