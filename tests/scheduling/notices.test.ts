/**
 * "Every change notifies the other side", as a table: each path that changes a session —
 * booking confirmed or declined, cancelling and moving by either side, start, completion,
 * a rating, a withdrawal by reassignment — and exactly who hears of it. Times in notices
 * are in the reader's own zone: a Berlin teacher and a New York learner read one session
 * each in their own.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reassignTeacher } from "../../sync-server/credentials/teachers";
import { notifications, sessions } from "../../sync-server/db/schema";
import { push } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import {
  bookingDoc,
  bookSession,
  hoursAhead,
  type Learner,
  makeWorld,
  requestBooking,
  requestDoc,
  type World,
} from "./world";

const H = 3_600_000;

type Heard = [who: "learner" | "teacher" | "creator", type: string, title: string];

describe.each(databaseKinds())("who hears of each change (%s)", (kind) => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await makeWorld(t, { learners: 2, sessionCount: 20 });
  });
  afterAll(async () => {
    await t?.close();
  });

  let hour = 30;
  /** A fresh hour for each session, so no two of them clash. */
  const nextSlot = () => {
    hour += 2;
    return hoursAhead(hour);
  };
  async function book(l: Learner) {
    const start = nextSlot();
    return bookSession(t, w, l, start);
  }
  /** A booked session moved to have started `hoursAgo` ago (as if time had passed). */
  async function started(l: Learner, hoursAgo: number) {
    const id = await book(l);
    const past = new Date(Date.now() - hoursAgo * H);
    await t.deps.db
      .update(sessions)
      .set({ scheduledStart: past, scheduledEnd: new Date(past.getTime() + H) })
      .where(eq(sessions.id, id));
    return id;
  }
  async function completed(l: Learner) {
    const id = await started(l, 30);
    const res = await t.call("POST", `/api/sessions/${id}/complete`, {
      token: w.teacher.token,
      body: {},
    });
    expect(res.status).toBe(200);
    return id;
  }
  const at = (start: Date) => ({
    start: start.toISOString(),
    end: new Date(start.getTime() + H).toISOString(),
  });

  /** Each case prepares its session, then returns the change itself. */
  type Prepare = (l: Learner) => Promise<() => Promise<{ status: number }>>;
  const pushed = (token: string, doc: Record<string, unknown>) => () =>
    push(t, token, "sessionRequests", [{ newDocumentState: doc }]);
  const api =
    (path: string, token: string, body: unknown = {}) =>
    () =>
      t.call("POST", path, { token, body });

  const cases: [string, Prepare, Heard[]][] = [
    [
      "a booking from the device, confirmed",
      async (l) => pushed(l.token, bookingDoc(l, w.teacher.id, nextSlot())),
      [
        ["learner", "session_booked", "Session confirmed"],
        ["teacher", "session_booked", "New session booked"],
      ],
    ],
    [
      "a booking from the device, declined",
      async (l) => pushed(l.token, bookingDoc(l, w.teacher.id, new Date(Date.now() - H))),
      [["learner", "session_booked", "Booking declined"]],
    ],
    [
      "the learner cancels",
      async (l) => api(`/api/sessions/${await book(l)}/cancel`, l.token),
      [["teacher", "session_cancelled", "Session cancelled"]],
    ],
    [
      "the teacher cancels",
      async (l) => api(`/api/sessions/${await book(l)}/cancel`, w.teacher.token),
      [["learner", "session_cancelled", "Session cancelled"]],
    ],
    [
      "the learner moves a session",
      async (l) => api(`/api/sessions/${await book(l)}/reschedule`, l.token, at(nextSlot())),
      [["teacher", "session_booked", "Session moved"]],
    ],
    [
      "the teacher moves a session",
      async (l) =>
        api(`/api/sessions/${await book(l)}/reschedule`, w.teacher.token, at(nextSlot())),
      [["learner", "session_booked", "Session moved"]],
    ],
    [
      "the teacher starts the session",
      async (l) => api(`/api/sessions/${await started(l, 0)}/start`, w.teacher.token),
      [["learner", "session_reminder", "Your session has started"]],
    ],
    [
      "the teacher completes the session",
      async (l) => api(`/api/sessions/${await started(l, 2)}/complete`, w.teacher.token),
      [["learner", "session_assessment", "How was your session?"]],
    ],
    [
      "the learner rates the teacher",
      async (l) =>
        pushed(
          l.token,
          requestDoc(l.id, { kind: "rate", targetSessionId: await completed(l), rating: 5 }),
        ),
      [["teacher", "session_assessment", "You were rated"]],
    ],
    [
      "the teacher rates the learner",
      async (l) =>
        pushed(
          w.teacher.token,
          requestDoc(w.teacher.id, {
            kind: "rate",
            targetSessionId: await completed(l),
            rating: 4,
          }),
        ),
      [["learner", "session_assessment", "You were rated"]],
    ],
  ];

  it.each(cases)("%s", async (_name, prepare, heard) => {
    const [l] = w.learners as [Learner];
    const people: Record<string, Heard[0]> = {
      [l.id]: "learner",
      [w.teacher.id]: "teacher",
      [w.creator.id]: "creator",
    };
    const act = await prepare(l);
    const before = new Set(
      (await t.deps.db.select({ id: notifications.id }).from(notifications)).map((n) => n.id),
    );
    expect((await act()).status).toBe(200);
    const fresh = (await t.deps.db.select().from(notifications)).filter((n) => !before.has(n.id));
    const got = fresh.map((n): Heard => [people[n.userId] ?? "creator", n.type, n.title]);
    expect(got.sort()).toEqual([...heard].sort());
  });

  it("a reassignment withdraws the old teacher's sessions and tells both", async () => {
    const l = w.learners[1] as Learner;
    const id = await book(l);
    await reassignTeacher(t.deps.db, {
      enrollmentId: l.enrollmentId,
      actorId: w.creator.id,
      teacherId: null,
    });
    const told = await t.deps.db
      .select()
      .from(notifications)
      .where(eq(notifications.type, "session_cancelled"));
    const about = told.filter((n) => n.body.includes("the learner has a new teacher"));
    expect(about.map((n) => n.userId).sort()).toEqual([l.id, w.teacher.id].sort());
    const [s] = await t.deps.db.select().from(sessions).where(eq(sessions.id, id));
    expect(s?.status).toBe("cancelled");
  });
});

