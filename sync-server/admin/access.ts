/**
 * Who may use the admin dashboard. Admins (users.is_admin) reach everything. Moderators
 * (users.is_moderator) reach only the parts that are theirs: the users list and a user's
 * page (read-only, without earnings) and the content-flag queue. Everyone else gets 403;
 * nobody signed in gets 401 (the API) or the sign-in page (the HTML pages).
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { SESSION_COOKIE } from "../auth/middleware";
import type { SessionUser } from "../auth/sessions";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";
import { assertCsrf } from "./csrf";

export type Need = "admin" | "moderator";

export function isStaff(user: SessionUser | undefined, need: Need): boolean {
  if (!user) return false;
  return need === "admin" ? user.isAdmin : user.isAdmin || user.isModerator;
}

export function requireStaff(c: Context<AppEnv>, need: Need): SessionUser {
  const user = c.get("user");
  if (!user) throw new ApiError(401, "unauthorized", "Sign in to do this.");
  if (!isStaff(user, need)) {
    throw new ApiError(
      403,
      "forbidden",
      need === "admin" ? "Only admins can do this." : "Only admins and moderators can see this.",
    );
  }
  return user;
}

/** The token this request authenticated with, and whether it came from the cookie. */
export function sessionOf(c: Context<AppEnv>): { token: string; viaCookie: boolean } {
  const header = c.req.header("authorization");
  const bearer = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) return { token: bearer, viaCookie: false };
  return { token: getCookie(c, SESSION_COOKIE) ?? "", viaCookie: true };
}

/** For state-changing requests: staff check, then the cross-site checks. */
export function requireStaffWrite(c: Context<AppEnv>, need: Need, formToken?: string): SessionUser {
  const user = requireStaff(c, need);
  assertCsrf(c, sessionOf(c), formToken);
  return user;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id: anything but a UUID cannot name a record, so it is a 404, not a 500. */
export function idParam(c: Context<AppEnv>, name = "id"): string {
  const id = c.req.param(name) ?? "";
  if (!UUID.test(id)) throw new ApiError(404, "not_found", "There is no such record.");
  return id.toLowerCase();
}
