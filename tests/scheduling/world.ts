/**
 * A small teaching world for the scheduling suites: a creator, a certified teacher with
 * availability, learners enrolled with that teacher in a course of `sessionCount` sessions.
 * Built through the real registration API and plain inserts (no demo data).
 */
import { sql } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import {
  availability,
  categories,
  courses,
  enrollments,
  studentTeachers,
} from "../../sync-server/db/schema";
import { submitRequest } from "../../sync-server/scheduling/requests";
import { register } from "../support/sync-protocol";
import type { TestApp } from "../support/test-app";

export interface Person {
  id: string;
  token: string;
}
export interface Learner extends Person {
  enrollmentId: string;
}
export interface SlotSpec {
  dayOfWeek: number;
  startTime: string;
  endTime: string;
  timezone: string;
  specificDate?: string;
}

export interface World {
  creator: Person;
  teacher: Person;
  learners: Learner[];
  courseId: string;
}

/** Every day, all day, in UTC: for tests about something other than availability. */
export const ALWAYS: SlotSpec[] = [0, 1, 2, 3, 4, 5, 6].map((d) => ({
  dayOfWeek: d,
  startTime: "00:00:00",
  endTime: "23:59:59",
  timezone: "UTC",
}));

let worlds = 0;

export async function makeWorld(
  t: TestApp,
  opts: { learners: number; sessionCount: number; slots?: SlotSpec[] },
): Promise<World> {
  const tag = `w${++worlds}${Math.random().toString(36).slice(2, 6)}`;
  const db = t.deps.db;
  const creator = await register(t, `${tag}creator`);
  const teacher = await register(t, `${tag}teacher`);
  const learners: Learner[] = [];
  await db.execute(
    sql`UPDATE users SET is_creator = true, role = 'creator' WHERE id = ${creator.id}`,
  );
  await db.execute(
    sql`UPDATE users SET is_student_teacher = true, role = 'student_teacher' WHERE id = ${teacher.id}`,
  );
  const categoryId = uuidv7();
  await db.insert(categories).values({ id: categoryId, name: tag, slug: tag });
  const courseId = uuidv7();
  await db.insert(courses).values({
    id: courseId,
    creatorId: creator.id,
    title: `Course ${tag}`,
    slug: `course-${tag}`,
    description: "A test course",
    duration: "2 sessions",
    level: "beginner",
    priceCents: 1000,
    categoryId,
    sessionCount: opts.sessionCount,
  });
  await db
    .insert(studentTeachers)
    .values({ id: uuidv7(), userId: teacher.id, courseId, approvedBy: creator.id });
  for (let i = 0; i < opts.learners; i++) {
    const l = await register(t, `${tag}learner${i}`);
    const enrollmentId = uuidv7();
    await db.insert(enrollments).values({
      id: enrollmentId,
      studentId: l.id,
      courseId,
      studentTeacherId: teacher.id,
      status: "in_progress",
    });
    learners.push({ ...l, enrollmentId });
  }
  const slots = opts.slots ?? ALWAYS;
  if (slots.length)
    await db.insert(availability).values(
      slots.map((s) => ({
        id: uuidv7(),
        userId: teacher.id,
        dayOfWeek: s.dayOfWeek,
        startTime: s.startTime,
        endTime: s.endTime,
        timezone: s.timezone,
        isRecurring: !s.specificDate,
        specificDate: s.specificDate ?? null,
      })),
    );
  return { creator, teacher, learners, courseId };
}

/** A booking request document as a device writes it. */
export function bookingDoc(
  learner: Learner,
  teacherId: string,
  start: Date,
  minutes = 60,
): Record<string, unknown> {
  return {
    id: uuidv7(),
    userId: learner.id,
    kind: "book",
    teacherId,
    enrollmentId: learner.enrollmentId,
    targetSessionId: null,
    start: start.toISOString(),
    end: new Date(start.getTime() + minutes * 60_000).toISOString(),
    rating: null,
    comment: null,
    reason: null,
    status: "requested",
    declineCode: null,
    declineMessage: null,
    sessionId: null,
    createdAt: new Date().toISOString(),
    decidedAt: null,
  };
}

export function requestDoc(userId: string, fields: Record<string, unknown>) {
  return {
    id: uuidv7(),
    userId,
    kind: "book",
    teacherId: null,
    enrollmentId: null,
    targetSessionId: null,
    start: null,
    end: null,
    rating: null,
    comment: null,
    reason: null,
    status: "requested",
    declineCode: null,
    declineMessage: null,
    sessionId: null,
    createdAt: new Date().toISOString(),
    decidedAt: null,
    ...fields,
  };
}

/** A whole hour `days` days from now (UTC), so it is in the future and slot-aligned. */
export function hoursAhead(hours: number): Date {
  const t = Date.now() + hours * 3_600_000;
  return new Date(Math.ceil(t / 3_600_000) * 3_600_000);
}

/**
 * The learner asks the world's teacher for `minutes` from `start`, decided as a pushed
 * request is (the server's own decision, not a shortcut).
 */
export function requestBooking(
  t: Pick<TestApp, "deps">,
  w: Pick<World, "teacher">,
  learner: Learner,
  start: Date,
  minutes = 60,
) {
  return submitRequest(t.deps.db, t.deps.config, learner.id, {
    kind: "book",
    teacherId: w.teacher.id,
    enrollmentId: learner.enrollmentId,
    start,
    end: new Date(start.getTime() + minutes * 60_000),
  });
}

/** A booking the test needs confirmed: its session's id (a decline fails the test). */
export async function bookSession(
  t: Pick<TestApp, "deps">,
  w: Pick<World, "teacher">,
  learner: Learner,
  start: Date,
  minutes = 60,
): Promise<string> {
  const o = await requestBooking(t, w, learner, start, minutes);
  if (o.status !== "confirmed") throw new Error(`booking declined: ${o.code}`);
  return o.sessionId;
}
