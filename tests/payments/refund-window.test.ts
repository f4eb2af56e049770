/**
 * The refund window follows REFUND_WINDOW_DAYS (here 3, not the default 14): cancelling,
 * the release job and GET /api/enrollments/:id/refund (what the PWA shows: refundable or
 * not, why, and the deadline) all use it. The teachers list tells the checkout panel.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import * as s from "../../sync-server/db/schema";
import { runMoneyJob } from "../../sync-server/payments/jobs";
import { databaseKinds } from "../support/test-db";
import { buy, createMoneyWorld, type MoneyWorld, type Person } from "./money-world";

const DAY_MS = 86_400_000;

describe.each(databaseKinds())("a 3-day refund window on %s", (kind) => {
  let w: MoneyWorld;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: true, env: { REFUND_WINDOW_DAYS: "3" } });
  });
  afterAll(async () => {
    await w?.close();
  });

  const learner = (i: number) => w.learners[i] as Person;
  const info = (who: Person, id: string) =>
    w.t.call("GET", `/api/enrollments/${encodeURIComponent(id)}/refund`, { token: who.token });
  const cancel = (who: Person, id: string) =>
    w.t.call("POST", `/api/enrollments/${id}/cancel`, { token: who.token, body: {} });
  const paidDaysAgo = async (enrollmentId: string, days: number) => {
    const paidAt = new Date(Date.now() - days * DAY_MS);
    await w.db
      .update(s.transactions)
      .set({ paidAt })
      .where(eq(s.transactions.enrollmentId, enrollmentId));
    return paidAt;
  };

  it("tells the checkout panel the window", async () => {
    const res = await w.t.call("GET", `/api/courses/${w.course.slug}/teachers`);
    expect(res.body.refundWindowDays).toBe(3);
  });

  it("is open for 3 days after payment, with its deadline; closed after, changing nothing", async () => {
    const open = await buy(w, learner(0));
    const paidAt = await paidDaysAgo(open.enrollmentId, 2);
    const res = await info(learner(0), open.enrollmentId);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      enrollmentId: open.enrollmentId,
      refundable: true,
      windowDays: 3,
      deadline: new Date(paidAt.getTime() + 3 * DAY_MS).toISOString(),
      reason: null,
    });
    expect((await cancel(learner(0), open.enrollmentId)).status).toBe(200);
    expect((await info(learner(0), open.enrollmentId)).body).toMatchObject({
      refundable: false,
      reason: "cancelled",
      deadline: null,
    });

    const late = await buy(w, learner(1));
    await paidDaysAgo(late.enrollmentId, 3.01);
    expect((await info(learner(1), late.enrollmentId)).body).toMatchObject({
      refundable: false,
      windowDays: 3,
      reason: "window_over",
    });
    const refused = await cancel(learner(1), late.enrollmentId);
    expect([refused.status, refused.body.error.code]).toEqual([409, "refund_window_closed"]);
    expect(refused.body.error.message).toContain("3 days");
    const [e] = await w.db
      .select()
      .from(s.enrollments)
      .where(eq(s.enrollments.id, late.enrollmentId));
    expect(e?.status).toBe("enrolled");
  });

  it("the money job releases creator and platform shares after 3 days, not before", async () => {
    const { enrollmentId } = await buy(w, learner(2));
    const statuses = async () =>
      Object.fromEntries(
        (
          await w.db
            .select({ type: s.paymentSplits.recipientType, status: s.paymentSplits.status })
            .from(s.paymentSplits)
            .innerJoin(s.transactions, eq(s.transactions.id, s.paymentSplits.transactionId))
            .where(eq(s.transactions.enrollmentId, enrollmentId))
        ).map((r) => [r.type, r.status]),
      );
    const at = (days: number) =>
      runMoneyJob(w.db, w.t.deps.config, w.t.deps.log, new Date(Date.now() + days * DAY_MS));
    await at(2.9);
    expect(await statuses()).toEqual({
      platform: "pending",
      creator: "pending",
      student_teacher: "pending",
    });
    await at(3.1);
    expect(await statuses()).toEqual({
      platform: "released",
      creator: "released",
      student_teacher: "pending",
    });
  });

  it("says why when a session was completed, and hides other people's enrollments", async () => {
    const { enrollmentId } = await buy(w, learner(3));
    const start = new Date(Date.now() - 2 * 3_600_000);
    await w.db.insert(s.sessions).values({
      id: uuidv7(),
      enrollmentId,
      teacherId: w.teacher.id,
      studentId: learner(3).id,
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + 3_600_000),
      status: "completed",
    });
    expect((await info(learner(3), enrollmentId)).body).toMatchObject({
      refundable: false,
      reason: "session_used",
    });
    const theirs = await info(learner(4), enrollmentId);
    expect([theirs.status, theirs.body.error.code]).toEqual([404, "not_found"]);
    const anon = await w.t.call("GET", `/api/enrollments/${enrollmentId}/refund`);
    expect(anon.status).toBe(401);
    for (const bad of ["nope", "-".repeat(36), "0".repeat(36)]) {
      const res = await info(learner(3), bad);
      expect([res.status, res.body.error?.code], bad).toEqual([404, "not_found"]);
    }
  });
});
