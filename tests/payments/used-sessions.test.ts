/**
 * A session the learner cancels too late (less than SESSION_FREE_CANCEL_HOURS before; the
 * scheduling code marks it `counts_as_used`) is used, so the teacher earns it: the money job
 * releases its part of the teaching share like a completed session's (once), it ends the
 * refund window like one, and the last used session still takes the remainder. A teacher's
 * or an early cancellation releases nothing.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";
import { releaseTeacherShareForSession } from "../../sync-server/payments/escrow";
import { runMoneyJob } from "../../sync-server/payments/jobs";
import { submitRequest } from "../../sync-server/scheduling/requests";
import { databaseKinds } from "../support/test-db";
import { buy, createMoneyWorld, type MoneyWorld, type Person } from "./money-world";

const HOUR_MS = 3_600_000;

describe.each(databaseKinds())("used sessions release the teaching share on %s", (kind) => {
  let w: MoneyWorld;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: false });
    // The Student-Teacher is free at any time (availability is not what this is about).
    await w.db.insert(s.availability).values(
      [0, 1, 2, 3, 4, 5, 6].map((d) => ({
        id: uuidv7(),
        userId: w.teacher.id,
        dayOfWeek: d,
        startTime: "00:00:00",
        endTime: "23:59:59",
        timezone: "UTC",
        isRecurring: true,
      })),
    );
  });
  afterAll(async () => {
    await w?.close();
  });

  const learner = (i: number) => w.learners[i] as Person;
  const submit = (who: Person, fields: Parameters<typeof submitRequest>[3], now: Date) =>
    submitRequest(w.db, w.t.deps.config, who.id, fields, () => now);
  const book = async (who: Person, enrollmentId: string, hoursAhead: number) => {
    const start = new Date(Date.now() + hoursAhead * HOUR_MS);
    const o = await submit(
      who,
      {
        kind: "book",
        teacherId: w.teacher.id,
        enrollmentId,
        start,
        end: new Date(start.getTime() + HOUR_MS),
      },
      new Date(),
    );
    if (o.status !== "confirmed") throw new Error(`booking declined: ${o.code}`);
    return { id: o.sessionId as string, start };
  };
  /** Cancels `hoursBefore` the session's start, by `who`. */
  const cancelAt = async (
    who: Person,
    session: { id: string; start: Date },
    hoursBefore: number,
  ) => {
    const o = await submit(
      who,
      { kind: "cancel", targetSessionId: session.id, reason: "clash" },
      new Date(session.start.getTime() - hoursBefore * HOUR_MS),
    );
    expect(o.status).toBe("confirmed");
  };
  const teaching = async (enrollmentId: string) => {
    const [row] = await w.db
      .select({ split: s.paymentSplits })
      .from(s.paymentSplits)
      .innerJoin(s.transactions, eq(s.transactions.id, s.paymentSplits.transactionId))
      .where(
        and(
          eq(s.transactions.enrollmentId, enrollmentId),
          eq(s.paymentSplits.recipientType, "student_teacher"),
        ),
      );
    return row?.split as typeof s.paymentSplits.$inferSelect;
  };
  const releases = async (splitId: string) =>
    w.db
      .select({ sessionId: s.splitReleases.sessionId, cents: s.splitReleases.amountCents })
      .from(s.splitReleases)
      .where(eq(s.splitReleases.splitId, splitId));
  const job = () => runMoneyJob(w.db, w.t.deps.config, w.t.deps.log);
  const inTx = <T>(fn: (tx: Db) => Promise<T>) => w.db.transaction((tx) => fn(tx as unknown as Db));
  const completed = async (enrollmentId: string, who: Person) => {
    const id = uuidv7();
    const start = new Date(Date.now() - 2 * HOUR_MS);
    await w.db.insert(s.sessions).values({
      id,
      enrollmentId,
      teacherId: w.teacher.id,
      studentId: who.id,
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + HOUR_MS),
      status: "completed",
    });
    return id;
  };

  it("releases a late-cancelled session's share once, closes the refund window, and the remainder still lands on the last", async () => {
    const who = learner(0);
    const { enrollmentId } = await buy(w, who);
    const late = await book(who, enrollmentId, 48);
    await cancelAt(who, late, 2);
    const [row] = await w.db.select().from(s.sessions).where(eq(s.sessions.id, late.id));
    expect([row?.status, row?.countsAsUsed]).toEqual(["cancelled", true]);
    // Used: no refund any more, even before the job has released anything.
    const refund = await w.t.call("POST", `/api/enrollments/${enrollmentId}/cancel`, {
      token: who.token,
      body: {},
    });
    expect([refund.status, refund.body.error?.code]).toEqual([409, "refund_window_closed"]);

    await job();
    const share = await teaching(enrollmentId);
    expect(share.amountCents).toBe(3499);
    expect(await releases(share.id)).toEqual([{ sessionId: late.id, cents: 874 }]);
    await job();
    expect(await releases(share.id)).toHaveLength(1);
    // Like a completed session, it ended the refund window: creator and platform released.
    const statuses = await w.db
      .select({ type: s.paymentSplits.recipientType, status: s.paymentSplits.status })
      .from(s.paymentSplits)
      .where(eq(s.paymentSplits.transactionId, share.transactionId));
    expect(Object.fromEntries(statuses.map((x) => [x.type, x.status]))).toEqual({
      platform: "released",
      creator: "released",
      student_teacher: "pending",
    });
    // Three completed sessions: the course's four are used, the last takes the remainder.
    const got: number[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await completed(enrollmentId, who);
      got.push((await inTx((tx) => releaseTeacherShareForSession(tx, id))).releasedCents);
    }
    expect(got).toEqual([874, 874, 877]);
    const all = await releases(share.id);
    expect(all.reduce((n, r) => n + r.cents, 0)).toBe(3499);
    expect((await teaching(enrollmentId)).status).toBe("released");
  });

  it("releases nothing for a free (early) cancellation or a teacher's late one", async () => {
    const who = learner(1);
    const { enrollmentId } = await buy(w, who);
    const early = await book(who, enrollmentId, 72);
    await cancelAt(who, early, 24);
    const byTeacher = await book(who, enrollmentId, 96);
    await cancelAt(w.teacher, byTeacher, 1);
    await job();
    const share = await teaching(enrollmentId);
    expect(await releases(share.id)).toEqual([]);
    const [{ n } = { n: -1 }] = await w.db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.splitReleases)
      .innerJoin(s.paymentSplits, eq(s.paymentSplits.id, s.splitReleases.splitId))
      .where(eq(s.paymentSplits.transactionId, share.transactionId));
    expect(n).toBe(0);
    // The window is still open: the learner may cancel for a refund.
    const refund = await w.t.call("POST", `/api/enrollments/${enrollmentId}/cancel`, {
      token: who.token,
      body: {},
    });
    expect(refund.status).toBe(200);
  });
});
