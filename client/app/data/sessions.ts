/** The Sessions screen's data, from the local database (so it opens offline). */
import { groupSessions, type SessionsLeft, sessionsLeft } from "../sessions/grouping";
import type { RequestDoc, SessionDoc } from "../sessions/types";
import { useLive } from "./hooks";

export type { RequestDoc, SessionDoc };

export interface Bookable {
  enrollmentId: string;
  courseTitle: string;
  teacherId: string;
  sessionCount: number | null;
  count: SessionsLeft;
}

/** `nowMs` is the caller's clock (re-rendered now and then, so sessions change group in time). */
export function useSessionsView(me: string, nowMs: number) {
  const sessions = useLive((l) => l.db.sessions.find({ sort: [{ scheduledStart: "asc" }] }).$, []);
  const requests = useLive(
    (l) => l.db.sessionRequests.find({ sort: [{ createdAt: "desc" }] }).$,
    [],
  );
  const enrollments = useLive((l) => l.db.enrollments.find().$, []);
  const courses = useLive((l) => l.db.courses.find().$, []);
  if (!sessions || !requests || !enrollments || !courses) return null;
  const all = sessions.map((s) => s.toJSON() as SessionDoc);
  const reqs = requests.map((r) => r.toJSON() as RequestDoc);
  const title = (courseId: string) => courses.find((c) => c.id === courseId)?.title ?? "Course";
  const courseOf = new Map(enrollments.map((e) => [e.id, e.courseId]));
  const bookable: Bookable[] = enrollments
    .filter((e) => e.studentId === me && (e.status === "enrolled" || e.status === "in_progress"))
    .flatMap((e) => {
      const course = courses.find((c) => c.id === e.courseId);
      const teacherId = e.studentTeacherId ?? course?.creatorId;
      if (!teacherId) return [];
      const sessionCount = course?.sessionCount ?? null;
      return [
        {
          enrollmentId: e.id,
          courseTitle: title(e.courseId),
          teacherId,
          sessionCount,
          count: sessionsLeft(sessionCount, e.id, all, reqs),
        },
      ];
    });
  return {
    ...groupSessions(all, nowMs),
    requests: reqs,
    bookable,
    courseTitleOf: (s: SessionDoc) => title(courseOf.get(s.enrollmentId) ?? ""),
  };
}

export const myTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
