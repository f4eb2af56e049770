/**
 * Accounts contract: the same cases on PGlite and (with TEST_DATABASE_URL) on Postgres.
 * Every refused request is checked for its status and code, and for changing nothing stored.
 */
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authSessions, authTokens, users } from "../../sync-server/db/schema";
import { emailsTo, tokenFromLastEmail } from "../support/outbox";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";

const PASSWORD = "correct horse battery";

describe.each(databaseKinds())("accounts on %s", (kind) => {
  let t: TestApp;
  let n = 0;
  /** A fresh identity per test, so tests do not depend on each other. */
  const fresh = () => {
    n += 1;
    return {
      email: `user${n}@example.com`,
      password: PASSWORD,
      name: `User ${n}`,
      handle: `user_${n}`,
    };
  };
  const userCount = async () => (await t.deps.db.select({ n: count() }).from(users))[0]?.n;
  const register = (body: unknown) => t.call("POST", "/api/auth/register", { body });

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe("register", () => {
    it("creates the account, signs in, and emails a verification link", async () => {
      const who = fresh();
      const res = await register({
        ...who,
        email: `  ${who.email.toUpperCase()} `,
        handle: `@${who.handle}`,
      });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({
        email: who.email,
        handle: who.handle,
        role: "student",
        emailVerified: false,
      });
      expect(res.body.token).toMatch(/^[\w-]{40,}$/);
      const cookie = res.headers.get("set-cookie") ?? "";
      expect(cookie).toMatch(/peerloop_session=/);
      expect(cookie).toMatch(/HttpOnly/i);
      const mails = await emailsTo(t.deps.db, who.email);
      expect(mails.map((m) => m.kind)).toEqual(["verify_email"]);

      const me = await t.call("GET", "/api/me", { token: res.body.token });
      expect(me.status).toBe(200);
      expect(me.body.user.id).toBe(res.body.user.id);
      // The cookie works where the bearer token does.
      const viaCookie = await t.call("GET", "/api/me", {
        headers: { cookie: cookie.split(";")[0] ?? "" },
      });
      expect(viaCookie.body.user.id).toBe(res.body.user.id);
    });

    it("stores only a memory-hard hash of the password and a hash of the session token", async () => {
      const who = fresh();
      const res = await register(who);
      const [row] = await t.deps.db.select().from(users).where(eq(users.email, who.email));
      expect(row?.passwordHash).toMatch(/^scrypt\$\d+\$8\$1\$/);
      expect(row?.passwordHash).not.toContain(PASSWORD);
      const sessions = await t.deps.db
        .select()
        .from(authSessions)
        .where(eq(authSessions.userId, res.body.user.id));
      expect(sessions).toHaveLength(1);
      expect(sessions[0]?.tokenHash).not.toBe(res.body.token);
    });

    it("refuses a taken email, whatever its case, and changes nothing", async () => {
      const who = fresh();
      expect((await register(who)).status).toBe(201);
      const before = await userCount();
      const again = await register({ ...fresh(), email: who.email.toUpperCase() });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("email_taken");
      expect(await userCount()).toBe(before);
    });

    it("refuses a taken handle, whatever its case", async () => {
      const who = fresh();
      expect((await register(who)).status).toBe(201);
      const before = await userCount();
      const again = await register({ ...fresh(), handle: `@${who.handle.toUpperCase()}` });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("handle_taken");
      expect(await userCount()).toBe(before);
    });

    it.each([
      ["too short", "short1"],
      ["well known", "password123"],
      ["too simple", "aaaaaaaaaaaa"],
    ])("refuses a weak password (%s)", async (_label, password) => {
      const before = await userCount();
      const res = await register({ ...fresh(), password });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("weak_password");
      expect(await userCount()).toBe(before);
    });

    it("refuses a password containing the handle", async () => {
      const who = fresh();
      const res = await register({ ...who, password: `my-${who.handle}-secret` });
      expect(res.body.error.code).toBe("weak_password");
    });

    it.each([
      ["missing email", { password: PASSWORD, name: "A", handle: "abc_x" }],
      ["bad email", { email: "not-an-email", password: PASSWORD, name: "A", handle: "abc_y" }],
      ["missing name", { email: "x1@example.com", password: PASSWORD, handle: "abc_z" }],
      ["blank name", { email: "x2@example.com", password: PASSWORD, name: "   ", handle: "abc_w" }],
      [
        "bad handle",
        { email: "x3@example.com", password: PASSWORD, name: "A", handle: "no spaces!" },
      ],
      ["number as email", { email: 42, password: PASSWORD, name: "A", handle: "abc_v" }],
      ["array body", [1, 2, 3]],
    ])("refuses invalid fields (%s) with validation_failed", async (_label, body) => {
      const before = await userCount();
      const res = await register(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
      expect(res.body.error.details.length).toBeGreaterThan(0);
      expect(await userCount()).toBe(before);
    });

    it("refuses malformed JSON, a wrong content type and an oversized body", async () => {
      const before = await userCount();
      const bad = await t.call("POST", "/api/auth/register", { rawBody: '{"email": "a@b.c",' });
      expect([bad.status, bad.body.error.code]).toEqual([400, "invalid_json"]);
      const form = await t.call("POST", "/api/auth/register", {
        rawBody: "email=a@b.c",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect([form.status, form.body.error.code]).toEqual([415, "unsupported_media_type"]);
      const huge = await register({
        ...fresh(),
        name: "x".repeat(t.deps.config.MAX_BODY_BYTES + 10),
      });
      expect([huge.status, huge.body.error.code]).toEqual([413, "payload_too_large"]);
      expect(await userCount()).toBe(before);
    });
  });

  describe("login and logout", () => {
    it("signs in with the right password (email in any case) and out again", async () => {
      const who = fresh();
      await register(who);
      const res = await t.call("POST", "/api/auth/login", {
        body: { email: who.email.toUpperCase(), password: PASSWORD },
      });
      expect(res.status).toBe(200);
      expect(res.body.user.email).toBe(who.email);
      const out = await t.call("POST", "/api/auth/logout", { token: res.body.token });
      expect(out.status).toBe(204);
      const me = await t.call("GET", "/api/me", { token: res.body.token });
      expect([me.status, me.body.error.code]).toEqual([401, "unauthorized"]);
    });

    it("answers a wrong password and an unknown email alike", async () => {
      const who = fresh();
      await register(who);
      const wrong = await t.call("POST", "/api/auth/login", {
        body: { email: who.email, password: "wrong password!" },
      });
      const unknown = await t.call("POST", "/api/auth/login", {
        body: { email: "nobody@example.com", password: PASSWORD },
      });
      expect([wrong.status, wrong.body.error.code]).toEqual([401, "invalid_credentials"]);
      expect(unknown.body).toEqual(wrong.body);
    });

    it("limits failed attempts per email, even for the right password afterwards", async () => {
      const who = fresh();
      await register(who);
      const max = t.deps.config.LOGIN_MAX_FAILURES;
      for (let i = 0; i < max; i++) {
        const r = await t.call("POST", "/api/auth/login", {
          body: { email: who.email, password: `wrong-${i}-password` },
        });
        expect(r.status).toBe(401);
      }
      const blocked = await t.call("POST", "/api/auth/login", {
        body: { email: who.email, password: PASSWORD },
      });
      expect([blocked.status, blocked.body.error.code]).toEqual([429, "too_many_attempts"]);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
      const sessions = await t.deps.db
        .select()
        .from(authSessions)
        .where(eq(authSessions.userId, await idOf(who.email)));
      expect(sessions).toHaveLength(1); // only the one from registering
    });

    it("rejects a garbage or missing token on a protected route", async () => {
      expect((await t.call("GET", "/api/me")).status).toBe(401);
      expect((await t.call("GET", "/api/me", { token: "x".repeat(43) })).status).toBe(401);
      expect(
        (await t.call("GET", "/api/me", { headers: { authorization: "Basic abc" } })).status,
      ).toBe(401);
    });

    it("stops a disabled account from signing in and from using its sessions", async () => {
      const who = fresh();
      const reg = await register(who);
      await t.deps.db
        .update(users)
        .set({ disabledAt: new Date() })
        .where(eq(users.email, who.email));
      const login = await t.call("POST", "/api/auth/login", {
        body: { email: who.email, password: PASSWORD },
      });
      expect([login.status, login.body.error.code]).toEqual([403, "account_disabled"]);
      expect((await t.call("GET", "/api/me", { token: reg.body.token })).status).toBe(401);
    });

    it("does not accept an expired session", async () => {
      const who = fresh();
      const reg = await register(who);
      await t.deps.db
        .update(authSessions)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(authSessions.userId, reg.body.user.id));
      expect((await t.call("GET", "/api/me", { token: reg.body.token })).status).toBe(401);
    });
  });

  describe("email verification", () => {
    it("verifies once; a reused, unknown or expired link is refused with its own code", async () => {
      const who = fresh();
      const reg = await register(who);
      const token = await tokenFromLastEmail(t.deps.db, who.email, "verify_email");
      const ok = await t.call("POST", "/api/auth/verify-email", { body: { token } });
      expect(ok.status).toBe(200);
      expect(ok.body.user.emailVerified).toBe(true);
      const again = await t.call("POST", "/api/auth/verify-email", { body: { token } });
      expect([again.status, again.body.error.code]).toEqual([400, "token_used"]);
      const unknown = await t.call("POST", "/api/auth/verify-email", {
        body: { token: "A".repeat(43) },
      });
      expect([unknown.status, unknown.body.error.code]).toEqual([400, "invalid_token"]);

      const other = fresh();
      await register(other);
      await t.deps.db
        .update(authTokens)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(sql`${authTokens.userId} = ${await idOf(other.email)}`);
      const expiredToken = await tokenFromLastEmail(t.deps.db, other.email, "verify_email");
      const expired = await t.call("POST", "/api/auth/verify-email", {
        body: { token: expiredToken },
      });
      expect([expired.status, expired.body.error.code]).toEqual([400, "token_expired"]);
      const [row] = await t.deps.db.select().from(users).where(eq(users.email, other.email));
      expect(row?.emailVerified).toBe(false);
      expect(reg.status).toBe(201);
    });

    it("resends the link to a signed-in unverified user", async () => {
      const who = fresh();
      const reg = await register(who);
      const res = await t.call("POST", "/api/auth/resend-verification", { token: reg.body.token });
      expect(res.status).toBe(202);
      expect(
        (await emailsTo(t.deps.db, who.email)).filter((m) => m.kind === "verify_email"),
      ).toHaveLength(2);
    });
  });

  describe("password reset", () => {
    it("resets by emailed link, ends old sessions, and the link works once", async () => {
      const who = fresh();
      const reg = await register(who);
      const ask = await t.call("POST", "/api/auth/request-password-reset", {
        body: { email: who.email },
      });
      expect(ask.status).toBe(202);
      const token = await tokenFromLastEmail(t.deps.db, who.email, "reset_password");

      const weak = await t.call("POST", "/api/auth/reset-password", {
        body: { token, password: "short" },
      });
      expect([weak.status, weak.body.error.code]).toEqual([400, "weak_password"]);

      const newPassword = "a brand new passphrase";
      const done = await t.call("POST", "/api/auth/reset-password", {
        body: { token, password: newPassword },
      });
      expect(done.status).toBe(204);
      expect((await t.call("GET", "/api/me", { token: reg.body.token })).status).toBe(401);
      const oldLogin = await t.call("POST", "/api/auth/login", {
        body: { email: who.email, password: PASSWORD },
      });
      expect(oldLogin.status).toBe(401);
      const newLogin = await t.call("POST", "/api/auth/login", {
        body: { email: who.email, password: newPassword },
      });
      expect(newLogin.status).toBe(200);
      expect(newLogin.body.user.emailVerified).toBe(true);

      const reuse = await t.call("POST", "/api/auth/reset-password", {
        body: { token, password: "yet another passphrase" },
      });
      expect([reuse.status, reuse.body.error.code]).toEqual([400, "token_used"]);
    });

    it("answers 202 for an unknown email without sending anything", async () => {
      const res = await t.call("POST", "/api/auth/request-password-reset", {
        body: { email: "ghost@example.com" },
      });
      expect(res.status).toBe(202);
      expect(await emailsTo(t.deps.db, "ghost@example.com")).toHaveLength(0);
    });

    it("refuses an expired reset link and keeps the old password", async () => {
      const who = fresh();
      await register(who);
      await t.call("POST", "/api/auth/request-password-reset", { body: { email: who.email } });
      const token = await tokenFromLastEmail(t.deps.db, who.email, "reset_password");
      await t.deps.db
        .update(authTokens)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(authTokens.userId, await idOf(who.email)));
      const res = await t.call("POST", "/api/auth/reset-password", {
        body: { token, password: "a fine new passphrase" },
      });
      expect([res.status, res.body.error.code]).toEqual([400, "token_expired"]);
      const login = await t.call("POST", "/api/auth/login", {
        body: { email: who.email, password: PASSWORD },
      });
      expect(login.status).toBe(200);
    });
  });

  async function idOf(email: string): Promise<string> {
    const [row] = await t.deps.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, email));
    if (!row) throw new Error(`no user ${email}`);
    return row.id;
  }
});
