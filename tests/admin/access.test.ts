/**
 * Who reaches what. The API routes tried are not a hand-written list: they are the specs
 * registerAdminApi declares (what the app serves under /api/admin is checked to be exactly
 * those), so a new admin route is tried here the day it is added. Each is tried anonymously
 * (401), as a learner (403) and as a moderator (403 unless it is one of the moderator's own
 * routes), each time with a valid input, a malformed body or bad query, and a wrong content
 * type: the role check comes before validation, so what is sent never changes the answer.
 * The HTML pages likewise come from the app's own GET routes under /admin. A refused call
 * changes nothing (checked through the audit log staying as it was).
 */
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { registerAdminApi } from "../../sync-server/admin/routes/api";
import { adminAuditLog, contentFlags, emailOutbox, posts } from "../../sync-server/db/schema";
import { DEMO_PASSWORD } from "../../sync-server/demo/world";
import { ApiRouter } from "../../sync-server/http/api-router";
import { databaseKinds } from "../support/test-db";
import {
  type AdminWorld,
  adminWorld,
  cookieCall,
  SAME_ORIGIN,
  seedCertificate,
  seedReleasedSplits,
} from "./support";

const ZERO = "00000000-0000-4000-8000-000000000000";

/** The moderator's own routes; every other admin route is for admins only. */
const MODERATOR_API = new Set([
  "GET /api/admin/users",
  "GET /api/admin/users/:id",
  "GET /api/admin/flags",
  "POST /api/admin/flags/:id/review",
]);
const MODERATOR_PAGES = new Set(["/admin/users", "/admin/users/:id", "/admin/flags"]);

/** Every admin API route, as declared: method, path and whether it takes a body or query. */
function adminSpecs() {
  const api = new ApiRouter();
  registerAdminApi(api);
  return api.specs
    .filter((spec) => spec.path.startsWith("/api/admin"))
    .map((spec) => ({
      key: `${spec.method.toUpperCase()} ${spec.path}`,
      method: spec.method.toUpperCase(),
      path: spec.path as string,
      hasBody: Boolean(spec.body),
    }));
}

