/**
 * Marking a module complete, offline or not: one progress document per enrollment and
 * module, with the id both devices would compute (progressId), so two devices meet as one
 * document and the collection's merge rule decides (completion only moves forward unless
 * the learner explicitly un-checks, which `uncheckedAt` records).
 */

import { progressId } from "../../../shared/ids/derived-id";
import { useLive } from "./hooks";
import type { Local } from "./local";

export async function setModuleComplete(
  local: Local,
  enrollmentId: string,
  moduleId: string,
  complete: boolean,
): Promise<void> {
  const id = progressId(enrollmentId, moduleId);
  const now = new Date().toISOString();
  const existing = await local.db.progress.findOne(id).exec();
  await local.db.progress.upsert({
    id,
    enrollmentId,
    moduleId,
    isComplete: complete,
    completedAt: complete ? now : (existing?.completedAt ?? null),
    uncheckedAt: complete ? (existing?.uncheckedAt ?? null) : now,
    updatedAt: now,
  });
}

/** A course's modules on this device, in order — live. */
export function useCourseModules(courseId: string | undefined) {
  return useLive(
    (l) =>
      courseId
        ? l.db.modules.find({ selector: { courseId }, sort: [{ moduleOrder: "asc" }] }).$
        : null,
    [courseId],
  );
}

/**
 * An enrollment as the device holds it: the enrollment, its course, the course's modules in
 * order and the learner's progress rows — live. Used by the learner's and the teacher's
 * views of one enrollment. `undefined` while loading, `null` when not on this device.
 */
export function useEnrollmentWorld(enrollmentId: string) {
  const enrollment = useLive((l) => l.db.enrollments.findOne(enrollmentId).$, [enrollmentId]);
  const courseId = enrollment?.courseId;
  const course = useLive((l) => (courseId ? l.db.courses.findOne(courseId).$ : null), [courseId]);
  const modules = useCourseModules(courseId);
  const progress = useLive(
    (l) => l.db.progress.find({ selector: { enrollmentId } }).$,
    [enrollmentId],
  );
  return { enrollment, course, modules, progress };
}
