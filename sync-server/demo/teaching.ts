/**
 * The demo world's teaching, from the plan of teaching-plan.ts: every teacher's weekly
 * availability in their own time zone — Student-Teachers and the creators who teach
 * enrollments without one — and the sessions of every enrollment: completed ones inside
 * the enrollment's own weeks, rated both ways; upcoming ones inside the teacher's
 * availability; cancelled ones (one by a learner in good time, one by a teacher). Nobody
 * is ever in two sessions at once. students_taught, and each course's rating and count,
 * are then recomputed from these rows by the live code. Runs inside the demo seed's
 * transaction, so it is as idempotent as the seed.
 */
import { inArray } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { addDays, dayOfWeek, utcToZoned, zonedToUtc } from "../../shared/scheduling/time-zones";
import type { Config } from "../config";
import type { Db } from "../db/database";
import * as s from "../db/schema";
import { recomputeStudentsTaught } from "../scheduling/complete";
import { recomputeCourseRating } from "../scheduling/rate";
import { meetingLinkFor } from "../scheduling/video";
import { demoTeachingPlan } from "./teaching-plan";

const H = 3_600_000;
const DAY = 24 * H;

type Enrollment = typeof s.enrollments.$inferInsert & {
  id: string;
  studentTeacherId: string | null;
  enrolledAt: Date;
  completedAt: Date | null;
};

/** Weekdays 17:00–20:00 and Saturday 10:00–13:00, in the teacher's zone. */
const WEEKLY = [
  ...[1, 2, 3, 4, 5].map((d) => ({ dayOfWeek: d, startTime: "17:00:00", endTime: "20:00:00" })),
  { dayOfWeek: 6, startTime: "10:00:00", endTime: "13:00:00" },
];
/** Session starts tried on a weekday evening, all inside WEEKLY. */
const EVENING = ["18:00:00", "17:00:00", "19:00:00"];

/** Who is busy when: finds each session an evening neither participant is taken. */
class Diary {
  private busy = new Map<string, { start: number; end: number }[]>();

  /** Books the first free evening hour on `date` (teacher's zone), if it is a weekday. */
  take(people: string[], date: string, zone: string, within: { lo: number; hi: number }) {
    const dow = dayOfWeek(date);
    if (dow < 1 || dow > 5) return undefined;
    for (const time of EVENING) {
      const start = zonedToUtc(date, time, zone).getTime();
      const end = start + H;
      if (start < within.lo || end > within.hi) continue;
      const clash = people.some((p) =>
        (this.busy.get(p) ?? []).some((b) => b.start < end && start < b.end),
      );
      if (clash) continue;
      for (const p of people) this.busy.set(p, [...(this.busy.get(p) ?? []), { start, end }]);
      return new Date(start);
    }
    return undefined;
  }

  /** The free evening nearest `around` (searching later first, then earlier) within bounds. */
  near(people: string[], around: number, zone: string, within: { lo: number; hi: number }) {
    const day = utcToZoned(new Date(around), zone).date;
    for (let step = 0; step < 120; step++) {
      for (const offset of step === 0 ? [0] : [step, -step]) {
        const found = this.take(people, addDays(day, offset), zone, within);
        if (found) return found;
      }
    }
    throw new Error("demo teaching: no free evening for a session");
  }
}

