/**
 * The demo world's teaching: every teacher's weekly availability (in their own time zone),
 * and sessions on the enrollments that have a teacher — completed ones with assessments
 * both ways, upcoming ones inside the teacher's availability, and cancelled ones (one by a
 * learner in good time, one by a teacher). Never more sessions than a course includes;
 * students_taught then follows the completed sessions. Runs inside the demo seed's
 * transaction, so it is as idempotent as the seed.
 */
import { inArray } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import { addDays, dayOfWeek, utcToZoned, zonedToUtc } from "../../shared/scheduling/time-zones";
import type { Config } from "../config";
import type { Db } from "../db/database";
import * as s from "../db/schema";
import { recomputeStudentsTaught } from "../scheduling/complete";
import { meetingLinkFor } from "../scheduling/video";

const H = 3_600_000;
const DAY = 24 * H;

type Enrollment = typeof s.enrollments.$inferInsert & {
  id: string;
  studentTeacherId: string | null;
};

/** What each enrollment with a teacher gets: past (completed) sessions, then the rest. */
type Plan = {
  completed: number;
  upcoming: number;
  cancelledByLearner?: boolean;
  cancelledByTeacher?: boolean;
};

function planFor(e: Enrollment, sessionCount: number | null): Plan {
  const room = sessionCount ?? 3;
  if (e.status === "completed") return { completed: Math.min(room, 2), upcoming: 0 };
  if (e.status === "cancelled") return { completed: 0, upcoming: 0 };
  if (e.status === "enrolled") return { completed: 0, upcoming: 0, cancelledByTeacher: true };
  // In progress: one done, one booked (and, where the course allows it, one the learner moved away from).
  return { completed: Math.min(1, room - 1), upcoming: 1, cancelledByLearner: true };
}

const RATINGS = [5, 4, 5, 5, 4];
const COMMENTS = {
  learner: [
    "Patient and clear — I finally understood it.",
    "Great examples, we built something real.",
    "Really well prepared. Thank you!",
  ],
  teacher: [
    "Came prepared with questions.",
    "Quick learner, did the homework.",
    "A pleasure to teach.",
  ],
};

export async function seedTeaching(
  tx: Db,
  config: Config,
  enrollments: Enrollment[],
  now: number,
): Promise<void> {
  const taught = enrollments.filter((e) => e.studentTeacherId);
  const teacherIds = [...new Set(taught.map((e) => e.studentTeacherId as string))];
  if (teacherIds.length === 0) return;
  const people = await tx
    .select({ id: s.users.id, timezone: s.users.timezone })
    .from(s.users)
    .where(inArray(s.users.id, teacherIds));
  const zoneOf = new Map(people.map((p) => [p.id, p.timezone]));

  // Weekdays 17:00–20:00 and Saturday 10:00–13:00, each teacher in their own zone.
  await tx.insert(s.availability).values(
    teacherIds.flatMap((userId) => {
      const timezone = zoneOf.get(userId) ?? "UTC";
      return [
        ...[1, 2, 3, 4, 5].map((d) => ({
          dayOfWeek: d,
          startTime: "17:00:00",
          endTime: "20:00:00",
        })),
        { dayOfWeek: 6, startTime: "10:00:00", endTime: "13:00:00" },
      ].map((slot) => ({ id: uuidv7(), userId, timezone, isRecurring: true, ...slot }));
    }),
  );

  const courseRows = await tx
    .select({ id: s.courses.id, sessionCount: s.courses.sessionCount })
    .from(s.courses)
    .where(inArray(s.courses.id, [...new Set(taught.map((e) => e.courseId))]));
  const countOf = new Map(courseRows.map((c) => [c.id, c.sessionCount]));

  // Each session on its own weekday evening (18:00 in the teacher's zone), so no teacher or
  // learner is ever double-booked: upcoming ones from 3 days ahead, past ones going back.
  let ahead = 0;
  let back = 0;
  const eveningOf = (teacherId: string, direction: 1 | -1) => {
    const zone = zoneOf.get(teacherId) ?? "UTC";
    const today = utcToZoned(new Date(now), zone).date;
    for (;;) {
      const step = direction === 1 ? 3 + ahead++ : -(2 + back++ * 2);
      const date = addDays(today, step);
      const dow = dayOfWeek(date);
      if (dow >= 1 && dow <= 5) return zonedToUtc(date, "18:00:00", zone);
    }
  };

  let n = 0;
  const rows: (typeof s.sessions.$inferInsert)[] = [];
  const assessments: (typeof s.sessionAssessments.$inferInsert)[] = [];
  for (const e of taught) {
    const teacherId = e.studentTeacherId as string;
    const plan = planFor(e, countOf.get(e.courseId) ?? null);
    const add = (start: Date, status: "completed" | "scheduled" | "cancelled", extra = {}) => {
      const id = uuidv7();
      rows.push({
        id,
        enrollmentId: e.id,
        teacherId,
        studentId: e.studentId,
        scheduledStart: start,
        scheduledEnd: new Date(start.getTime() + H),
        status,
        bbbMeetingUrl: meetingLinkFor(config, id),
        createdAt: new Date(Math.min(now, start.getTime()) - 7 * DAY),
        ...extra,
      });
      return id;
    };
    for (let i = 0; i < plan.completed; i++) {
      const id = add(eveningOf(teacherId, -1), "completed");
      const k = n++;
      assessments.push(
        {
          id: uuidv7(),
          sessionId: id,
          assessorId: e.studentId,
          assesseeId: teacherId,
          rating: RATINGS[k % RATINGS.length] ?? 5,
          comment: COMMENTS.learner[k % COMMENTS.learner.length] ?? null,
        },
        {
          id: uuidv7(),
          sessionId: id,
          assessorId: teacherId,
          assesseeId: e.studentId,
          rating: RATINGS[(k + 2) % RATINGS.length] ?? 5,
          comment: COMMENTS.teacher[k % COMMENTS.teacher.length] ?? null,
        },
      );
    }
    if (plan.cancelledByLearner)
      add(eveningOf(teacherId, 1), "cancelled", {
        cancelledBy: e.studentId,
        cancelReason: "Moved to another week",
        countsAsUsed: false, // cancelled days ahead: free
      });
    if (plan.cancelledByTeacher)
      add(eveningOf(teacherId, 1), "cancelled", {
        cancelledBy: teacherId,
        cancelReason: "Teacher unwell — please book another time",
      });
    for (let i = 0; i < plan.upcoming; i++) add(eveningOf(teacherId, 1), "scheduled");
  }
  if (rows.length) await tx.insert(s.sessions).values(rows);
  if (assessments.length) await tx.insert(s.sessionAssessments).values(assessments);

  // students_taught follows the completed sessions.
  const pairs = await tx
    .select({ userId: s.studentTeachers.userId, courseId: s.studentTeachers.courseId })
    .from(s.studentTeachers);
  for (const p of pairs) await recomputeStudentsTaught(tx, p.userId, p.courseId);
}
