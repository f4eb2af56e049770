/**
 * Booking from a device: the request is pushed (sync), decided in the push transaction,
 * and the outcome — confirmed with a session, or declined with a reason — comes back on the
 * next pull. Two learners never hold one teacher at the same time, however many ask at once.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { DECLINE_REASONS } from "../../shared/scheduling/policy";
import { queryRows } from "../../sync-server/db/database";
import { enrollments, notifications, sessionRequests, sessions } from "../../sync-server/db/schema";
import { pullAll, push } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { bookingDoc, hoursAhead, makeWorld, requestDoc, type World } from "./world";

const row = (doc: Record<string, unknown>) => ({ newDocumentState: doc });

describe.each(databaseKinds())("booking a session from a device (%s)", (kind) => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await makeWorld(t, { learners: 8, sessionCount: 2 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const requestRow = async (id: string) => {
    const [r] = await t.deps.db.select().from(sessionRequests).where(eq(sessionRequests.id, id));
    return r;
  };

  it("confirms a free time: a session with a video room, both told, the device sees it", async () => {
    const [learner] = w.learners;
    if (!learner) throw new Error("no learner");
    const start = hoursAhead(48);
    const doc = bookingDoc(learner, w.teacher.id, start);
    const res = await push(t, learner.token, "sessionRequests", [row(doc)]);
    expect([res.status, res.body]).toEqual([200, []]);

    const req = await requestRow(String(doc.id));
    expect(req?.status).toBe("confirmed");
    const [s] = await t.deps.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, req?.sessionId ?? ""));
    expect(s?.teacherId).toBe(w.teacher.id);
    expect(s?.studentId).toBe(learner.id);
    expect(s?.scheduledStart.toISOString()).toBe(start.toISOString());
    expect(s?.bbbMeetingUrl).toMatch(/^https:\/\/meet\.jit\.si\/PeerLoop-[0-9a-f]{32}$/);
    for (const who of [learner.id, w.teacher.id]) {
      const n = await t.deps.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, who), eq(notifications.type, "session_booked")));
      expect(n).toHaveLength(1);
    }
    // The device's next pull: the request decided, the session in its sessions.
    const reqs = await pullAll(t, learner.token, "sessionRequests", null);
    expect(reqs.docs.get(String(doc.id))).toMatchObject({
      status: "confirmed",
      sessionId: s?.id,
      declineCode: null,
    });
    const mine = await pullAll(t, learner.token, "sessions", null);
    expect(mine.docs.get(s?.id ?? "")?.status).toBe("scheduled");
    const teachers = await pullAll(t, w.teacher.token, "sessions", null);
    expect(teachers.docs.has(s?.id ?? "")).toBe(true);
    // Another learner sees neither the request nor the session.
    const other = w.learners[1];
    if (!other) throw new Error("no second learner");
    expect((await pullAll(t, other.token, "sessionRequests", null)).docs.size).toBe(0);
    expect((await pullAll(t, other.token, "sessions", null)).docs.has(s?.id ?? "")).toBe(false);
  });

  it("a repeated push decides nothing twice", async () => {
    const learner = w.learners[1];
    if (!learner) throw new Error("no learner");
    const doc = bookingDoc(learner, w.teacher.id, hoursAhead(60));
    await push(t, learner.token, "sessionRequests", [row(doc)]);
    const again = await push(t, learner.token, "sessionRequests", [row(doc)]);
    expect(again.status).toBe(200);
    expect(again.body).toHaveLength(1); // the server's state, as a conflict
    expect(again.body[0]).toMatchObject({ id: doc.id, status: "confirmed" });
    const n = await t.deps.db
      .select()
      .from(sessions)
      .where(eq(sessions.enrollmentId, learner.enrollmentId));
    expect(n).toHaveLength(1);
  });

  it("many learners asking for one slot at once: exactly one confirmed", async () => {
    const start = hoursAhead(24 * 5);
    const contenders = w.learners.slice(2);
    const docs = contenders.map((l) => bookingDoc(l, w.teacher.id, start));
    const answers = await Promise.all(
      contenders.map((l, i) => push(t, l.token, "sessionRequests", [row(docs[i] ?? {})])),
    );
    expect(answers.map((a) => a.status)).toEqual(contenders.map(() => 200));
    const decided = await Promise.all(docs.map((d) => requestRow(String(d.id))));
    const confirmed = decided.filter((r) => r?.status === "confirmed");
    expect(confirmed).toHaveLength(1);
    expect(decided.filter((r) => r?.declineCode === "slot_taken")).toHaveLength(
      contenders.length - 1,
    );
    const held = await queryRows<{ n: number }>(
      t.deps.db,
      sql`SELECT count(*)::int AS n FROM sessions
           WHERE teacher_id = ${w.teacher.id} AND status = 'scheduled'
             AND scheduled_start = ${start.toISOString()}::timestamptz`,
    );
    expect(Number(held[0]?.n)).toBe(1);
  });

  it("overlapping but not equal times are refused too, adjacent ones are fine", async () => {
    const start = hoursAhead(24 * 7);
    const [a, b, c] = w.learners.slice(5);
    if (!a || !b || !c) throw new Error("learners");
    const first = bookingDoc(a, w.teacher.id, start, 60);
    const overlap = bookingDoc(b, w.teacher.id, new Date(start.getTime() + 30 * 60_000), 60);
    const adjacent = bookingDoc(c, w.teacher.id, new Date(start.getTime() + 60 * 60_000), 60);
    for (const [l, d] of [
      [a, first],
      [b, overlap],
      [c, adjacent],
    ] as const)
      await push(t, l.token, "sessionRequests", [row(d)]);
    expect((await requestRow(String(first.id)))?.status).toBe("confirmed");
    expect((await requestRow(String(overlap.id)))?.declineCode).toBe("slot_taken");
    expect((await requestRow(String(adjacent.id)))?.status).toBe("confirmed");
  });

  it("declines with a reason the learner sees", async () => {
    const world = await makeWorld(t, {
      learners: 2,
      sessionCount: 1,
      // Only Wednesdays 09:00–12:00 in Berlin.
      slots: [{ dayOfWeek: 3, startTime: "09:00", endTime: "12:00", timezone: "Europe/Berlin" }],
    });
    const [l, l2] = world.learners;
    if (!l || !l2) throw new Error("learners");
    const nextWed = nextWeekday(3, 8); // a Wednesday 08:00 UTC = 09:00 Berlin in winter or 10:00 in summer
    const cases: [Record<string, unknown>, string][] = [
      [
        bookingDoc(l, world.teacher.id, new Date(nextWed.getTime() - 86_400_000)),
        "outside_availability",
      ],
      [bookingDoc(l, world.teacher.id, new Date(Date.now() - 3_600_000)), "in_the_past"],
      [bookingDoc(l, world.teacher.id, nextWed, 5), "invalid_length"],
      [bookingDoc(l, w.teacher.id, nextWed), "not_enrolled"], // not this learner's teacher
      [{ ...bookingDoc(l2, world.teacher.id, nextWed), userId: l.id }, "not_enrolled"], // someone else's enrollment
    ];
    for (const [doc, code] of cases) {
      expect((await push(t, l.token, "sessionRequests", [row(doc)])).status).toBe(200);
      const r = await requestRow(String(doc.id));
      expect([r?.status, r?.declineCode]).toEqual(["declined", code]);
      expect(r?.declineMessage).toBe(DECLINE_REASONS[code as keyof typeof DECLINE_REASONS]);
      expect(r?.sessionId).toBeNull();
    }
    // One session in the course: the first booking is confirmed, the second is not.
    const ok = bookingDoc(l, world.teacher.id, nextWed);
    const more = bookingDoc(l, world.teacher.id, new Date(nextWed.getTime() + 7 * 86_400_000));
    await push(t, l.token, "sessionRequests", [row(ok), row(more)]);
    expect((await requestRow(String(ok.id)))?.status).toBe("confirmed");
    expect((await requestRow(String(more.id)))?.declineCode).toBe("no_sessions_left");
    // A cancelled enrollment books nothing.
    await t.deps.db
      .update(enrollments)
      .set({ status: "cancelled" })
      .where(eq(enrollments.id, l2.enrollmentId));
    const cancelled = bookingDoc(l2, world.teacher.id, nextWed);
    await push(t, l2.token, "sessionRequests", [row(cancelled)]);
    expect((await requestRow(String(cancelled.id)))?.declineCode).toBe("not_enrolled");
    // The learner's device shows the reason.
    const seen = await pullAll(t, l.token, "sessionRequests", null);
    expect(seen.docs.get(String(more.id))).toMatchObject({
      status: "declined",
      declineCode: "no_sessions_left",
      declineMessage: DECLINE_REASONS.no_sessions_left,
    });
  });

  it("a learner cannot hold two overlapping sessions (with two teachers)", async () => {
    const other = await makeWorld(t, { learners: 0, sessionCount: 3 });
    const learner = w.learners[0];
    if (!learner) throw new Error("learner");
    const [booked] = await t.deps.db
      .select()
      .from(sessions)
      .where(eq(sessions.studentId, learner.id));
    if (!booked) throw new Error("learner has no session");
    const enrollmentId = uuidv7();
    await t.deps.db.insert(enrollments).values({
      id: enrollmentId,
      studentId: learner.id,
      courseId: other.courseId,
      studentTeacherId: other.teacher.id,
      status: "in_progress",
    });
    const doc = bookingDoc({ ...learner, enrollmentId }, other.teacher.id, booked.scheduledStart);
    await push(t, learner.token, "sessionRequests", [row(doc)]);
    expect((await requestRow(String(doc.id)))?.declineCode).toBe("learner_busy");
  });

  it("refuses malformed requests and other people's, storing nothing", async () => {
    const [l, m] = w.learners;
    if (!l || !m) throw new Error("learners");
    const before = await t.deps.db.select({ id: sessionRequests.id }).from(sessionRequests);
    const noTime = requestDoc(l.id, {
      kind: "book",
      teacherId: w.teacher.id,
      enrollmentId: l.enrollmentId,
    });
    const bad = await push(t, l.token, "sessionRequests", [row(noTime)]);
    expect([bad.status, bad.body.error.code]).toEqual([400, "push_rejected"]);
    expect(bad.body.error.details.rejected[0].code).toBe("invalid_document");
    // Zod's ISO format allows year 0000, Postgres does not: refused as invalid, never a 500.
    const yearZero = {
      ...bookingDoc(l, w.teacher.id, hoursAhead(1)),
      start: "0000-01-01T10:00:00.000Z",
    };
    const zero = await push(t, l.token, "sessionRequests", [row(yearZero)]);
    expect([zero.status, zero.body.error.details.rejected[0].code]).toEqual([
      400,
      "invalid_document",
    ]);
    const notMine = bookingDoc(m, w.teacher.id, hoursAhead(100));
    const forged = await push(t, l.token, "sessionRequests", [row(notMine)]);
    expect(forged.body.error.details.rejected[0].code).toBe("forbidden_write");
    const badRating = requestDoc(l.id, { kind: "rate", targetSessionId: uuidv7(), rating: 9 });
    const schema = await push(t, l.token, "sessionRequests", [row(badRating)]);
    expect([schema.status, schema.body.error.details.rejected[0].code]).toEqual([
      400,
      "invalid_document",
    ]);
    const anonymous = await push(t, "", "sessionRequests", [
      row(bookingDoc(l, w.teacher.id, hoursAhead(90))),
    ]);
    expect(anonymous.status).toBe(401);
    // A device may not edit a request afterwards (e.g. to flip it to confirmed).
    const mine = bookingDoc(l, w.teacher.id, new Date(Date.now() - 1000));
    await push(t, l.token, "sessionRequests", [row(mine)]);
    const server = (await pullAll(t, l.token, "sessionRequests", null)).docs.get(String(mine.id));
    const edit = await push(t, l.token, "sessionRequests", [
      {
        assumedMasterState: server,
        newDocumentState: { ...server, _deleted: undefined, status: "confirmed" },
      },
    ]);
    expect(edit.body.error.details.rejected[0].code).toBe("server_owned");
    const after = await t.deps.db.select({ id: sessionRequests.id }).from(sessionRequests);
    expect(after.length).toBe(before.length + 1); // only the (declined) request above
  });
});

/** The next given weekday (0 = Sunday) at least 2 days ahead, at `hourUtc`:00 UTC. */
function nextWeekday(dow: number, hourUtc: number): Date {
  const d = new Date(Date.now() + 2 * 86_400_000);
  d.setUTCHours(hourUtc, 0, 0, 0);
  while (d.getUTCDay() !== dow) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}