describe.each(databaseKinds())("admin access on %s", (kind) => {
  let w: AdminWorld;
  let ids: Record<string, string>;
  beforeAll(async () => {
    w = await adminWorld(kind);
    const db = w.t.deps.db;
    const certId = await seedCertificate(w.t, w.learner.id, w.admin.id);
    await seedReleasedSplits(w.t, w.moderator.id, [500]);
    const courses = await w.t.call("GET", "/api/admin/courses", { token: w.admin.token });
    const postId = uuidv7();
    await db.insert(posts).values({ id: postId, authorId: w.admin.id, content: "Flag me" });
    const flagId = uuidv7();
    await db
      .insert(contentFlags)
      .values({ id: flagId, postId, flaggedBy: w.admin.id, reason: "x" });
    const emailId = uuidv7();
    await db.insert(emailOutbox).values({
      id: emailId,
      toAddress: "someone@example.com",
      subject: "Hello",
      bodyText: "Hello there",
      kind: "test",
      status: "logged",
    });
    ids = {
      users: w.learner.id,
      courses: courses.body.items[0].id,
      certificates: certId,
      flags: flagId,
      outbox: emailId,
    };
  });
  afterAll(async () => {
    await w?.t.close();
  });

  /** A concrete path for a declared one: `:id` becomes a real record of that kind. */
  const concrete = (path: string) =>
    path.replace(/\/api\/admin\/([\w-]+)\/:id|\/admin\/([\w-]+)\/:id/, (m, a, b) => {
      const kindOf = a ?? b;
      const id = ids[kindOf];
      if (!id) throw new Error(`no record for ${path}`);
      return m.replace(":id", id);
    });

  /** A valid call, a malformed one (broken JSON or a bad query) and a wrong content type. */
  const variants = (spec: ReturnType<typeof adminSpecs>[number]) => {
    const path = concrete(spec.path);
    if (spec.method === "GET") {
      return [
        { label: "valid", path, opts: {} },
        { label: "bad query", path: `${path}?limit=lots&cursor=junk&status=nope`, opts: {} },
      ];
    }
    return [
      { label: "valid", path, opts: { body: {} } },
      { label: "broken JSON", path, opts: { rawBody: '{"reason":' } },
      {
        label: "wrong type",
        path,
        opts: { rawBody: "reason=x", headers: { "content-type": "text/plain" } },
      },
    ];
  };

  const auditRows = async () =>
    (await w.t.deps.db.select({ n: count() }).from(adminAuditLog))[0]?.n ?? 0;

  it("tries every admin route the app serves: the declared specs are all of them", () => {
    const specs = adminSpecs();
    expect(specs.length).toBeGreaterThan(20);
    const served = new Set(
      w.t.app.routes
        .filter((r) => r.path.startsWith("/api/admin") && r.method !== "ALL")
        .map((r) => `${r.method} ${r.path}`),
    );
    expect(served).toEqual(new Set(specs.map((s) => s.key)));
    for (const key of MODERATOR_API) expect(served.has(key), key).toBe(true);
    // The money lists, the refunds owed among them, are tried like every other route.
    for (const key of [
      "GET /api/admin/money/transactions",
      "GET /api/admin/money/refunds-owed",
      "GET /api/admin/payouts",
    ]) {
      expect(served.has(key), key).toBe(true);
      expect(MODERATOR_API.has(key), key).toBe(false);
    }
  });

  it("answers 401 to anyone not signed in, on every route, whatever is sent", async () => {
    for (const spec of adminSpecs()) {
      for (const v of variants(spec)) {
        const res = await w.t.call(spec.method, v.path, v.opts);
        expect(res.status, `${spec.key} ${v.label}`).toBe(401);
        expect(res.body.error.code).toBe("unauthorized");
      }
    }
  });

  it("answers 403 to a learner on every route, and to a moderator on every admin-only one, whatever is sent", async () => {
    const before = await auditRows();
    for (const who of [w.learner, w.moderator]) {
      for (const spec of adminSpecs()) {
        if (who === w.moderator && MODERATOR_API.has(spec.key)) continue;
        for (const v of variants(spec)) {
          const res = await w.t.call(spec.method, v.path, { ...v.opts, token: who.token });
          const label = `${who === w.learner ? "learner" : "moderator"} ${spec.key} ${v.label}`;
          expect(res.status, label).toBe(403);
          expect(res.body.error.code, label).toBe("forbidden");
        }
      }
    }
    expect(await auditRows()).toBe(before);
  });

  it("lets a moderator use their own routes (validation applies to them as to anyone)", async () => {
    for (const spec of adminSpecs().filter((s) => MODERATOR_API.has(s.key))) {
      if (spec.method !== "GET") continue;
      const res = await w.t.call("GET", concrete(spec.path), { token: w.moderator.token });
      expect(res.status, spec.key).toBe(200);
    }
    const broken = await w.t.call("POST", `/api/admin/flags/${ids.flags}/review`, {
      token: w.moderator.token,
      rawBody: "{",
    });
    expect([broken.status, broken.body.error.code]).toEqual([400, "invalid_json"]);
    // The moderator's view of a user leaves out the money.
    const asMod = await w.t.call("GET", `/api/admin/users/${ids.users}`, {
      token: w.moderator.token,
    });
    expect(asMod.body.earnings).toBeUndefined();
    const asAdmin = await w.t.call("GET", `/api/admin/users/${ids.users}`, {
      token: w.admin.token,
    });
    expect(Array.isArray(asAdmin.body.earnings)).toBe(true);
  });

  it("serves every read to the admin", async () => {
    for (const spec of adminSpecs().filter((s) => s.method === "GET")) {
      const res = await w.t.call("GET", concrete(spec.path), { token: w.admin.token });
      expect(res.status, spec.key).toBe(200);
    }
  });

  it("answers 404 for unknown or malformed ids, never 500", async () => {
    for (const id of [ZERO, "not-a-uuid"]) {
      for (const path of [
        `/api/admin/users/${id}`,
        `/api/admin/certificates/${id}`,
        `/api/admin/outbox/${id}`,
      ]) {
        const res = await w.t.call("GET", path, { token: w.admin.token });
        expect(res.status, path).toBe(404);
      }
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
    for (const path of [`/admin/users/${ZERO}`, `/admin/certificates/${ZERO}`, `/admin/outbox/x`]) {
      const page = await cookieCall(w.t, "GET", path, w.admin.token);
      expect(page.status, path).toBe(404);
      expect(String(page.body)).toContain("<h1>Not found</h1>");
    }
    const pay = await w.t.call("POST", "/api/admin/payouts/approve", {
      token: w.admin.token,
      body: { recipientId: ZERO },
    });
    expect(pay.status).toBe(404);
    expect(pay.body.error.code).toBe("not_found");
  });

  /** Every HTML page the app serves under /admin (sign-in and the stylesheet aside). */
  const pages = () =>
    [
      ...new Set(
        w.t.app.routes
          .filter((r) => r.method === "GET" && r.path.startsWith("/admin"))
          .map((r) => r.path),
      ),
    ].filter((p) => !["/admin/sign-in", "/admin/admin.css", "/admin/"].includes(p));

  it("knows the pages: the certificate and email pages are among them", () => {
    expect(pages()).toEqual(
      expect.arrayContaining(["/admin", "/admin/certificates/:id", "/admin/outbox/:id"]),
    );
    for (const p of MODERATOR_PAGES) expect(pages()).toContain(p);
  });

  it("sends visitors of every page to sign in, refuses learners, and moderators outside their part", async () => {
    for (const pattern of pages()) {
      const p = concrete(pattern);
      const anon = await w.t.app.request(`${SAME_ORIGIN}${p}`, { redirect: "manual" });
      expect(anon.status, p).toBe(303);
      expect(anon.headers.get("location")).toBe(`/admin/sign-in?next=${encodeURIComponent(p)}`);
      const learner = await cookieCall(w.t, "GET", p, w.learner.token);
      expect(learner.status, `learner ${p}`).toBe(403);
      const moderator = await cookieCall(w.t, "GET", p, w.moderator.token);
      if (MODERATOR_PAGES.has(pattern)) {
        expect(moderator.status, `moderator ${p}`).toBe(200);
      } else if (pattern === "/admin") {
        // The overview is not theirs: the flag queue is their landing page.
        expect([moderator.status, moderator.location], p).toEqual([303, "/admin/flags"]);
      } else {
        expect(moderator.status, `moderator ${p}`).toBe(403);
        expect(String(moderator.body)).toContain("for admins only");
      }
      const admin = await cookieCall(w.t, "GET", p, w.admin.token);
      expect(admin.status, `admin ${p}`).toBe(200);
      expect(String(admin.body)).toContain("<h1>");
    }
  });

  it("lands a moderator on the flag queue after signing in, an admin where they were going", async () => {
    const signIn = (email: string, next: string) =>
      w.t.app.request(`${SAME_ORIGIN}/admin/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: SAME_ORIGIN,
          "sec-fetch-site": "same-origin",
        },
        body: new URLSearchParams({ email, password: DEMO_PASSWORD, next }).toString(),
      });
    const landing = async (email: string, next: string) =>
      (await signIn(email, next)).headers.get("location");
    expect(await landing("moderator@peerloop.demo", "/admin")).toBe("/admin/flags");
    expect(await landing("moderator@peerloop.demo", "/admin/money")).toBe("/admin/flags");
    expect(await landing("moderator@peerloop.demo", "/admin/users?q=ravi")).toBe(
      "/admin/users?q=ravi",
    );
    expect(await landing("admin@peerloop.demo", "/admin")).toBe("/admin");
    expect(await landing("admin@peerloop.demo", "/admin/money")).toBe("/admin/money");
    // Already signed in: the sign-in page sends them on the same way.
    const again = await cookieCall(w.t, "GET", "/admin/sign-in", w.moderator.token);
    expect(again.location).toBe("/admin/flags");
  });
});
