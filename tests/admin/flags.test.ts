/**
 * Moderators (and admins) review content flags: resolve (status `reviewed`) or dismiss, once,
 * audited, through the API and the flags page's form (CSRF-protected). Learners and visitors
 * cannot; nobody reviews a flag on their own post; bad input is a clear 4xx.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import * as s from "../../sync-server/db/schema";
import { databaseKinds } from "../support/test-db";
import { type AdminWorld, adminWorld, cookieCall, csrfOf, SAME_ORIGIN } from "./support";

const ZERO = "00000000-0000-4000-8000-000000000000";

describe.each(databaseKinds())("admin content flags on %s", (kind) => {
  let w: AdminWorld;
  const db = () => w.t.deps.db;
  const flagRow = async (id: string) =>
    (await db().select().from(s.contentFlags).where(eq(s.contentFlags.id, id)))[0];
  const auditOf = async (id: string) =>
    db().select().from(s.adminAuditLog).where(eq(s.adminAuditLog.targetId, id));

  /** A post by `authorId` flagged by the learner; returns the flag's id. */
  const flagPost = async (authorId: string, content = "Buy cheap followers now") => {
    const postId = uuidv7();
    await db().insert(s.posts).values({ id: postId, authorId, content });
    const id = uuidv7();
    await db()
      .insert(s.contentFlags)
      .values({ id, postId, flaggedBy: w.learner.id, reason: "spam" });
    return id;
  };
  const review = (token: string | undefined, id: string, body: unknown) =>
    w.t.call("POST", `/api/admin/flags/${id}/review`, { ...(token ? { token } : {}), body });

  beforeAll(async () => {
    w = await adminWorld(kind);
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it("lets a moderator resolve a pending flag once, with an audit row", async () => {
    const id = await flagPost(w.admin.id);
    const res = await review(w.moderator.token, id, { decision: "resolve", note: "removed" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.flag).toMatchObject({ id, status: "reviewed", reviewedBy: w.moderator.id });
    const row = await flagRow(id);
    expect(row?.status).toBe("reviewed");
    expect(row?.reviewedBy).toBe(w.moderator.id);
    expect(row?.reviewedAt).toBeInstanceOf(Date);
    const audit = await auditOf(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: w.moderator.id,
      action: "flag.resolve",
      targetType: "content_flag",
      before: { status: "pending", reviewedBy: null },
      after: { status: "reviewed", reviewedBy: w.moderator.id, note: "removed" },
    });
    // A second decision (by anyone) is refused and changes nothing.
    const again = await review(w.admin.token, id, { decision: "dismiss" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("flag_already_reviewed");
    expect((await flagRow(id))?.status).toBe("reviewed");
    expect(await auditOf(id)).toHaveLength(1);
  });

  it("lets an admin dismiss a flag", async () => {
    const id = await flagPost(w.moderator.id);
    const res = await review(w.admin.token, id, { decision: "dismiss" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await flagRow(id))?.status).toBe("dismissed");
    expect((await auditOf(id))[0]?.action).toBe("flag.dismiss");
  });

  it("refuses learners and visitors, cross-site posts, bad input and one's own post", async () => {
    const id = await flagPost(w.admin.id);
    const anon = await review(undefined, id, { decision: "dismiss" });
    expect(anon.status).toBe(401);
    const learner = await review(w.learner.token, id, { decision: "dismiss" });
    expect(learner.status).toBe(403);
    expect(learner.body.error.code).toBe("forbidden");
    const noToken = await cookieCall(
      w.t,
      "POST",
      `/api/admin/flags/${id}/review`,
      w.moderator.token,
      { body: { decision: "dismiss" } },
    );
    expect(noToken.status).toBe(403);
    expect((noToken.body as { error: { code: string } }).error.code).toBe("csrf_failed");
    for (const body of [
      { decision: "delete" },
      {},
      { decision: "resolve", note: "x".repeat(501) },
    ]) {
      const bad = await review(w.moderator.token, id, body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe("validation_failed");
    }
    for (const bad of [ZERO, "not-a-uuid"]) {
      const res = await review(w.moderator.token, bad, { decision: "dismiss" });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    const own = await flagPost(w.moderator.id);
    const self = await review(w.moderator.token, own, { decision: "dismiss" });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe("self_action");
    for (const f of [id, own]) {
      expect((await flagRow(f))?.status).toBe("pending");
      expect(await auditOf(f)).toEqual([]);
    }
  });

  it("reviews through the flags page's form, with the CSRF token, for moderators only", async () => {
    const id = await flagPost(w.admin.id, "Form-reviewed post");
    const page = String(
      (await cookieCall(w.t, "GET", "/admin/flags?q=form-reviewed", w.moderator.token)).body,
    );
    expect(page).toContain(`action="/admin/flags/${id}/review"`);
    expect(page).toContain(`name="_csrf" value="${csrfOf(w.moderator.token)}"`);
    const path = `/admin/flags/${id}/review`;
    // Without the token, or as a learner, nothing happens.
    const none = await cookieCall(w.t, "POST", path, w.moderator.token, {
      form: { decision: "resolve" },
    });
    expect(none.status).toBe(403);
    const learner = await cookieCall(w.t, "POST", path, w.learner.token, {
      form: { decision: "resolve", _csrf: csrfOf(w.learner.token) },
    });
    expect(learner.status).toBe(403);
    expect((await flagRow(id))?.status).toBe("pending");
    // A bad decision comes back as an error message on the page.
    const bad = await cookieCall(w.t, "POST", path, w.moderator.token, {
      form: { decision: "erase", _csrf: csrfOf(w.moderator.token) },
    });
    expect(bad.status).toBe(303);
    expect(bad.location).toBe("/admin/flags");
    expect((await flagRow(id))?.status).toBe("pending");
    const ok = await cookieCall(w.t, "POST", path, w.moderator.token, {
      form: { decision: "resolve", _csrf: csrfOf(w.moderator.token) },
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe("/admin/flags");
    expect((await flagRow(id))?.status).toBe("reviewed");
    expect((await auditOf(id))[0]).toMatchObject({ action: "flag.resolve" });
    const flash = ok.headers.get("set-cookie")?.match(/peerloop_admin_flash=([^;]+)/)?.[1] ?? "";
    const after = await w.t.app.request(`${SAME_ORIGIN}/admin/flags?q=form-reviewed`, {
      headers: { cookie: `peerloop_session=${w.moderator.token}; peerloop_admin_flash=${flash}` },
    });
    const html = await after.text();
    expect(html).toContain("Flag reviewed.");
    // A reviewed flag offers no buttons any more.
    expect(html).not.toContain(`action="/admin/flags/${id}/review"`);
  });
});
