/** The Sessions screen's data, from the local database (so it opens offline). */
import type { PeerloopDoc } from "../../sync/index";
import { useLive } from "./hooks";

export type SessionDoc = PeerloopDoc<"sessions">;
export type RequestDoc = PeerloopDoc<"sessionRequests">;

export interface Bookable {
  enrollmentId: string;
  courseTitle: string;
  teacherId: string;
  sessionCount: number | null;
  used: number;
}

export function useSessionsView(me: string) {
  const sessions = useLive((l) => l.db.sessions.find({ sort: [{ scheduledStart: "asc" }] }).$, []);
  const requests = useLive(
    (l) => l.db.sessionRequests.find({ sort: [{ createdAt: "desc" }] }).$,
    [],
  );
  const enrollments = useLive((l) => l.db.enrollments.find().$, []);
  const courses = useLive((l) => l.db.courses.find().$, []);
  if (!sessions || !requests || !enrollments || !courses) return null;
  const now = new Date().toISOString();
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
      const used = all.filter((s) => s.enrollmentId === e.id && s.status !== "cancelled").length;
      return [
        {
          enrollmentId: e.id,
          courseTitle: title(e.courseId),
          teacherId,
          sessionCount: course?.sessionCount ?? null,
          used,
        },
      ];
    });
  return {
    upcoming: all.filter(
      (s) => (s.status === "scheduled" || s.status === "in_progress") && s.scheduledEnd > now,
    ),
    past: all.filter((s) => s.status === "completed").reverse(),
    cancelled: all.filter((s) => s.status === "cancelled").reverse(),
    requests: reqs,
    bookable,
    courseTitleOf: (s: SessionDoc) => title(courseOf.get(s.enrollmentId) ?? ""),
  };
}

export const myTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
