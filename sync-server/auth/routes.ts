/** The account API. Thin: parse (done by the router), call the account rules, shape the reply. */
import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import {
  loginInput,
  meSchema,
  registerInput,
  requestResetInput,
  resetPasswordInput,
  sessionResponse,
  tokenInput,
} from "../../shared/api/auth";
import type { ApiRouter } from "../http/api-router";
import { clientIp } from "../http/client-ip";
import type { AppEnv } from "../http/context";
import * as accounts from "./account-service";
import { toMe } from "./me";
import { requireUser, SESSION_COOKIE } from "./middleware";
import { revokeSession, type SessionUser } from "./sessions";

const TAG = "Accounts";

function meta(c: Context<AppEnv>) {
  return { userAgent: c.req.header("user-agent"), ip: clientIp(c) };
}

function signedIn(
  c: Context<AppEnv>,
  s: { token: string; expiresAt: Date; user: SessionUser },
  status: 200 | 201,
) {
  setCookie(c, SESSION_COOKIE, s.token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.get("deps").config.cookieSecure,
    path: "/",
    expires: s.expiresAt,
  });
  return c.json(
    { token: s.token, expiresAt: s.expiresAt.toISOString(), user: toMe(s.user) },
    status,
  );
}

export function registerAuthRoutes(api: ApiRouter) {
  api.route(
    {
      method: "post",
      path: "/api/auth/register",
      tag: TAG,
      summary: "Create an account, send the verification email and sign in",
      auth: "none",
      body: registerInput,
      responses: { 201: { description: "Account created and signed in", schema: sessionResponse } },
    },
    async (c, { body }) => signedIn(c, await accounts.register(c.get("deps"), body, meta(c)), 201),
  );

  api.route(
    {
      method: "post",
      path: "/api/auth/login",
      tag: TAG,
      summary: "Sign in: returns a bearer token and sets the HttpOnly session cookie",
      auth: "none",
      body: loginInput,
      responses: { 200: { description: "Signed in", schema: sessionResponse } },
    },
    async (c, { body }) => signedIn(c, await accounts.login(c.get("deps"), body, meta(c)), 200),
  );

  api.route(
    {
      method: "post",
      path: "/api/auth/logout",
      tag: TAG,
      summary: "End this session (token or cookie)",
      auth: "user",
      responses: { 204: { description: "Signed out" } },
    },
    async (c) => {
      const sessionId = c.get("sessionId");
      if (sessionId) await revokeSession(c.get("deps").db, sessionId);
      deleteCookie(c, SESSION_COOKIE, { path: "/" });
      return c.body(null, 204);
    },
  );

  api.route(
    {
      method: "post",
      path: "/api/auth/verify-email",
      tag: TAG,
      summary: "Confirm the email address with the token from the emailed link",
      auth: "none",
      body: tokenInput,
      responses: { 200: { description: "Email verified", schema: z.object({ user: meSchema }) } },
    },
    async (c, { body }) =>
      c.json({ user: toMe(await accounts.verifyEmail(c.get("deps"), body.token)) }),
  );

  api.route(
    {
      method: "post",
      path: "/api/auth/resend-verification",
      tag: TAG,
      summary: "Send the verification email again",
      auth: "user",
      responses: { 202: { description: "Sent (or already verified)" } },
    },
    async (c) => {
      const user = requireUser(c);
      if (!user.emailVerified) {
        await accounts.sendVerificationEmail(c.get("deps"), user.id, user.email, user.name);
      }
      return c.body(null, 202);
    },
  );

  api.route(
    {
      method: "post",
      path: "/api/auth/request-password-reset",
      tag: TAG,
      summary: "Email a password-reset link (answers 202 whether or not the account exists)",
      auth: "none",
      body: requestResetInput,
      responses: { 202: { description: "If the account exists, a link is on its way" } },
    },
    async (c, { body }) => {
      await accounts.requestPasswordReset(c.get("deps"), body.email);
      return c.body(null, 202);
    },
  );

  api.route(
    {
      method: "post",
      path: "/api/auth/reset-password",
      tag: TAG,
      summary: "Set a new password with the emailed token; ends every session of the account",
      auth: "none",
      body: resetPasswordInput,
      responses: { 204: { description: "Password changed" } },
    },
    async (c, { body }) => {
      await accounts.resetPassword(c.get("deps"), body.token, body.password);
      return c.body(null, 204);
    },
  );

  api.route(
    {
      method: "get",
      path: "/api/me",
      tag: TAG,
      summary: "The signed-in user",
      auth: "user",
      responses: {
        200: { description: "The signed-in user", schema: z.object({ user: meSchema }) },
      },
    },
    (c) => c.json({ user: toMe(requireUser(c)) }),
  );
}
