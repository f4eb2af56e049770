/**
 * What changes of an enrollment do to its money and sessions:
 * - a reassignment moves the unreleased teaching share to the new teacher (releases already
 *   made stay with the old one; the amounts still add up to the payment) and withdraws the
 *   old teacher's upcoming sessions; the old teacher can no longer complete one;
 * - a refund withdraws the booked sessions, and a session of a cancelled enrollment cannot
 *   be completed.
 */
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import * as s from "../../sync-server/db/schema";
import { runReleaseJob } from "../../sync-server/payments/escrow";
import { databaseKinds } from "../support/test-db";
import { buy, createMoneyWorld, type MoneyWorld, type Person } from "./money-world";

const HOUR_MS = 3_600_000;

describe.each(databaseKinds())("enrollment changes and their money on %s", (kind) => {
  let w: MoneyWorld;
  let teacher2: Person;
  beforeAll(async () => {
    w = await createMoneyWorld(kind, { stripe: false });
    teacher2 = w.learners[7] as Person;
    await w.db
      .insert(s.studentTeachers)
      .values({ userId: teacher2.id, courseId: w.course.id, approvedBy: w.creator.id });
  });
  afterAll(async () => {
    await w?.close();
  });

  const learner = (i: number) => w.learners[i] as Person;
  const addSession = async (
    enrollmentId: string,
    teacherId: string,
    studentId: string,
    startsInMs: number,
  ) => {
    const id = uuidv7();
    const start = new Date(Date.now() + startsInMs);
    await w.db.insert(s.sessions).values({
      id,
      enrollmentId,
      teacherId,
      studentId,
      scheduledStart: start,
      scheduledEnd: new Date(start.getTime() + HOUR_MS),
    });
    return id;
  };
  const complete = (who: Person, sessionId: string) =>
    w.t.call("POST", `/api/sessions/${sessionId}/complete`, { token: who.token, body: {} });
  const reassign = (who: Person, enrollmentId: string, teacherId: string | null) =>
    w.t.call("PUT", `/api/enrollments/${enrollmentId}/teacher`, {
      token: who.token,
      body: { teacherId },
    });
  const splitsOf = async (enrollmentId: string) =>
    (
      await w.db
        .select({ split: s.paymentSplits })
        .from(s.paymentSplits)
        .innerJoin(s.transactions, eq(s.transactions.id, s.paymentSplits.transactionId))
        .where(eq(s.transactions.enrollmentId, enrollmentId))
        .orderBy(asc(s.paymentSplits.createdAt), asc(s.paymentSplits.id))
    ).map((r) => r.split);
  const teachingRows = async (enrollmentId: string) =>
    (await splitsOf(enrollmentId)).filter((x) => x.recipientType === "student_teacher");
  const releasedOf = async (splitId: string) =>
    (await w.db.select().from(s.splitReleases).where(eq(s.splitReleases.splitId, splitId))).reduce(
      (n, r) => n + r.amountCents,
      0,
    );
  const sessionRow = async (id: string) => {
    const [row] = await w.db.select().from(s.sessions).where(eq(s.sessions.id, id));
    return row;
  };
  const notices = async (userId: string) =>
    w.db
      .select()
      .from(s.notifications)
      .where(
        and(eq(s.notifications.userId, userId), eq(s.notifications.type, "session_cancelled")),
      );

  it("moves the unreleased teaching share to the new teacher; what was released stays", async () => {
    const student = learner(0);
    const { enrollmentId } = await buy(w, student); // 4999: teaching 3499, 4 sessions
    const first = await addSession(enrollmentId, w.teacher.id, student.id, -2 * HOUR_MS);
    expect((await complete(w.teacher, first)).status).toBe(200);
    const upcoming = await addSession(enrollmentId, w.teacher.id, student.id, 72 * HOUR_MS);
    const overdue = await addSession(enrollmentId, w.teacher.id, student.id, -5 * HOUR_MS);
    const teacherNoticesBefore = (await notices(w.teacher.id)).length;
    const learnerNoticesBefore = (await notices(student.id)).length;

    // Nobody but the creator moves the learner, and a refusal moves no money.
    const refused = await reassign(teacher2, enrollmentId, teacher2.id);
    expect([refused.status, refused.body.error.code]).toEqual([403, "forbidden"]);
    expect((await teachingRows(enrollmentId)).map((x) => x.recipientId)).toEqual([w.teacher.id]);

    const moved = await reassign(w.creator, enrollmentId, teacher2.id);
    expect(moved.status).toBe(200);
    const [old, fresh] = await teachingRows(enrollmentId);
    expect(old).toMatchObject({
      recipientId: w.teacher.id,
      amountCents: 874,
      status: "released",
      percentage: 70,
    });
    expect(old?.reassignedAt).toBeInstanceOf(Date);
    expect(await releasedOf(old?.id ?? "")).toBe(874);
    expect(fresh).toMatchObject({
      recipientId: teacher2.id,
      amountCents: 3499 - 874,
      status: "pending",
      percentage: 70,
      reassignedAt: null,
    });
    expect((await splitsOf(enrollmentId)).reduce((n, x) => n + x.amountCents, 0)).toBe(4999);

    // The old teacher's sessions not completed (upcoming, or overdue) are withdrawn, not
    // counted against the learner; both were told of each. The completed one stays.
    for (const id of [upcoming, overdue]) {
      expect(await sessionRow(id)).toMatchObject({
        status: "cancelled",
        countsAsUsed: false,
        cancelledBy: w.creator.id,
      });
    }
    expect((await sessionRow(first))?.status).toBe("completed");
    expect((await notices(w.teacher.id)).length).toBe(teacherNoticesBefore + 2);
    expect((await notices(student.id)).length).toBe(learnerNoticesBefore + 2);
    // A session of the old teacher's that turns up later is not theirs to complete any more.
    const stray = await addSession(enrollmentId, w.teacher.id, student.id, -6 * HOUR_MS);
    const late = await complete(w.teacher, stray);
    expect([late.status, late.body.error.code]).toEqual([409, "session_not_completable"]);
    expect(late.body.error.message).toMatch(/another teacher/);
    expect((await sessionRow(stray))?.status).toBe("scheduled");

    // The new teacher's sessions release to the new teacher, at the same per-session part.
    const second = await addSession(enrollmentId, teacher2.id, student.id, -HOUR_MS);
    expect((await complete(teacher2, second)).status).toBe(200);
    expect(await releasedOf(fresh?.id ?? "")).toBe(874);
    expect(await releasedOf(old?.id ?? "")).toBe(874);
    // The job does not release the first session again on the new row.
    await runReleaseJob(w.db, 14);
    expect(await releasedOf(fresh?.id ?? "")).toBe(874);

    // Then the creator takes over: teacher2's row closes at what it earned.
    expect((await reassign(w.creator, enrollmentId, null)).status).toBe(200);
    const rows = await teachingRows(enrollmentId);
    expect(rows.map((x) => [x.recipientId, x.amountCents, x.reassignedAt === null])).toEqual([
      [w.teacher.id, 874, false],
      [teacher2.id, 874, false],
      [w.creator.id, 3499 - 874 * 2, true],
    ]);
    expect((await splitsOf(enrollmentId)).reduce((n, x) => n + x.amountCents, 0)).toBe(4999);
    // The last of the four sessions takes the remainder: the share is released exactly.
    for (const offset of [-4, -3]) {
      const id = await addSession(enrollmentId, w.creator.id, student.id, offset * HOUR_MS);
      expect((await complete(w.creator, id)).status).toBe(200);
    }
    const creatorRow = (await teachingRows(enrollmentId))[2];
    expect(creatorRow?.status).toBe("released");
    expect(await releasedOf(creatorRow?.id ?? "")).toBe(874 + 877);
  });

  it("hands the whole row over when nothing of it was released yet", async () => {
    const { enrollmentId } = await buy(w, learner(1));
    expect((await reassign(w.creator, enrollmentId, teacher2.id)).status).toBe(200);
    const rows = await teachingRows(enrollmentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      recipientId: teacher2.id,
      amountCents: 3499,
      status: "pending",
      reassignedAt: null,
    });
  });

  it("a refund withdraws the booked sessions; a cancelled enrollment's session cannot complete", async () => {
    const student = learner(2);
    const { enrollmentId } = await buy(w, student);
    const upcoming = await addSession(enrollmentId, w.teacher.id, student.id, 48 * HOUR_MS);
    const due = await addSession(enrollmentId, w.teacher.id, student.id, -HOUR_MS);
    const teacherNoticesBefore = (await notices(w.teacher.id)).length;
    const cancelled = await w.t.call("POST", `/api/enrollments/${enrollmentId}/cancel`, {
      token: student.token,
      body: {},
    });
    expect(cancelled.status).toBe(200);
    for (const id of [upcoming, due]) {
      expect(await sessionRow(id)).toMatchObject({
        status: "cancelled",
        countsAsUsed: false,
        cancelledBy: student.id,
      });
    }
    expect((await notices(w.teacher.id)).length).toBe(teacherNoticesBefore + 2);

    // A session of the cancelled enrollment that was not withdrawn (e.g. written later).
    const stray = await addSession(enrollmentId, w.teacher.id, student.id, -HOUR_MS);
    const res = await complete(w.teacher, stray);
    expect([res.status, res.body.error.code]).toEqual([409, "session_not_completable"]);
    expect(res.body.error.message).toMatch(/cancelled/);
    expect((await sessionRow(stray))?.status).toBe("scheduled");
    const splits = await splitsOf(enrollmentId);
    expect(splits.every((x) => x.status === "cancelled")).toBe(true);
    for (const x of splits) expect(await releasedOf(x.id)).toBe(0);
  });
});
