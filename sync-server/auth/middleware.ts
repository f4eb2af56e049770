/**
 * Finds the signed-in user from `Authorization: Bearer <token>` (devices, sync, websockets)
 * or the HttpOnly session cookie (the web app). A missing or stale token is not an error
 * here: routes that need a user say so and answer 401.
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";
import { resolveSession, type SessionUser } from "./sessions";

export const SESSION_COOKIE = "peerloop_session";

export function tokenFromRequest(c: Context<AppEnv>): string | undefined {
  const header = c.req.header("authorization");
  const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer ?? getCookie(c, SESSION_COOKIE);
}

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const token = tokenFromRequest(c);
  if (token) {
    const { db, config } = c.get("deps");
    const found = await resolveSession(db, token, config.SESSION_TTL_DAYS);
    c.set("user", found?.user);
    c.set("sessionId", found?.sessionId);
  }
  await next();
});

export function requireUser(c: Context<AppEnv>): SessionUser {
  const user = c.get("user");
  if (!user) throw new ApiError(401, "unauthorized", "Sign in to do this.");
  return user;
}