describe.each(databaseKinds())("notices in the reader's time zone (%s)", (kind) => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await makeWorld(t, { learners: 2, sessionCount: 4 });
    await t.deps.db.execute(
      sql`UPDATE users SET timezone = 'Europe/Berlin' WHERE id = ${w.teacher.id}`,
    );
    const [l, unknown] = w.learners as [Learner, Learner];
    await t.deps.db.execute(sql`UPDATE users SET timezone = 'America/New_York' WHERE id = ${l.id}`);
    // A zone stored before zones were checked: read as UTC, never an error.
    await t.deps.db.execute(
      sql`UPDATE users SET timezone = 'Mars/Olympus' WHERE id = ${unknown.id}`,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  /** 14:00 UTC on 15 July of next year: summer time on both sides of the Atlantic. */
  const summer = () => new Date(Date.UTC(new Date().getUTCFullYear() + 1, 6, 15, 14));
  const bodyOf = async (userId: string, title: string) =>
    (await t.deps.db.select().from(notifications).where(eq(notifications.userId, userId))).find(
      (n) => n.title === title,
    )?.body;

  it("the Berlin teacher and the New York learner each read their own wall time", async () => {
    const [l] = w.learners as [Learner];
    const start = summer();
    const o = await requestBooking(t, w, l, start);
    expect(o.status).toBe("confirmed");
    const date = `15 Jul ${start.getUTCFullYear()}`;
    expect(await bodyOf(l.id, "Session confirmed")).toContain(
      `${date}, 10:00 GMT-4 (America/New_York)`,
    );
    expect(await bodyOf(w.teacher.id, "New session booked")).toContain(
      `${date}, 16:00 CEST (Europe/Berlin)`,
    );
    // The teacher cancels: the learner reads it in New York time too.
    const res = await t.call(
      "POST",
      `/api/sessions/${o.status === "confirmed" ? o.sessionId : ""}/cancel`,
      {
        token: w.teacher.token,
        body: {},
      },
    );
    expect(res.status).toBe(200);
    expect(await bodyOf(l.id, "Session cancelled")).toContain("10:00 GMT-4 (America/New_York)");
  });

  it("an unknown stored zone reads as UTC", async () => {
    const [, other] = w.learners as [Learner, Learner];
    const start = new Date(summer().getTime() + 2 * H);
    expect((await requestBooking(t, w, other, start)).status).toBe("confirmed");
    const body = await bodyOf(other.id, "Session confirmed");
    expect(body).toContain("16:00 UTC");
    expect(body).not.toContain("Mars");
  });
});
