/**
 * The creator's reassignment of learners from the PWA. Who may teach and who paused are the
 * server's to say (online only); the enrollment's teacher itself arrives through sync.
 */
import type { EnrollmentTeachers, PausedTeacherLearner } from "../../../shared/api/reassign";
import { act, useServerData } from "./credentials";
import { useLive } from "./hooks";

export const useEnrollmentTeachers = (enrollmentId: string | null) =>
  useServerData<EnrollmentTeachers>(
    enrollmentId ? `/api/enrollments/${enrollmentId}/teachers` : null,
  );

/** Learners of my courses whose teacher paused; asked only of people who created a course. */
export function usePausedTeacherLearners(me: string) {
  const created = useLive((l) => l.db.courses.find({ selector: { creatorId: me } }).$, [me]);
  const isCreator = !!created?.length;
  const server = useServerData<{ learners: PausedTeacherLearner[] }>(
    isCreator ? "/api/teaching/paused-teachers" : null,
  );
  return { isCreator, ...server };
}

/** `null` when the server reassigned, else a sentence for the person (offline included). */
export const reassign = (token: string, enrollmentId: string, teacherId: string | null) =>
  act(token, "PUT", `/api/enrollments/${enrollmentId}/teacher`, { teacherId });
