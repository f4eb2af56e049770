/**
 * The webhook's less common paths: delayed payment methods (completed unpaid, then
 * async_payment_succeeded or async_payment_failed); the terms fixed at checkout (teacher,
 * commission, enrollment id) winning over later changes; the follower row only on a first
 * purchase from a creator; a share of 0 cents getting no row.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import * as s from "../../sync-server/db/schema";
import { databaseKinds } from "../support/test-db";
import {
  checkoutRow,
  createMoneyWorld,
  type MoneyWorld,
  moneyCounts,
  type Person,
  PRICE,
  sessionEvent,
  signAndDeliver,
  startCheckout,
} from "./money-world";

describe.each(databaseKinds())("webhook paths on %s", (kind) => {
  let w: MoneyWorld;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: true });
  });
  afterAll(async () => {
    await w?.close();
  });

  const learner = (i: number) => w.learners[i] as Person;
  const refundCalls = () => w.fake?.requests.filter((r) => r.path === "/v1/refunds").length ?? 0;
  const deliver = async (checkoutId: string, type: string, overrides = {}) =>
    (await signAndDeliver(w, await sessionEvent(w, checkoutId, type, overrides))).body.outcome;
  const splitsOf = async (enrollmentId: string) =>
    (
      await w.db
        .select({ split: s.paymentSplits })
        .from(s.paymentSplits)
        .innerJoin(s.transactions, eq(s.transactions.id, s.paymentSplits.transactionId))
        .where(eq(s.transactions.enrollmentId, enrollmentId))
    )
      .map((r) => [r.split.recipientType, r.split.amountCents, r.split.percentage])
      .sort();
  const newCourse = async (priceCents: number, commission = 70) => {
    const id = uuidv7();
    const slug = `more-${id.slice(-12)}`;
    const [{ categoryId } = { categoryId: "" }] = await w.db
      .select({ categoryId: s.courses.categoryId })
      .from(s.courses)
      .where(eq(s.courses.id, w.course.id));
    await w.db.insert(s.courses).values({
      id,
      creatorId: w.creator.id,
      title: `Course ${slug}`,
      slug,
      description: "Another course by the same creator.",
      duration: "1 week",
      level: "beginner",
      priceCents,
      categoryId,
      sessionCount: 2,
    });
    await w.db.insert(s.peerloopFeatures).values({ courseId: id, teacherCommission: commission });
    return { id, slug };
  };

  it("waits on a delayed payment (completed unpaid), then enrolls on async_payment_succeeded", async () => {
    const res = await startCheckout(w, learner(0));
    const checkoutId = res.body.checkout.id;
    const before = await moneyCounts(w.db);
    const unpaid = await deliver(checkoutId, "checkout.session.completed", {
      payment_status: "unpaid",
      payment_intent: null,
    });
    expect(unpaid).toBe("awaiting_payment");
    expect((await checkoutRow(w, checkoutId)).status).toBe("open");
    expect((await moneyCounts(w.db))?.enrollments).toBe(before?.enrollments);
    const polled = await w.t.call("GET", `/api/checkout/${checkoutId}`, {
      token: learner(0).token,
    });
    expect(polled.body.checkout).toMatchObject({ status: "open", enrollmentId: null });

    expect(await deliver(checkoutId, "checkout.session.async_payment_succeeded")).toBe("enrolled");
    const row = await checkoutRow(w, checkoutId);
    expect(row.status).toBe("paid");
    expect((await moneyCounts(w.db))?.enrollments).toBe((before?.enrollments ?? 0) + 1);
    // Delivered again under another event id: still one enrollment.
    expect(await deliver(checkoutId, "checkout.session.async_payment_succeeded")).toBe(
      "already_paid",
    );
  });

  it("fails a delayed payment on async_payment_failed: no enrollment, nothing to refund, final", async () => {
    const res = await startCheckout(w, learner(1));
    const checkoutId = res.body.checkout.id;
    const before = await moneyCounts(w.db);
    const refunds = refundCalls();
    expect(
      await deliver(checkoutId, "checkout.session.completed", {
        payment_status: "unpaid",
        payment_intent: null,
      }),
    ).toBe("awaiting_payment");
    expect(await deliver(checkoutId, "checkout.session.async_payment_failed")).toBe("failed");
    const row = await checkoutRow(w, checkoutId);
    expect([row.status, row.failureReason, row.enrollmentId]).toEqual([
      "failed",
      "payment_failed",
      null,
    ]);
    // A success after the failure enrolls no one.
    expect(await deliver(checkoutId, "checkout.session.async_payment_succeeded")).toBe(
      "closed_already",
    );
    expect({ ...(await moneyCounts(w.db)), events: 0 }).toEqual({ ...before, events: 0 });
    expect(refundCalls()).toBe(refunds);
    const rows = await w.db
      .select()
      .from(s.refundsOwed)
      .where(eq(s.refundsOwed.checkoutId, checkoutId));
    expect(rows).toEqual([]);
  });

  it("splits at the commission of the checkout and enrolls with its teacher, whatever changed since", async () => {
    await w.db
      .update(s.peerloopFeatures)
      .set({ teacherCommission: 50 })
      .where(eq(s.peerloopFeatures.courseId, w.course.id));
    const res = await startCheckout(w, learner(2));
    const checkoutId = res.body.checkout.id;
    // Between checkout and payment: the course's commission goes back to 70 and the
    // Student-Teacher pauses (would no longer be offered at checkout).
    await w.db
      .update(s.peerloopFeatures)
      .set({ teacherCommission: 70 })
      .where(eq(s.peerloopFeatures.courseId, w.course.id));
    await w.db
      .update(s.studentTeachers)
      .set({ isActive: false })
      .where(
        and(
          eq(s.studentTeachers.userId, w.teacher.id),
          eq(s.studentTeachers.courseId, w.course.id),
        ),
      );
    try {
      const offered = await w.t.call("GET", `/api/courses/${w.course.slug}/teachers`);
      expect(offered.body.teachers.map((t: { id: string }) => t.id)).not.toContain(w.teacher.id);
      expect(await deliver(checkoutId, "checkout.session.completed")).toBe("enrolled");
    } finally {
      await w.db
        .update(s.studentTeachers)
        .set({ isActive: true })
        .where(eq(s.studentTeachers.userId, w.teacher.id));
    }
    const row = await checkoutRow(w, checkoutId);
    // The enrollment has the id chosen at checkout (its payment's transfer group).
    expect(row.enrollmentId).toBe(row.plannedEnrollmentId);
    const [enrollment] = await w.db
      .select()
      .from(s.enrollments)
      .where(eq(s.enrollments.id, row.enrollmentId ?? ""));
    expect(enrollment?.studentTeacherId).toBe(w.teacher.id);
    expect(await splitsOf(row.enrollmentId ?? "")).toEqual(
      [
        ["creator", 1749, 35],
        ["platform", 751, 15],
        ["student_teacher", 2499, 50],
      ].sort(),
    );
  });

  it("adds the follower row on the first purchase from a creator only", async () => {
    const followers = () =>
      w.db
        .select()
        .from(s.instructorFollowers)
        .where(
          and(
            eq(s.instructorFollowers.instructorId, w.creator.id),
            eq(s.instructorFollowers.followerId, learner(3).id),
          ),
        );
    const first = await startCheckout(w, learner(3));
    expect(await deliver(first.body.checkout.id, "checkout.session.completed")).toBe("enrolled");
    const [row] = await followers();
    expect(row).toBeDefined();
    const other = await newCourse(PRICE);
    const second = await startCheckout(w, learner(3), {
      courseSlug: other.slug,
      teacherId: w.creator.id,
    });
    expect(second.status).toBe(201);
    const before = await moneyCounts(w.db);
    expect(await deliver(second.body.checkout.id, "checkout.session.completed")).toBe("enrolled");
    const after = await moneyCounts(w.db);
    expect(after?.enrollments).toBe((before?.enrollments ?? 0) + 1);
    expect(after?.followers).toBe(before?.followers);
    expect(await followers()).toEqual([row]);
  });

  it("gives a share of 0 cents no row (1 cent: only the platform)", async () => {
    const penny = await newCourse(1);
    const res = await startCheckout(w, learner(4), {
      courseSlug: penny.slug,
      teacherId: w.creator.id,
    });
    const checkoutId = res.body.checkout.id;
    expect(await deliver(checkoutId, "checkout.session.completed")).toBe("enrolled");
    const row = await checkoutRow(w, checkoutId);
    expect(await splitsOf(row.enrollmentId ?? "")).toEqual([["platform", 1, 15]]);
  });
});
