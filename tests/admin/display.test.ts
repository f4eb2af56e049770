/**
 * What the pages show: times in the viewer's own time zone, and in UTC (never a 500) when
 * the zone stored on their profile is not one Intl knows; the email outbox filtered by
 * status, and one message's body on its own page with the single-use tokens in its links
 * hidden.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { dateTime } from "../../sync-server/admin/components/format";
import * as s from "../../sync-server/db/schema";
import { register } from "../support/sync-protocol";
import { databaseKinds } from "../support/test-db";
import { type AdminWorld, adminWorld, cookieCall, seedCertificate } from "./support";

const AT = new Date("2026-07-01T12:30:00Z");

describe("dateTime", () => {
  it("formats in the given zone, and in UTC for a zone Intl does not know", () => {
    expect(dateTime(AT, "UTC")).toBe("01 Jul 2026, 12:30 UTC");
    expect(dateTime(AT, "Asia/Tokyo")).toBe("01 Jul 2026, 21:30 GMT+9");
    for (const bad of ["Mars/Olympus_Mons", "", "UTC+25", "../../etc", "Europe/Paris\u0000"]) {
      expect(dateTime(AT, bad), bad).toBe(dateTime(AT, "UTC"));
    }
    expect(dateTime(null, "Nope/Nope")).toBe("—");
  });
});

describe.each(databaseKinds())("admin pages display on %s", (kind) => {
  let w: AdminWorld;
  const db = () => w.t.deps.db;
  const page = async (path: string) => {
    const res = await cookieCall(w.t, "GET", path, w.admin.token);
    return { status: res.status, html: String(res.body) };
  };

  beforeAll(async () => {
    w = await adminWorld(kind);
    await seedCertificate(w.t, w.learner.id, w.admin.id);
  });
  afterAll(async () => {
    await w?.t.close();
  });

  it("renders every page in UTC when the admin's stored time zone is unknown", async () => {
    await db()
      .update(s.users)
      .set({ timezone: "Mars/Olympus_Mons" })
      .where(eq(s.users.id, w.admin.id));
    const [cert] = await db().select({ id: s.certificates.id }).from(s.certificates).limit(1);
    await db().insert(s.emailOutbox).values({
      id: uuidv7(),
      toAddress: "someone@example.com",
      subject: "Hello",
      bodyText: "Hello",
      kind: "test",
      status: "logged",
    });
    const courses = await w.t.call("GET", "/api/admin/courses", { token: w.admin.token });
    const badge = await w.t.call("POST", `/api/admin/courses/${courses.body.items[0].id}/badge`, {
      token: w.admin.token,
      body: { badge: "featured" },
    });
    expect(badge.status).toBe(200); // an audit row to show
    for (const path of [
      "/admin",
      "/admin/users",
      `/admin/users/${w.learner.id}`,
      "/admin/money",
      "/admin/certificates",
      `/admin/certificates/${cert?.id}`,
      "/admin/outbox",
      "/admin/sync",
      "/admin/audit",
      "/admin/flags",
    ]) {
      const { status, html } = await page(path);
      expect(status, path).toBe(200);
      // Pages that show a time show it in UTC (the flag queue and sync page may show none).
      if (!["/admin/sync", "/admin/flags"].includes(path)) {
        expect(html, path).toMatch(/\d\d:\d\d UTC/);
      }
    }
    // A real zone is used as it is.
    await db().update(s.users).set({ timezone: "Asia/Tokyo" }).where(eq(s.users.id, w.admin.id));
    expect((await page("/admin")).html).toContain("GMT+9");
  });

  it("filters the outbox by status and shows a message with its tokens hidden", async () => {
    await register(w.t, "outbox_reader");
    const [verify] = await db()
      .select()
      .from(s.emailOutbox)
      .where(sql`${s.emailOutbox.toAddress} like 'outbox_reader%'`);
    if (!verify) throw new Error("registering sent no email");
    const token = verify.bodyText.match(/token=([\w-]+)/)?.[1];
    expect(token, "the verification email carries a token").toBeTruthy();
    const failedId = uuidv7();
    await db().insert(s.emailOutbox).values({
      id: failedId,
      toAddress: "bounce@example.com",
      subject: "Your receipt",
      bodyText: "Thanks.\nReset: http://peerloop.test/reset-password?token=secret123&x=1",
      kind: "receipt",
      status: "failed",
      attempts: 1,
      lastError: "550 mailbox unavailable",
    });

    const failed = await page("/admin/outbox?status=failed");
    expect(failed.html).toContain("bounce@example.com");
    expect(failed.html).not.toContain("outbox_reader");
    expect(failed.html).toContain(`href="/admin/outbox/${failedId}"`);
    const all = await page("/admin/outbox?q=outbox_reader");
    expect(all.html).toContain(`href="/admin/outbox/${verify.id}"`);
    expect((await page("/admin/outbox?status=bogus")).status).toBe(400);
    // "any" in the form is an empty status.
    expect((await page("/admin/outbox?status=")).html).toContain("bounce@example.com");

    const detail = await page(`/admin/outbox/${verify.id}`);
    expect(detail.status).toBe(200);
    expect(detail.html).toContain(verify.subject);
    expect(detail.html).toContain("token=[hidden]");
    expect(detail.html).not.toContain(token);
    const bounced = await page(`/admin/outbox/${failedId}`);
    expect(bounced.html).toContain("550 mailbox unavailable");
    expect(bounced.html).toContain("reset-password?token=[hidden]&amp;x=1");
    expect(bounced.html).not.toContain("secret123");
    const api = await w.t.call("GET", `/api/admin/outbox/${failedId}`, { token: w.admin.token });
    expect(api.status).toBe(200);
    expect(api.body.email).toMatchObject({ status: "failed", kind: "receipt" });
    expect(api.body.email.bodyText).toBe(
      "Thanks.\nReset: http://peerloop.test/reset-password?token=[hidden]&x=1",
    );
  });
});
