/**
 * A booking and a reassignment of the same learner, interleaved on a real Postgres: no
 * session is ever left scheduled with the teacher the learner was moved away from.
 *
 * The interleavings are forced, not hoped for: a third connection holds a SHARE lock on
 * `sessions`, which lets every read through but stops any write to the table, so each of
 * the two transactions can be parked at its first write to sessions — the booking's insert,
 * the reassignment's withdrawal — while the other one starts. Then the lock is let go.
 */
import { and, eq, inArray } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reassignTeacher } from "../../sync-server/credentials/teachers";
import { enrollments, sessions } from "../../sync-server/db/schema";
import { submitRequest } from "../../sync-server/scheduling/requests";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { hoursAhead, type Learner, makeWorld, requestBooking, type World } from "./world";

const H = 3_600_000;
const onPostgres = databaseKinds().includes("postgres");

describe.skipIf(!onPostgres)("booking against a reassignment (postgres)", () => {
  let t: TestApp;
  let w: World;
  let blocker: pg.Client;

  beforeAll(async () => {
    t = await createTestApp("postgres");
    w = await makeWorld(t, { learners: 8, sessionCount: 10 });
    blocker = new pg.Client({ connectionString: t.database.url });
    await blocker.connect();
  });
  afterAll(async () => {
    await blocker?.end();
    await t?.close();
  });

  /** Waits until `n` other backends of this database are waiting for a lock. */
  async function untilWaiting(n: number) {
    for (let i = 0; i < 500; i++) {
      const { rows } = await blocker.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      if (rows[0]?.n >= n) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`never saw ${n} transactions waiting for a lock`);
  }

  // With the world's teacher: the device still shows the old one.
  const book = (l: Learner, hours: number) => requestBooking(t, w, l, hoursAhead(hours));
  const reassign = (l: Learner) =>
    reassignTeacher(t.deps.db, {
      enrollmentId: l.enrollmentId,
      actorId: w.creator.id,
      teacherId: null,
    });

  /** Sessions still occupying the former teacher's time with these learners. */
  const leftWithFormerTeacher = (learners: Learner[]) =>
    t.deps.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(
        and(
          eq(sessions.teacherId, w.teacher.id),
          inArray(
            sessions.enrollmentId,
            learners.map((l) => l.enrollmentId),
          ),
          inArray(sessions.status, ["scheduled", "in_progress"]),
        ),
      );

  it("booking first, reassignment while it is in flight: the new session is withdrawn", async () => {
    const l = w.learners[0] as Learner;
    await blocker.query("BEGIN; LOCK TABLE sessions IN SHARE MODE");
    const booking = book(l, 30); // parked at its insert
    await untilWaiting(1);
    const moving = reassign(l); // must not slip in between the booking's read and insert
    await untilWaiting(2);
    await blocker.query("COMMIT");
    const [o, moved] = await Promise.all([booking, moving]);
    expect(o.status).toBe("confirmed");
    expect(moved.studentTeacherId).toBeNull();
    expect(await leftWithFormerTeacher([l])).toEqual([]);
    const [s] = await t.deps.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, o.status === "confirmed" ? o.sessionId : ""));
    expect([s?.status, s?.countsAsUsed]).toEqual(["cancelled", false]);
  });

  it("reassignment first, booking while it is in flight: the booking is declined", async () => {
    const l = w.learners[1] as Learner;
    await blocker.query("BEGIN; LOCK TABLE sessions IN SHARE MODE");
    const moving = reassign(l); // parked at its withdrawal of the old teacher's sessions
    await untilWaiting(1);
    const booking = book(l, 40);
    await untilWaiting(2);
    await blocker.query("COMMIT");
    const [moved, o] = await Promise.all([moving, booking]);
    expect(moved.studentTeacherId).toBeNull();
    expect(o).toMatchObject({ status: "declined", code: "not_enrolled" });
    expect(await leftWithFormerTeacher([l])).toEqual([]);
  });

  it("reschedules racing reassignments leave nothing with the former teacher either", async () => {
    const rest = w.learners.slice(2);
    const booked = await Promise.all(rest.map((l, i) => book(l, 50 + i * 2)));
    expect(booked.every((o) => o.status === "confirmed")).toBe(true);
    await Promise.all(
      rest.flatMap((l, i) => {
        const o = booked[i];
        const start = hoursAhead(80 + i * 2);
        return [
          submitRequest(t.deps.db, t.deps.config, l.id, {
            kind: "reschedule",
            targetSessionId: o?.status === "confirmed" ? o.sessionId : "",
            start,
            end: new Date(start.getTime() + H),
          }),
          book(l, 120 + i * 2),
          reassign(l),
        ];
      }),
    );
    expect(await leftWithFormerTeacher(rest)).toEqual([]);
    const moved = await t.deps.db
      .select({ teacher: enrollments.studentTeacherId })
      .from(enrollments)
      .where(
        inArray(
          enrollments.id,
          rest.map((l) => l.enrollmentId),
        ),
      );
    expect(moved.every((e) => e.teacher === null)).toBe(true);
  });
});
