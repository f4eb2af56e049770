/**
 * The admin tests' world: the demo world seeded on a fresh database, signed-in tokens for the
 * admin, the moderator and a learner, a few money and certificate rows the demo world may
 * lack, and calls that authenticate with the session cookie like a browser does.
 */
import { csrfTokenFor } from "../../sync-server/admin/csrf";
import type { DbKind } from "../../sync-server/db/database";
import { seedDemoWorld } from "../../sync-server/demo/seed";
import { DEMO_PASSWORD } from "../../sync-server/demo/world";
import { liveCertificate, releasedSplits } from "../support/admin-seed";
import { login } from "../support/sync-protocol";
import { type CallResult, createTestApp, type TestApp } from "../support/test-app";

export interface AdminWorld {
  t: TestApp;
  admin: { id: string; token: string };
  moderator: { id: string; token: string };
  learner: { id: string; token: string };
}

async function who(t: TestApp, email: string) {
  const token = await login(t, email, DEMO_PASSWORD);
  const me = await t.call("GET", "/api/me", { token });
  return { id: me.body.user.id as string, token };
}

/** `env`: more settings for the app (e.g. Stripe pointed at the fake). */
export async function adminWorld(
  kind: DbKind,
  env: Record<string, string> = {},
): Promise<AdminWorld> {
  const t = await createTestApp(kind, env);
  await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty: false });
  return {
    t,
    admin: await who(t, "admin@peerloop.demo"),
    moderator: await who(t, "moderator@peerloop.demo"),
    learner: await who(t, "demo@peerloop.demo"),
  };
}

export const SAME_ORIGIN = "http://peerloop.test";

/** A browser-like call: session cookie, and (unless told) same-origin fetch metadata. */
export async function cookieCall(
  t: TestApp,
  method: string,
  path: string,
  token: string,
  opts: { body?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<CallResult & { location: string | null }> {
  const headers: Record<string, string> = {
    cookie: `peerloop_session=${token}`,
    "sec-fetch-site": "same-origin",
    origin: SAME_ORIGIN,
    ...opts.headers,
  };
  let body: string | undefined;
  if (opts.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  for (const [k, v] of Object.entries(headers)) if (v === "") delete headers[k];
  const res = await t.app.request(`${SAME_ORIGIN}${path}`, {
    method,
    headers,
    redirect: "manual",
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // HTML or empty
  }
  return {
    status: res.status,
    body: parsed,
    headers: res.headers,
    location: res.headers.get("location"),
  };
}

export const csrfOf = csrfTokenFor;

/** The one-time flash message a form post set (base64url JSON in its cookie). */
export function flashOf(res: { headers: Headers }): { kind: string; text: string } | undefined {
  const raw = res.headers.get("set-cookie")?.match(/peerloop_admin_flash=([^;]+)/)?.[1];
  if (!raw) return undefined;
  return JSON.parse(Buffer.from(decodeURIComponent(raw), "base64url").toString());
}

/** Released, unpaid splits for `recipientId` (see tests/support/admin-seed.ts). */
export const seedReleasedSplits = (t: TestApp, recipientId: string, amounts: number[]) =>
  releasedSplits(t.deps.db, recipientId, amounts);

/** An issued, live certificate for a demo learner on a demo course. */
export const seedCertificate = (t: TestApp, userId: string, issuedBy: string) =>
  liveCertificate(t.deps.db, userId, issuedBy);
