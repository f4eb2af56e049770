/**
 * Cancelling and rescheduling. Rule: a change at least SESSION_FREE_CANCEL_HOURS (12) before
 * the start is free — exactly 12h00m00.000s before is free, one millisecond later is not.
 * A learner's late cancellation counts the session as used; so does a learner's late move
 * (the old session counts, the new one is a session of its own). A teacher's cancellation
 * or move never counts and tells the learner. The hours come from the real config.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isFreeCancellation } from "../../shared/scheduling/policy";
import { notifications, sessions } from "../../sync-server/db/schema";
import { sessionsUsed } from "../../sync-server/scheduling/facts";
import { submitRequest } from "../../sync-server/scheduling/requests";
import { pullAll, push } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import {
  bookSession,
  hoursAhead,
  type Learner,
  makeWorld,
  requestBooking,
  requestDoc,
  type World,
} from "./world";

const H = 3_600_000;

describe("the free-cancellation rule", () => {
  const start = new Date("2026-03-29T10:00:00.000Z");
  it("is free at exactly 12 hours before and not 1 ms later", () => {
    expect(isFreeCancellation(start, new Date(start.getTime() - 12 * H), 12)).toBe(true);
    expect(isFreeCancellation(start, new Date(start.getTime() - 12 * H + 1), 12)).toBe(false);
    expect(isFreeCancellation(start, new Date(start.getTime() - 13 * H), 12)).toBe(true);
    expect(isFreeCancellation(start, new Date(start.getTime() + 1), 12)).toBe(false);
    expect(isFreeCancellation(start, start, 0)).toBe(true);
  });
});

describe.each(databaseKinds())("cancel and reschedule (%s)", (kind) => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await makeWorld(t, { learners: 4, sessionCount: 2 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const book = (l: Learner, start: Date) => bookSession(t, w, l, start);
  const session = async (id: string) =>
    (await t.deps.db.select().from(sessions).where(eq(sessions.id, id)))[0];
  const cancelledNotices = (userId: string) =>
    t.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.type, "session_cancelled")));

  it("a learner cancelling exactly 12 h before: free; 1 ms later: the session is used", async () => {
    const [a, b] = w.learners;
    if (!a || !b) throw new Error("learners");
    for (const [learner, lateMs, counted] of [
      [a, 0, false],
      [b, 1, true],
    ] as const) {
      const start = hoursAhead(72 + (counted ? 2 : 0));
      const id = await book(learner, start);
      const now = new Date(start.getTime() - 12 * H + lateMs);
      const o = await submitRequest(
        t.deps.db,
        t.deps.config,
        learner.id,
        { kind: "cancel", targetSessionId: id, reason: "clash" },
        () => now,
      );
      expect(o.status).toBe("confirmed");
      const s = await session(id);
      expect([s?.status, s?.cancelledBy, s?.countsAsUsed]).toEqual([
        "cancelled",
        learner.id,
        counted,
      ]);
      expect(await sessionsUsed(t.deps.db, learner.enrollmentId)).toBe(counted ? 1 : 0);
    }
    // The teacher heard of both.
    expect(await cancelledNotices(w.teacher.id)).toHaveLength(2);
  });

  it("a teacher's late cancellation is never counted and tells the learner", async () => {
    const l = w.learners[2];
    if (!l) throw new Error("learner");
    const start = hoursAhead(80);
    const id = await book(l, start);
    const res = await t.call("POST", `/api/sessions/${id}/cancel`, {
      token: w.teacher.token,
      body: { reason: "I am ill" },
    });
    expect(res.status).toBe(200);
    const s = await session(id);
    expect([s?.status, s?.countsAsUsed, s?.cancelReason]).toEqual(["cancelled", false, "I am ill"]);
    expect(await sessionsUsed(t.deps.db, l.enrollmentId)).toBe(0);
    const told = await cancelledNotices(l.id);
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain("does not count");
    // Once cancelled, it cannot be cancelled again.
    const again = await t.call("POST", `/api/sessions/${id}/cancel`, { token: l.token, body: {} });
    expect([again.status, again.body.error.code, again.body.error.details.reason]).toEqual([
      409,
      "request_declined",
      "not_cancellable",
    ]);
  });

  it("reschedule: the new time through the booking decision, the old one cancelled free", async () => {
    const l = w.learners[3];
    if (!l) throw new Error("learner");
    const id = await book(l, hoursAhead(90));
    const newStart = hoursAhead(100);
    const res = await t.call("POST", `/api/sessions/${id}/reschedule`, {
      token: l.token,
      body: { start: newStart.toISOString(), end: new Date(newStart.getTime() + H).toISOString() },
    });
    expect(res.status).toBe(200);
    const moved = await session(res.body.sessionId);
    expect(moved?.scheduledStart.toISOString()).toBe(newStart.toISOString());
    const old = await session(id);
    expect([old?.status, old?.countsAsUsed]).toEqual(["cancelled", false]);
    expect(await sessionsUsed(t.deps.db, l.enrollmentId)).toBe(1);
    const teacherTold = await t.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, w.teacher.id), eq(notifications.title, "Session moved")));
    expect(teacherTold).toHaveLength(1);
    // Onto a time another learner holds: declined, and the session stays where it was.
    const a = w.learners[0];
    if (!a) throw new Error("learner");
    const taken = await session(await book(a, hoursAhead(110)));
    const clash = await t.call("POST", `/api/sessions/${moved?.id}/reschedule`, {
      token: l.token,
      body: {
        start: taken?.scheduledStart.toISOString(),
        end: taken?.scheduledEnd.toISOString(),
      },
    });
    expect([clash.status, clash.body.error.details.reason]).toEqual([409, "slot_taken"]);
    expect((await session(moved?.id ?? ""))?.status).toBe("scheduled");
  });

  it("only participants: others get 404, bad input 4xx, nothing changes", async () => {
    const l = w.learners[3];
    const stranger = w.learners[0];
    if (!l || !stranger) throw new Error("learners");
    const [s] = await t.deps.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.studentId, l.id), eq(sessions.status, "scheduled")));
    if (!s) throw new Error("no session");
    const path = `/api/sessions/${s.id}`;
    expect((await t.call("POST", `${path}/cancel`, { body: {} })).status).toBe(401);
    const foreign = await t.call("POST", `${path}/cancel`, { token: stranger.token, body: {} });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, "not_found"]);
    const bogus = await t.call("POST", "/api/sessions/not-a-uuid/cancel", {
      token: l.token,
      body: {},
    });
    expect(bogus.status).toBe(404);
    const badTime = await t.call("POST", `${path}/reschedule`, {
      token: l.token,
      body: { start: "tomorrow", end: "later" },
    });
    expect([badTime.status, badTime.body.error.code]).toEqual([400, "validation_failed"]);
    const raw = await t.call("POST", `${path}/cancel`, { token: l.token, rawBody: "{oops" });
    expect([raw.status, raw.body.error.code]).toEqual([400, "invalid_json"]);
    expect((await session(s.id))?.status).toBe("scheduled");
  });
});

describe.each(databaseKinds())("late moves and the free window (%s)", (kind) => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await makeWorld(t, { learners: 4, sessionCount: 2 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const book = (l: Learner, start: Date) => bookSession(t, w, l, start);
  const session = async (id: string) =>
    (await t.deps.db.select().from(sessions).where(eq(sessions.id, id)))[0];
  const moveAt = (userId: string, id: string, to: Date, now: Date) =>
    submitRequest(
      t.deps.db,
      t.deps.config,
      userId,
      { kind: "reschedule", targetSessionId: id, start: to, end: new Date(to.getTime() + H) },
      () => now,
    );

  it("a learner moving exactly 12 h before: free; 1 ms later: the old session is used", async () => {
    const [a, b] = w.learners as [Learner, Learner];
    for (const [learner, lateMs, counted] of [
      [a, 0, false],
      [b, 1, true],
    ] as const) {
      const start = hoursAhead(72 + (counted ? 2 : 0));
      const id = await book(learner, start);
      const now = new Date(start.getTime() - 12 * H + lateMs);
      const o = await moveAt(learner.id, id, new Date(start.getTime() + 24 * H), now);
      expect(o.status).toBe("confirmed");
      expect((await session(id))?.countsAsUsed).toBe(counted);
      // The moved-to session plus, when late, the one moved away from.
      expect(await sessionsUsed(t.deps.db, learner.enrollmentId)).toBe(counted ? 2 : 1);
    }
    // Used up (2 included): the late mover cannot book a third; the free mover can.
    const more = (l: Learner) => requestBooking(t, w, l, hoursAhead(200));
    expect(await more(b)).toMatchObject({ status: "declined", code: "no_sessions_left" });
    expect((await more(a)).status).toBe("confirmed");
  });

  it("a late move with no session left to spend is declined and changes nothing", async () => {
    const l = w.learners[2] as Learner;
    const first = await book(l, hoursAhead(30));
    await book(l, hoursAhead(50)); // both included sessions booked
    const s = await session(first);
    const now = new Date((s?.scheduledStart.getTime() ?? 0) - 2 * H);
    const o = await moveAt(l.id, first, hoursAhead(90), now);
    expect(o).toMatchObject({ status: "declined", code: "no_sessions_left" });
    expect(await session(first)).toMatchObject({ status: "scheduled", countsAsUsed: false });
    // Early enough, the same move is free and goes through.
    const early = await moveAt(l.id, first, hoursAhead(90), new Date());
    expect(early.status).toBe("confirmed");
  });

  it("a teacher's move, even an hour before, never counts and tells the learner", async () => {
    const l = w.learners[3] as Learner;
    const start = hoursAhead(40);
    const id = await book(l, start);
    const now = new Date(start.getTime() - H);
    const o = await moveAt(w.teacher.id, id, new Date(start.getTime() + 24 * H), now);
    expect(o.status).toBe("confirmed");
    expect(await session(id)).toMatchObject({
      status: "cancelled",
      cancelledBy: w.teacher.id,
      countsAsUsed: false,
    });
    expect(await sessionsUsed(t.deps.db, l.enrollmentId)).toBe(1);
    const told = await t.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, l.id), eq(notifications.title, "Session moved")));
    expect(told).toHaveLength(1);
  });
});

describe.each(databaseKinds())("SESSION_FREE_CANCEL_HOURS=48 (%s)", (kind) => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp(kind, { SESSION_FREE_CANCEL_HOURS: "48" });
    w = await makeWorld(t, { learners: 3, sessionCount: 4 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const book = (l: Learner, start: Date) => bookSession(t, w, l, start);
  const counted = async (id: string) =>
    (await t.deps.db.select().from(sessions).where(eq(sessions.id, id)))[0]?.countsAsUsed;

  it("the route: 30 h before is late (it would be free with 12), 50 h before is free", async () => {
    expect(t.deps.config.SESSION_FREE_CANCEL_HOURS).toBe(48);
    const l = w.learners[0] as Learner;
    const late = await book(l, hoursAhead(30));
    const early = await book(l, hoursAhead(50));
    for (const id of [late, early]) {
      const res = await t.call("POST", `/api/sessions/${id}/cancel`, { token: l.token, body: {} });
      expect(res.status).toBe(200);
    }
    expect([await counted(late), await counted(early)]).toEqual([true, false]);
  });

  it("a reschedule through the route follows the same hours", async () => {
    const l = w.learners[1] as Learner;
    const id = await book(l, hoursAhead(30));
    const to = hoursAhead(100);
    const res = await t.call("POST", `/api/sessions/${id}/reschedule`, {
      token: l.token,
      body: { start: to.toISOString(), end: new Date(to.getTime() + H).toISOString() },
    });
    expect(res.status).toBe(200);
    expect(await counted(id)).toBe(true);
  });

  it("a cancellation pushed from a device follows the same hours", async () => {
    const l = w.learners[2] as Learner;
    const id = await book(l, hoursAhead(30));
    const doc = requestDoc(l.id, { kind: "cancel", targetSessionId: id });
    expect((await push(t, l.token, "sessionRequests", [{ newDocumentState: doc }])).status).toBe(
      200,
    );
    const seen = (await pullAll(t, l.token, "sessionRequests", null)).docs.get(String(doc.id));
    expect(seen?.status).toBe("confirmed");
    expect(await counted(id)).toBe(true);
  });
});
