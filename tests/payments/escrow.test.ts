/**
 * The escrow: refunds inside the window (14 days, before the first used session) and
 * not after; the teaching share released session by session with the remainder on the
 * last; creator and platform shares released when the window closes; everything left
 * released when the enrollment completes; earnings as teachers and creators see them.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";
import {
  releaseOnEnrollmentCompleted,
  releaseTeacherShareForSession,
  runReleaseJob,
} from "../../sync-server/payments/escrow";
import { databaseKinds } from "../support/test-db";
import { buy, createMoneyWorld, type MoneyWorld, moneyCounts, type Person } from "./money-world";

const DAY_MS = 86_400_000;

describe.each(databaseKinds())("escrow and refunds on %s", (kind) => {
  let w: MoneyWorld;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: true });
  });
  afterAll(async () => {
    await w?.close();
  });

  const learner = (i: number): Person => {
    const p = w.learners[i];
    if (!p) throw new Error(`no learner ${i}`);
    return p;
  };
  const splitsOf = async (enrollmentId: string) => {
    const rows = await w.db
      .select({ split: s.paymentSplits })
      .from(s.paymentSplits)
      .innerJoin(s.transactions, eq(s.transactions.id, s.paymentSplits.transactionId))
      .where(eq(s.transactions.enrollmentId, enrollmentId));
    return Object.fromEntries(rows.map((r) => [r.split.recipientType, r.split]));
  };
  const releasedOf = async (splitId: string) => {
    const rows = await w.db
      .select()
      .from(s.splitReleases)
      .where(eq(s.splitReleases.splitId, splitId));
    return rows.reduce((n, r) => n + r.amountCents, 0);
  };
  const completedSession = async (enrollmentId: string, teacherId: string, studentId: string) => {
    const id = uuidv7();
    const start = new Date(Date.now() - 2 * 3_600_000);
    await w.db.insert(s.sessions).values({
      id,
      enrollmentId,
      teacherId,
      studentId,
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + 3_600_000),
      status: "completed",
    });
    return id;
  };
  const inTx = <T>(fn: (tx: Db) => Promise<T>) => w.db.transaction((tx) => fn(tx as unknown as Db));
  const cancel = (who: Person, enrollmentId: string) =>
    w.t.call("POST", `/api/enrollments/${enrollmentId}/cancel`, {
      token: who.token,
      body: { reason: "changed my mind" },
    });

  it("cancels inside the window with a full Stripe refund; every split cancelled", async () => {
    const { enrollmentId, paymentId } = await buy(w, learner(0));
    const other = await cancel(learner(1), enrollmentId);
    expect([other.status, other.body.error.code]).toEqual([404, "not_found"]);
    const anon = await w.t.call("POST", `/api/enrollments/${enrollmentId}/cancel`, { body: {} });
    expect(anon.status).toBe(401);
    // Ids that are not uuids never reach the uuid column: 404, not a 500.
    for (const bad of ["-".repeat(36), "f".repeat(36), enrollmentId.replaceAll("-", "g")]) {
      const res = await cancel(learner(0), bad);
      expect([res.status, res.body.error?.code], bad).toEqual([404, "not_found"]);
    }

    const res = await cancel(learner(0), enrollmentId);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ enrollmentId, status: "cancelled", refundedCents: 4999 });
    expect(res.body.refundId).toMatch(/^re_/);
    const refund = w.fake?.requests.filter((r) => r.path === "/v1/refunds").at(-1);
    expect(refund?.params.payment_intent).toBe(paymentId);
    const [txn] = await w.db
      .select()
      .from(s.transactions)
      .where(eq(s.transactions.enrollmentId, enrollmentId));
    expect(refund?.idempotencyKey).toBe(`refund-${txn?.id}`);
    expect(txn?.status).toBe("refunded");
    const [enrollment] = await w.db
      .select()
      .from(s.enrollments)
      .where(eq(s.enrollments.id, enrollmentId));
    expect([enrollment?.status, enrollment?.cancelReason]).toEqual([
      "cancelled",
      "changed my mind",
    ]);
    const splits = await splitsOf(enrollmentId);
    expect(Object.values(splits).map((x) => x.status)).toEqual([
      "cancelled",
      "cancelled",
      "cancelled",
    ]);

    const twice = await cancel(learner(0), enrollmentId);
    expect([twice.status, twice.body.error.code]).toEqual([409, "not_refundable"]);
    // Cancelled shares are never released by the job.
    await runReleaseJob(w.db, 14, new Date(Date.now() + 30 * DAY_MS));
    expect(Object.values(await splitsOf(enrollmentId)).map((x) => x.status)).toEqual([
      "cancelled",
      "cancelled",
      "cancelled",
    ]);
    // The learner may buy again after a refund.
    await buy(w, learner(0));
  });

  it("refuses to cancel after 14 days, or after a completed session (409), changing nothing", async () => {
    const late = await buy(w, learner(1));
    await w.db
      .update(s.transactions)
      .set({ paidAt: new Date(Date.now() - 14 * DAY_MS - 60_000) })
      .where(eq(s.transactions.enrollmentId, late.enrollmentId));
    const before = await moneyCounts(w.db);
    const res = await cancel(learner(1), late.enrollmentId);
    expect([res.status, res.body.error.code]).toEqual([409, "refund_window_closed"]);

    const taught = await buy(w, learner(2));
    await completedSession(taught.enrollmentId, w.teacher.id, learner(2).id);
    const res2 = await cancel(learner(2), taught.enrollmentId);
    expect([res2.status, res2.body.error.code]).toEqual([409, "refund_window_closed"]);
    const after = await moneyCounts(w.db);
    expect({
      ...after,
      enrollments: 0,
      transactions: 0,
      splits: 0,
      followers: 0,
      notifications: 0,
      events: 0,
    }).toEqual({
      ...before,
      enrollments: 0,
      transactions: 0,
      splits: 0,
      followers: 0,
      notifications: 0,
      events: 0,
    });
    const [e] = await w.db
      .select()
      .from(s.enrollments)
      .where(eq(s.enrollments.id, late.enrollmentId));
    expect(e?.status).toBe("enrolled");
  });

  it("answers 502 and changes nothing when the refund fails at Stripe", async () => {
    const { enrollmentId } = await buy(w, learner(3));
    if (!w.fake) throw new Error("no fake");
    w.fake.fail.refunds = true;
    try {
      const res = await cancel(learner(3), enrollmentId);
      expect([res.status, res.body.error.code]).toEqual([502, "payment_provider_error"]);
    } finally {
      w.fake.fail.refunds = false;
    }
    const [e] = await w.db.select().from(s.enrollments).where(eq(s.enrollments.id, enrollmentId));
    expect(e?.status).toBe("enrolled");
    expect(Object.values(await splitsOf(enrollmentId)).every((x) => x.status === "pending")).toBe(
      true,
    );
  });

  it("releases the teaching share session by session (last takes the remainder); the first session closes the window", async () => {
    const { enrollmentId } = await buy(w, learner(4));
    const before = await splitsOf(enrollmentId);
    expect(before.student_teacher?.amountCents).toBe(3499);
    const sessionIds: string[] = [];
    const got: number[] = [];
    for (let i = 0; i < 4; i++) {
      const sessionId = await completedSession(enrollmentId, w.teacher.id, learner(4).id);
      sessionIds.push(sessionId);
      const r = await inTx((tx) => releaseTeacherShareForSession(tx, sessionId));
      got.push(r.releasedCents);
      const splits = await splitsOf(enrollmentId);
      // The first completed session ends the refund window: creator and platform released.
      expect([splits.creator?.status, splits.platform?.status]).toEqual(["released", "released"]);
      expect(splits.student_teacher?.status).toBe(i < 3 ? "pending" : "released");
    }
    expect(got).toEqual([874, 874, 874, 877]);
    const teaching = (await splitsOf(enrollmentId)).student_teacher;
    expect(await releasedOf(teaching?.id ?? "")).toBe(3499);
    // Idempotent per session, and nothing more once the share is out.
    const again = await inTx((tx) => releaseTeacherShareForSession(tx, sessionIds[0] ?? ""));
    expect(again.releasedCents).toBe(0);
    const extra = await completedSession(enrollmentId, w.teacher.id, learner(4).id);
    expect((await inTx((tx) => releaseTeacherShareForSession(tx, extra))).releasedCents).toBe(0);
    expect(await releasedOf(teaching?.id ?? "")).toBe(3499);
    // A session that is not completed releases nothing.
    const scheduled = uuidv7();
    await w.db.insert(s.sessions).values({
      id: scheduled,
      enrollmentId,
      teacherId: w.teacher.id,
      studentId: learner(4).id,
      scheduledStart: new Date(),
      scheduledEnd: new Date(Date.now() + 3_600_000),
    });
    expect((await inTx((tx) => releaseTeacherShareForSession(tx, scheduled))).releasedCents).toBe(
      0,
    );
  });

  it("releases the rest of the teaching share when the enrollment completes", async () => {
    const { enrollmentId } = await buy(w, learner(5));
    const sessionId = await completedSession(enrollmentId, w.teacher.id, learner(5).id);
    await inTx((tx) => releaseTeacherShareForSession(tx, sessionId));
    const teaching = (await splitsOf(enrollmentId)).student_teacher;
    expect(await releasedOf(teaching?.id ?? "")).toBe(874);
    await w.db
      .update(s.enrollments)
      .set({ status: "completed", completedAt: new Date() })
      .where(eq(s.enrollments.id, enrollmentId));
    await inTx((tx) => releaseOnEnrollmentCompleted(tx, enrollmentId));
    await inTx((tx) => releaseOnEnrollmentCompleted(tx, enrollmentId));
    const splits = await splitsOf(enrollmentId);
    expect(Object.values(splits).map((x) => x.status)).toEqual([
      "released",
      "released",
      "released",
    ]);
    expect(await releasedOf(teaching?.id ?? "")).toBe(3499);
    const kinds = await w.db
      .select()
      .from(s.splitReleases)
      .where(eq(s.splitReleases.splitId, teaching?.id ?? ""));
    expect(kinds.map((k) => [k.kind, k.amountCents]).sort()).toEqual([
      ["completion", 2625],
      ["session", 874],
    ]);
  });

  it("the job releases creator and platform shares after the window, not the teaching share", async () => {
    const { enrollmentId } = await buy(w, learner(6));
    await runReleaseJob(w.db, 14, new Date(Date.now() + 13 * DAY_MS));
    expect(Object.values(await splitsOf(enrollmentId)).every((x) => x.status === "pending")).toBe(
      true,
    );
    const { enrollments } = await runReleaseJob(
      w.db,
      14,
      new Date(Date.now() + 14 * DAY_MS + 60_000),
    );
    expect(enrollments).toBeGreaterThanOrEqual(1);
    const splits = await splitsOf(enrollmentId);
    expect([
      splits.creator?.status,
      splits.platform?.status,
      splits.student_teacher?.status,
    ]).toEqual(["released", "released", "pending"]);
    expect(await releasedOf(splits.student_teacher?.id ?? "")).toBe(0);
    // Running again releases nothing twice.
    const count = async () =>
      (await w.db.select({ n: sql<number>`count(*)::int` }).from(s.splitReleases))[0]?.n;
    const n = await count();
    const second = await runReleaseJob(w.db, 14, new Date(Date.now() + 15 * DAY_MS));
    expect(await count()).toBe(n);
    // …and does not even visit enrollments with nothing due (held teaching shares wait
    // for their sessions).
    expect(second.enrollments).toBe(0);
  });

  it("shows teachers and creators their pending, released and paid earnings", async () => {
    const teacher = await w.t.call("GET", "/api/earnings", { token: w.teacher.token });
    expect(teacher.status).toBe(200);
    const rows = teacher.body.splits as {
      pendingCents: number;
      releasedCents: number;
      paidCents: number;
      status: string;
    }[];
    expect(rows.length).toBeGreaterThan(3);
    const sum = (k: "pendingCents" | "releasedCents" | "paidCents") =>
      rows.reduce((n, r) => n + r[k], 0);
    expect(teacher.body.totals).toEqual([
      {
        currency: "USD",
        pendingCents: sum("pendingCents"),
        releasedCents: sum("releasedCents"),
        paidCents: sum("paidCents"),
      },
    ]);
    expect(teacher.body.nextBefore).toBeNull();
    // Two fully released teaching shares, and one session's worth that the job found (the
    // session completed in the refund-window test, never reported directly); cancelled
    // shares count nowhere.
    expect(teacher.body.totals[0].releasedCents).toBe(3499 * 2 + 874);
    expect(
      rows
        .filter((r) => r.status === "cancelled")
        .every((r) => r.pendingCents + r.releasedCents === 0),
    ).toBe(true);
    const learnerView = await w.t.call("GET", "/api/earnings", { token: learner(0).token });
    expect(learnerView.body).toEqual({ totals: [], splits: [], nextBefore: null });
    // The creator's shares of the 7 purchases not refunded were all released by the job
    // (it ran as if 15 days had passed); the refunded one shows nowhere.
    const creator = await w.t.call("GET", "/api/earnings", { token: w.creator.token });
    expect(creator.body.totals).toEqual([
      { currency: "USD", pendingCents: 0, releasedCents: 749 * 7, paidCents: 0 },
    ]);
    expect(creator.body.splits).toHaveLength(8);
  });
});