export async function seedTeaching(
  tx: Db,
  config: Config,
  enrollments: Enrollment[],
  now: number,
): Promise<void> {
  const plan = demoTeachingPlan();
  if (plan.length !== enrollments.length) throw new Error("demo teaching: plan does not match");
  const courseRows = await tx
    .select({ id: s.courses.id, creatorId: s.courses.creatorId })
    .from(s.courses);
  const creatorOf = new Map(courseRows.map((c) => [c.id, c.creatorId]));
  const teacherOf = (e: Enrollment) => e.studentTeacherId ?? (creatorOf.get(e.courseId) as string);
  const teacherIds = [...new Set(enrollments.map(teacherOf))];
  const people = await tx
    .select({ id: s.users.id, timezone: s.users.timezone })
    .from(s.users)
    .where(inArray(s.users.id, teacherIds));
  const zoneOf = new Map(people.map((p) => [p.id, p.timezone]));

  await tx.insert(s.availability).values(
    teacherIds.flatMap((userId) =>
      WEEKLY.map((slot) => ({
        id: uuidv7(),
        userId,
        timezone: zoneOf.get(userId) ?? "UTC",
        isRecurring: true,
        ...slot,
      })),
    ),
  );

  const diary = new Diary();
  const rows: (typeof s.sessions.$inferInsert)[] = [];
  const assessments: (typeof s.sessionAssessments.$inferInsert)[] = [];
  // Upcoming and cancelled sessions from three days ahead, each on the next free evening.
  const ahead = { lo: now + 3 * DAY, hi: now + 120 * DAY };
  enrollments.forEach((e, i) => {
    const p = plan[i];
    if (!p) return;
    const teacherId = teacherOf(e);
    const zone = zoneOf.get(teacherId) ?? "UTC";
    const both = [teacherId, e.studentId];
    const add = (start: Date, status: "completed" | "scheduled" | "cancelled", extra = {}) => {
      const id = uuidv7();
      const created = Math.min(now, Math.max(e.enrolledAt.getTime(), start.getTime() - 7 * DAY));
      rows.push({
        id,
        enrollmentId: e.id,
        teacherId,
        studentId: e.studentId,
        scheduledStart: start,
        scheduledEnd: new Date(start.getTime() + H),
        status,
        bbbMeetingUrl: meetingLinkFor(config, id),
        createdAt: new Date(created),
        updatedAt: new Date(Math.min(now, start.getTime() + H)),
        ...extra,
      });
      return id;
    };
    // Completed sessions spread over the enrollment's own weeks (ended a day before now).
    const past = {
      lo: e.enrolledAt.getTime() + DAY,
      hi: Math.min(e.completedAt?.getTime() ?? now, now - DAY),
    };
    p.completed.forEach((rated, k) => {
      const around = past.lo + ((k + 1) * (past.hi - past.lo)) / (p.completed.length + 1);
      const id = add(diary.near(both, around, zone, past), "completed");
      assessments.push(
        {
          id: uuidv7(),
          sessionId: id,
          assessorId: e.studentId,
          assesseeId: teacherId,
          rating: rated.learnerRating,
          comment: rated.learnerComment,
        },
        {
          id: uuidv7(),
          sessionId: id,
          assessorId: teacherId,
          assesseeId: e.studentId,
          rating: rated.teacherRating,
          comment: rated.teacherComment,
        },
      );
    });
    const next = () => diary.near(both, ahead.lo, zone, ahead);
    if (p.cancelledByLearner)
      add(next(), "cancelled", {
        cancelledBy: e.studentId,
        cancelReason: "Moved to another week",
        countsAsUsed: false, // cancelled days ahead: free
      });
    if (p.cancelledByTeacher)
      add(next(), "cancelled", {
        cancelledBy: teacherId,
        cancelReason: "Teacher unwell — please book another time",
      });
    for (let k = 0; k < p.upcoming; k++) add(next(), "scheduled");
  });
  if (rows.length) await tx.insert(s.sessions).values(rows);
  if (assessments.length) await tx.insert(s.sessionAssessments).values(assessments);

  // The figures that follow the rows, recomputed by the same code as live.
  const pairs = await tx
    .select({ userId: s.studentTeachers.userId, courseId: s.studentTeachers.courseId })
    .from(s.studentTeachers);
  for (const pair of pairs) await recomputeStudentsTaught(tx, pair.userId, pair.courseId);
  for (const c of courseRows) await recomputeCourseRating(tx, c.id);
}
