/**
 * The demo world's teaching is consistent: sessions of every status, assessments both ways
 * on completed ones, never more sessions than a course includes, no one double-booked,
 * upcoming sessions inside the teacher's availability, students_taught from the sessions,
 * completed sessions inside their enrollment's time, and every enrollment's teacher — also a
 * creator teaching their own learner — offering weekly times the learner sees.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fitsInWindows, openWindows } from "../../shared/scheduling/open-times";
import { queryRows } from "../../sync-server/db/database";
import { seedDemoWorld } from "../../sync-server/demo/seed";
import { DEMO_PASSWORD } from "../../sync-server/demo/world";
import { loadSlots, sessionsUsed } from "../../sync-server/scheduling/facts";
import { login } from "../support/sync-protocol";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";

describe.each(databaseKinds())("demo teaching (%s)", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("has sessions of each status; completed ones rated both ways", async () => {
    const byStatus = await queryRows<{ status: string; n: number; rated: number }>(
      t.deps.db,
      sql`SELECT s.status, count(*)::int AS n,
                 count(*) FILTER (WHERE (SELECT count(*) FROM session_assessments a
                                          WHERE a.session_id = s.id) = 2)::int AS rated
            FROM sessions s GROUP BY s.status`,
    );
    const get = (st: string) => byStatus.find((r) => r.status === st);
    for (const st of ["scheduled", "completed", "cancelled"])
      expect(get(st)?.n ?? 0).toBeGreaterThan(0);
    expect(get("completed")?.rated).toBe(get("completed")?.n);
    expect(get("scheduled")?.rated).toBe(0);
  });

  it("keeps within session_count, double-books no one, and students_taught follows sessions", async () => {
    // Counted by the rule bookings are decided by (shared/scheduling/sessions-used.ts).
    const limited = await queryRows<{ id: string; n: number }>(
      t.deps.db,
      sql`SELECT e.id, c.session_count AS n FROM enrollments e
            JOIN courses c ON c.id = e.course_id
           WHERE c.session_count IS NOT NULL
             AND EXISTS (SELECT 1 FROM sessions s WHERE s.enrollment_id = e.id)`,
    );
    expect(limited.length).toBeGreaterThan(0);
    const over: string[] = [];
    for (const e of limited)
      if ((await sessionsUsed(t.deps.db, e.id)) > Number(e.n)) over.push(e.id);
    expect(over).toEqual([]);
    const clashes = await queryRows(
      t.deps.db,
      sql`SELECT a.id FROM sessions a JOIN sessions b ON a.id < b.id
           AND a.status IN ('scheduled', 'in_progress') AND b.status IN ('scheduled', 'in_progress')
           AND a.scheduled_start < b.scheduled_end AND b.scheduled_start < a.scheduled_end
           AND (a.teacher_id IN (b.teacher_id, b.student_id) OR a.student_id IN (b.teacher_id, b.student_id))`,
    );
    expect(clashes).toEqual([]);
    const wrong = await queryRows(
      t.deps.db,
      sql`SELECT st.id FROM student_teachers st
           WHERE st.students_taught <> (SELECT count(DISTINCT s.student_id) FROM sessions s
             JOIN enrollments e ON e.id = s.enrollment_id
            WHERE s.teacher_id = st.user_id AND e.course_id = st.course_id AND s.status = 'completed')`,
    );
    expect(wrong).toEqual([]);
  });

  it("upcoming sessions lie inside their teacher's availability", async () => {
    const upcoming = await queryRows<{
      teacher_id: string;
      scheduled_start: string;
      scheduled_end: string;
    }>(
      t.deps.db,
      sql`SELECT teacher_id, scheduled_start, scheduled_end FROM sessions WHERE status = 'scheduled'`,
    );
    expect(upcoming.length).toBeGreaterThan(0);
    for (const u of upcoming) {
      const want = {
        start: new Date(u.scheduled_start).getTime(),
        end: new Date(u.scheduled_end).getTime(),
      };
      const slots = await loadSlots(t.deps.db, u.teacher_id);
      const windows = openWindows(slots, [], {
        start: want.start - 86_400_000,
        end: want.end + 86_400_000,
      });
      expect(fitsInWindows(windows, want)).toBe(true);
    }
  });

  it("every enrollment's teacher offers weekly times; a creator-taught learner sees them", async () => {
    const without = await queryRows(
      t.deps.db,
      sql`SELECT e.id FROM enrollments e JOIN courses c ON c.id = e.course_id
           WHERE e.status <> 'cancelled' AND NOT EXISTS (
             SELECT 1 FROM availability a WHERE a.deleted_at IS NULL AND a.is_recurring
                AND a.user_id = coalesce(e.student_teacher_id, c.creator_id))`,
    );
    expect(without).toEqual([]);
    // Sarah's Full-Stack Web Apps has no Student-Teacher: Lena, its creator, teaches her.
    const [row] = await queryRows<{ creator_id: string; student_teacher_id: string | null }>(
      t.deps.db,
      sql`SELECT c.creator_id, e.student_teacher_id FROM enrollments e
            JOIN courses c ON c.id = e.course_id JOIN users u ON u.id = e.student_id
           WHERE u.handle = 'sarah' AND c.slug = 'fullstack-web-apps'`,
    );
    expect(row?.student_teacher_id).toBeNull();
    const token = await login(t, "sarah@peerloop.demo", DEMO_PASSWORD);
    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    const res = await t.call(
      "GET",
      `/api/teachers/${row?.creator_id}/open-times?from=${day(1)}&to=${day(14)}&tz=Europe/London`,
      { token },
    );
    expect(res.status).toBe(200);
    expect(res.body.starts.length).toBeGreaterThan(0);
  });

  it("completed sessions lie inside their enrollment's weeks, in the past", async () => {
    const outside = await queryRows(
      t.deps.db,
      sql`SELECT s.id FROM sessions s JOIN enrollments e ON e.id = s.enrollment_id
           WHERE s.status = 'completed' AND (s.scheduled_start < e.enrolled_at
              OR s.scheduled_end > coalesce(e.completed_at, now()))`,
    );
    expect(outside).toEqual([]);
  });
});
