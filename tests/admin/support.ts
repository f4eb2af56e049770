/**
 * The admin tests' world: the demo world seeded on a fresh database, signed-in tokens for the
 * admin, the moderator and a learner, a few money and certificate rows the demo world may
 * lack, and calls that authenticate with the session cookie like a browser does.
 */
import { and, eq } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { csrfTokenFor } from "../../sync-server/admin/csrf";
import type { DbKind } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";
import { seedDemoWorld } from "../../sync-server/demo/seed";
import { DEMO_PASSWORD } from "../../sync-server/demo/world";
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

export async function adminWorld(kind: DbKind): Promise<AdminWorld> {
  const t = await createTestApp(kind);
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

/**
 * Released, unpaid splits for `recipientId` on a demo enrollment (what the payments branch
 * produces once the refund window has passed). Returns the split ids and their total.
 */
export async function seedReleasedSplits(
  t: TestApp,
  recipientId: string,
  amounts: number[],
): Promise<{ splitIds: string[]; total: number }> {
  const db = t.deps.db;
  const enrollments = await db
    .select({ id: s.enrollments.id })
    .from(s.enrollments)
    .limit(amounts.length);
  const splitIds: string[] = [];
  for (const [i, amount] of amounts.entries()) {
    const enrollment = enrollments[i % enrollments.length];
    if (!enrollment) throw new Error("the demo world has no enrollment");
    const txId = uuidv7();
    await db.insert(s.transactions).values({
      id: txId,
      enrollmentId: enrollment.id,
      amountCents: amount * 10,
      stripePaymentId: `pi_admin_test_${txId}`,
      status: "completed",
      paidAt: new Date(),
    });
    const splitId = uuidv7();
    await db.insert(s.paymentSplits).values({
      id: splitId,
      transactionId: txId,
      recipientId,
      recipientType: "creator",
      amountCents: amount,
      percentage: 15,
      status: "released",
      releasedAt: new Date(),
    });
    splitIds.push(splitId);
  }
  return { splitIds, total: amounts.reduce((a, b) => a + b, 0) };
}

/** An issued, live certificate for a demo learner on a demo course. */
export async function seedCertificate(
  t: TestApp,
  userId: string,
  issuedBy: string,
): Promise<string> {
  const db = t.deps.db;
  const [course] = await db.select({ id: s.courses.id }).from(s.courses).limit(1);
  if (!course) throw new Error("the demo world has no course");
  const id = uuidv7();
  // One live certificate per (user, course, type): skip types the demo world already issued.
  for (const type of ["mastery", "completion", "teaching"] as const) {
    const live = await db
      .select({ id: s.certificates.id })
      .from(s.certificates)
      .where(
        and(
          eq(s.certificates.userId, userId),
          eq(s.certificates.courseId, course.id),
          eq(s.certificates.type, type),
        ),
      );
    if (live.length) continue;
    await db.insert(s.certificates).values({ id, userId, courseId: course.id, type, issuedBy });
    return id;
  }
  throw new Error("no certificate type left to issue");
}
