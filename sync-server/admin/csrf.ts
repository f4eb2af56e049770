/**
 * Cross-site request protection for the admin dashboard's state-changing requests:
 *  1. the browser's own word: `Sec-Fetch-Site` must be same-origin (or absent: old browsers,
 *     scripts) and `Origin`, when sent, must be this server's;
 *  2. a request that authenticates with the session cookie must also carry the CSRF token
 *     (form field `_csrf` or header `x-csrf-token`). The token is derived from the session
 *     token, so it is stateless, the same in every server process, unknown to other sites,
 *     and dies with the session. Bearer-token requests are not sent by browsers on their own,
 *     so they need no token.
 * The session cookie itself is SameSite=Lax (auth/routes.ts).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import type { AppEnv } from "../http/context";
import { ApiError } from "../http/errors";

export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";

export function csrfTokenFor(sessionToken: string): string {
  return createHash("sha256").update(`peerloop-admin-csrf:${sessionToken}`).digest("base64url");
}

function sameTokens(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const refuse = (why: string) =>
  new ApiError(403, "csrf_failed", `Cross-site request refused: ${why}.`);

/** Throws 403 `csrf_failed` unless the request comes from this site's own pages. */
export function assertSameOrigin(c: Context<AppEnv>): void {
  const site = c.req.header("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw refuse(`Sec-Fetch-Site ${site}`);
  const origin = c.req.header("origin");
  if (origin === undefined) return;
  // Pages served with `Referrer-Policy: no-referrer` (secureHeaders' default) post forms with
  // `Origin: null`; then only the browser's own same-origin fetch metadata vouches for them.
  if (origin === "null" && site === "same-origin") return;
  const allowed = new Set([
    new URL(c.req.url).origin,
    new URL(c.get("deps").config.publicUrl).origin,
  ]);
  if (!allowed.has(origin)) throw refuse(`origin ${origin.slice(0, 100)}`);
}

/**
 * The full check for a state-changing admin request. `sessionToken` is the token the request
 * authenticated with and `viaCookie` says whether it came from the cookie.
 */
export function assertCsrf(
  c: Context<AppEnv>,
  session: { token: string; viaCookie: boolean },
  formToken?: string,
): void {
  assertSameOrigin(c);
  if (!session.viaCookie) return;
  const sent = formToken ?? c.req.header(CSRF_HEADER);
  if (!sent || !sameTokens(sent, csrfTokenFor(session.token))) {
    throw refuse("missing or wrong CSRF token");
  }
}
