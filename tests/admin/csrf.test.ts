/**
 * Cross-site requests cannot act as the admin: cookie-authenticated writes need the CSRF
 * token, foreign Origin / Sec-Fetch-Site are refused, and the HTML forms work end to end
 * (sign-in page, form post with token, flash message, sign-out).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "../../sync-server/db/schema";
import { DEMO_PASSWORD } from "../../sync-server/demo/world";
import { databaseKinds } from "../support/test-db";
import { type AdminWorld, adminWorld, cookieCall, csrfOf } from "./support";

describe.each(databaseKinds())("admin CSRF protection on %s", (kind) => {
  let w: AdminWorld;
  let courseId: string;
  const badgeOf = async () =>
    (
      await w.t.deps.db
        .select({ b: s.courses.badge })
        .from(s.courses)
        .where(eq(s.courses.id, courseId))
    )[0]?.b;

  beforeAll(async () => {
    w = await adminWorld(kind);
    const [c] = await w.t.deps.db
      .select({ id: s.courses.id })
      .from(s.courses)
      .where(eq(s.courses.slug, "intro-to-claude-code"));
    courseId = c?.id ?? "";
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it("refuses a cookie-authenticated API write without the CSRF token", async () => {
    const path = `/api/admin/courses/${courseId}/badge`;
    const before = await badgeOf();
    const none = await cookieCall(w.t, "POST", path, w.admin.token, { body: { badge: "new" } });
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe("csrf_failed");
    const wrong = await cookieCall(w.t, "POST", path, w.admin.token, {
      body: { badge: "new" },
      headers: { "x-csrf-token": csrfOf("someone-elses-session-token") },
    });
    expect(wrong.status).toBe(403);
    expect(await badgeOf()).toBe(before);
    const ok = await cookieCall(w.t, "POST", path, w.admin.token, {
      body: { badge: "new" },
      headers: { "x-csrf-token": csrfOf(w.admin.token) },
    });
    expect(ok.status).toBe(200);
    expect(await badgeOf()).toBe("new");
  });

  it("refuses writes from another origin or a cross-site fetch, even with the right token", async () => {
    const path = `/api/admin/courses/${courseId}/badge`;
    const token = csrfOf(w.admin.token);
    const foreign: Record<string, string>[] = [
      { origin: "https://evil.example", "x-csrf-token": token },
      { "sec-fetch-site": "cross-site", "x-csrf-token": token },
      { "sec-fetch-site": "same-site", "x-csrf-token": token },
      { origin: "null", "sec-fetch-site": "", "x-csrf-token": token },
    ];
    for (const headers of foreign) {
      const res = await cookieCall(w.t, "POST", path, w.admin.token, {
        body: { badge: "popular" },
        headers,
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.error.code).toBe("csrf_failed");
    }
    // A bearer token is not sent by browsers on their own, but a foreign Origin is still refused.
    const bearer = await w.t.call("POST", path, {
      token: w.admin.token,
      body: { badge: "popular" },
      headers: { origin: "https://evil.example" },
    });
    expect(bearer.status).toBe(403);
    expect(await badgeOf()).toBe("new");
  });

  it("refuses a form post without the token, accepts it with the token and shows the outcome", async () => {
    const path = `/admin/courses/${courseId}/badge`;
    const none = await cookieCall(w.t, "POST", path, w.admin.token, {
      form: { badge: "bestseller" },
    });
    expect(none.status).toBe(403);
    expect(await badgeOf()).toBe("new");
    const ok = await cookieCall(w.t, "POST", path, w.admin.token, {
      form: { badge: "bestseller", _csrf: csrfOf(w.admin.token) },
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe("/admin/courses");
    expect(await badgeOf()).toBe("bestseller");
    const flash = ok.headers.get("set-cookie")?.match(/peerloop_admin_flash=([^;]+)/)?.[1] ?? "";
    const page = await cookieCall(w.t, "GET", "/admin/courses", w.admin.token, {
      headers: { cookie: `peerloop_session=${w.admin.token}; peerloop_admin_flash=${flash}` },
    });
    expect(String(page.body)).toContain("intro-to-claude-code: badge bestseller.");
    // The page carries the token for its forms, and the same-origin check holds for forms too.
    expect(String(page.body)).toContain(`name="_csrf" value="${csrfOf(w.admin.token)}"`);
    const foreign = await cookieCall(w.t, "POST", path, w.admin.token, {
      form: { badge: "popular", _csrf: csrfOf(w.admin.token) },
      headers: { origin: "https://evil.example" },
    });
    expect(foreign.status).toBe(403);
  });

  it("signs in through the admin sign-in form with a SameSite session cookie", async () => {
    const page = await w.t.app.request("http://peerloop.test/admin/sign-in?next=/admin/money");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="password"');
    const form = (email: string, password: string, origin = "http://peerloop.test") =>
      w.t.app.request("http://peerloop.test/admin/sign-in", {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", origin },
        body: new URLSearchParams({ email, password, next: "/admin/money" }).toString(),
      });
    const bad = await form("admin@peerloop.demo", "wrong password");
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain("Email or password is wrong.");
    const foreign = await form("admin@peerloop.demo", DEMO_PASSWORD, "https://evil.example");
    expect(foreign.status).toBe(403);
    const ok = await form("admin@peerloop.demo", DEMO_PASSWORD);
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/admin/money");
    const cookie = ok.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/peerloop_session=[^;]+;.*HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // An open redirect is not followed.
    const evil = await w.t.app.request("http://peerloop.test/admin/sign-in", {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        email: "admin@peerloop.demo",
        password: DEMO_PASSWORD,
        next: "//evil.example",
      }).toString(),
    });
    expect(evil.headers.get("location")).toBe("/admin");
  });
});
