/**
 * The demo world seeder: idempotent, polite to databases that have data of their own, and
 * consistent with world.ts and docs/seed-schema.md (expected figures are derived from them).
 */
import { readFileSync } from "node:fs";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { queryRows } from "../../sync-server/db/database";
import * as s from "../../sync-server/db/schema";
import { seedDemoWorld } from "../../sync-server/demo/seed";
import { demoCourseRatings } from "../../sync-server/demo/teaching-plan";
import * as w from "../../sync-server/demo/world";
import { PLATFORM_HANDLE } from "../../sync-server/payments/platform-account";
import { createTestApp, TEST_ENV, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";

/** "Thresholds (from CD-023)" of docs/seed-schema.md: "- 1,000 points → …". */
const docThresholds = (
  readFileSync(new URL("../../docs/seed-schema.md", import.meta.url), "utf8")
    .split("**Thresholds (from CD-023):**")[1]
    ?.trimStart()
    .split(/\n\s*\n/)[0]
    ?.split("\n") ?? []
).map((l) => Number(l.match(/^- ([\d,]+) points/)?.[1]?.replace(/,/g, "")));

const moduleCount = (slug: string) => w.demoCourses.find((c) => c.slug === slug)?.modules.length;

describe.each(databaseKinds())("demo seed on %s", (kind) => {
  let t: TestApp;
  const counts = async () => {
    const n = async (table: typeof s.users | typeof s.courses | typeof s.enrollments) =>
      (await t.deps.db.select({ n: count() }).from(table))[0]?.n;
    const progress = (await t.deps.db.select({ n: count() }).from(s.moduleProgress))[0]?.n;
    return {
      users: await n(s.users),
      courses: await n(s.courses),
      enrollments: await n(s.enrollments),
      moduleProgress: progress,
    };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("fills the world once; seeding again changes nothing", async () => {
    const first = await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty: false });
    expect(first).toMatchObject({
      created: true,
      users: w.demoUsers.length,
      courses: w.demoCourses.length,
      enrollments: w.demoEnrollments.length,
    });
    const after = await counts();
    expect(after).toEqual({
      users: w.demoUsers.length + 1, // + the platform account (payments/platform-account.ts)
      courses: w.demoCourses.length,
      enrollments: w.demoEnrollments.length,
      moduleProgress: w.demoEnrollments.reduce(
        (n, e) => n + Math.min(e.completedModules, moduleCount(e.course) ?? 0),
        0,
      ),
    });
    for (const onlyIfEmpty of [false, true]) {
      const again = await seedDemoWorld(t.deps.db, t.deps.config, { onlyIfEmpty });
      expect(again).toEqual({ created: false, reason: "already_seeded" });
      expect(await counts()).toEqual(after);
    }
  });

  it("with onlyIfEmpty leaves alone a database that has users of its own", async () => {
    const other = await createTestApp(kind);
    try {
      await other.deps.db.insert(s.users).values({
        id: uuidv7(),
        email: "owner@example.com",
        passwordHash: "x",
        name: "Owner",
        handle: "owner",
      });
      const res = await seedDemoWorld(other.deps.db, other.deps.config, { onlyIfEmpty: true });
      expect(res).toEqual({ created: false, reason: "not_empty" });
      const [u] = await other.deps.db.select({ n: count() }).from(s.users);
      const [c] = await other.deps.db.select({ n: count() }).from(s.courses);
      const [cat] = await other.deps.db.select({ n: count() }).from(s.categories);
      expect([u?.n, c?.n, cat?.n]).toEqual([1, 0, 0]);
    } finally {
      await other.close();
    }
  });

  it("stores the goodwill reward thresholds of the seed document", async () => {
    const rows = await t.deps.db
      .select()
      .from(s.goodwillRewards)
      .orderBy(asc(s.goodwillRewards.pointsThreshold));
    expect(docThresholds).toEqual([500, 1000, 2500, 5000]);
    expect(rows.map((r) => r.pointsThreshold)).toEqual(docThresholds);
    expect(rows.map((r) => r.rewardType)).toEqual([
      "badge",
      "discount",
      "free_session",
      "revenue_bonus",
    ]);
  });

  it("lets every demo account sign in with the demo password", async () => {
    expect(t.deps.config.PASSWORD_SCRYPT_N).toBe(Number(TEST_ENV.PASSWORD_SCRYPT_N));
    const hashes = await t.deps.db
      .select({ h: s.users.passwordHash })
      .from(s.users)
      .where(sql`${s.users.handle} <> ${PLATFORM_HANDLE}`);
    for (const { h } of hashes)
      expect(h).toMatch(new RegExp(`^scrypt\\$${TEST_ENV.PASSWORD_SCRYPT_N}\\$`));
    for (const u of w.demoUsers) {
      const res = await t.call("POST", "/api/auth/login", {
        body: { email: u.email, password: w.DEMO_PASSWORD },
      });
      expect([u.email, res.status]).toEqual([u.email, 200]);
      expect(res.body.user).toMatchObject({ handle: u.handle, role: u.role, emailVerified: true });
    }
    const wrong = await t.call("POST", "/api/auth/login", {
      body: { email: w.demoUsers[0]?.email, password: `${w.DEMO_PASSWORD}x` },
    });
    expect(wrong.status).toBe(401);
  });

  it("certifies Student-Teachers only on courses they completed", async () => {
    const rows = await queryRows<{ user_id: string; course_id: string; completed: number }>(
      t.deps.db,
      sql`SELECT st.user_id, st.course_id,
                 (SELECT count(*)::int FROM enrollments e
                   WHERE e.student_id = st.user_id AND e.course_id = st.course_id
                     AND e.status = 'completed') AS completed
            FROM student_teachers st`,
    );
    expect(rows).toHaveLength(w.demoStudentTeachers.length);
    for (const r of rows) expect(r.completed, `${r.user_id} ${r.course_id}`).toBe(1);

    // …and every enrollment taught by a Student-Teacher is on a course they are certified for.
    const taught = await t.deps.db
      .select({ teacher: s.enrollments.studentTeacherId, course: s.enrollments.courseId })
      .from(s.enrollments)
      .where(sql`${s.enrollments.studentTeacherId} IS NOT NULL`);
    expect(taught.length).toBe(w.demoEnrollments.filter((e) => e.teacher).length);
    for (const e of taught) {
      const [cert] = await t.deps.db
        .select({ id: s.studentTeachers.id })
        .from(s.studentTeachers)
        .where(
          and(
            eq(s.studentTeachers.userId, e.teacher as string),
            eq(s.studentTeachers.courseId, e.course),
          ),
        );
      expect(cert).toBeDefined();
    }
  });

  it("computes user_stats: one row per user, courses_created per creator", async () => {
    const rows = await queryRows<{ handle: string; courses_created: number; n: number }>(
      t.deps.db,
      sql`SELECT u.handle, st.courses_created, count(*) OVER (PARTITION BY st.user_id)::int AS n
            FROM user_stats st JOIN users u ON u.id = st.user_id`,
    );
    expect(rows.map((r) => r.handle).sort()).toEqual(
      [...w.demoUsers.map((u) => u.handle), PLATFORM_HANDLE].sort(),
    );
    for (const r of rows) {
      expect([r.handle, r.n, r.courses_created]).toEqual([
        r.handle,
        1,
        w.demoCourses.filter((c) => c.creator === r.handle).length,
      ]);
    }
    const creators = rows.filter((r) => r.courses_created > 0).map((r) => r.handle);
    expect(creators.sort()).toEqual([...new Set(w.demoCourses.map((c) => c.creator))].sort());
  });

  it("stores each course's rating and count as the recompute over its rating rows", async () => {
    // Independent of scheduling/rate.ts: learners' ratings of their sessions, per course.
    const rows = await queryRows<{
      slug: string;
      rating: string | null;
      rating_count: number;
      avg: string | null;
      n: number;
    }>(
      t.deps.db,
      sql`SELECT c.slug, c.rating::text AS rating, c.rating_count,
                 (SELECT round(avg(a.rating), 2)::text FROM session_assessments a
                    JOIN sessions x ON x.id = a.session_id AND a.assessor_id = x.student_id
                    JOIN enrollments e ON e.id = x.enrollment_id
                   WHERE e.course_id = c.id) AS avg,
                 (SELECT count(*)::int FROM session_assessments a
                    JOIN sessions x ON x.id = a.session_id AND a.assessor_id = x.student_id
                    JOIN enrollments e ON e.id = x.enrollment_id
                   WHERE e.course_id = c.id) AS n
            FROM courses c ORDER BY c.slug`,
    );
    expect(rows).toHaveLength(w.demoCourses.length);
    const planned = demoCourseRatings();
    for (const r of rows) {
      expect([r.slug, r.rating, r.rating_count]).toEqual([r.slug, r.avg, r.n]);
      const p = planned.get(r.slug);
      expect([r.slug, r.rating === null ? null : Number(r.rating), r.rating_count]).toEqual([
        r.slug,
        p?.rating,
        p?.count,
      ]);
    }
    // Not thin: every course someone studies or finished has a handful of ratings, in range.
    const studied = new Set(
      w.demoEnrollments
        .filter((e) => e.status === "completed" || e.status === "in_progress")
        .map((e) => e.course),
    );
    for (const r of rows.filter((x) => studied.has(x.slug))) {
      expect([r.slug, r.n >= 2]).toEqual([r.slug, true]);
      expect(Number(r.rating)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("user_stats agree with independent SQL over sessions and assessments", async () => {
    const view = await queryRows<Record<string, unknown>>(
      t.deps.db,
      sql`SELECT user_id, students_taught, average_rating::text AS average_rating, total_reviews
            FROM user_stats ORDER BY user_id`,
    );
    const independent = await queryRows<Record<string, unknown>>(
      t.deps.db,
      sql`SELECT u.id AS user_id,
                 (SELECT count(*) FROM (SELECT DISTINCT student_id FROM sessions
                     WHERE teacher_id = u.id AND status = 'completed') d)::int AS students_taught,
                 to_char(coalesce((SELECT round(sum(rating)::numeric / count(*), 2)
                     FROM session_assessments WHERE assessee_id = u.id), 0), 'FM0.00') AS average_rating,
                 (SELECT count(*) FROM session_assessments WHERE assessee_id = u.id)::int AS total_reviews
            FROM users u WHERE u.deleted_at IS NULL ORDER BY u.id`,
    );
    expect(view).toEqual(independent);
    // Creators who teach their own learners are rated and count students too.
    const creator = await queryRows<{ students_taught: number; total_reviews: number }>(
      t.deps.db,
      sql`SELECT st.students_taught, st.total_reviews FROM user_stats st
            JOIN users u ON u.id = st.user_id WHERE u.handle = 'lena'`,
    );
    expect(creator[0]?.students_taught).toBeGreaterThan(0);
    expect(creator[0]?.total_reviews).toBeGreaterThan(0);
  });
});
