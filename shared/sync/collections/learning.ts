/** Enrollments (server-decided) and module progress (the learner's own, offline). */
import { z } from "zod";
import { ENROLLMENT_STATUSES } from "../../domain/enums";
import { defineCollection } from "../collection";
import { ISO_TIME_MAX, id, isoTime } from "../fields";

/** Existence and status are decided by the server (payment, cancellation): no client writes. */
export const enrollments = defineCollection({
  name: "enrollments",
  version: 0,
  schema: z.object({
    id: id(),
    studentId: id(),
    courseId: id(),
    studentTeacherId: id().nullable(),
    status: z.enum(ENROLLMENT_STATUSES),
    enrolledAt: isoTime(),
    completedAt: isoTime().nullable(),
    cancelledAt: isoTime().nullable(),
    cancelReason: z.string().max(2000).nullable(),
  }),
  indexes: [["courseId"], ["studentId"]],
  scopeKinds: ["enrollment", "course-students"],
  write: "server",
  conflict: "server-wins",
});

const progressSchema = z.object({
  id: id(),
  enrollmentId: id(),
  moduleId: id(),
  isComplete: z.boolean(),
  /** When the learner checked the module (their device's clock, clamped by the server). */
  completedAt: isoTime().nullable(),
  /** When the learner explicitly un-checked it: the only way completion is taken back. */
  uncheckedAt: isoTime().nullable(),
  updatedAt: isoTime(),
});
export type ProgressDoc = z.output<typeof progressSchema>;

/**
 * Progress only moves forward, unless the learner explicitly un-checks. Each side carries
 * the time of its latest check (`completedAt`) and latest explicit un-check (`uncheckedAt`);
 * the later action wins. A stale device that never saw a completion has no un-check to
 * offer, so it cannot undo it; a deliberate later un-check does. Taking the latest of each
 * time makes the merge symmetric and associative: devices converge in any order.
 */
export function mergeProgress(master: ProgressDoc, fork: ProgressDoc): ProgressDoc {
  const later = (a: string | null, b: string | null) =>
    a === null ? b : b === null ? a : a > b ? a : b;
  const completedAt = later(master.completedAt, fork.completedAt);
  const uncheckedAt = later(master.uncheckedAt, fork.uncheckedAt);
  const isComplete =
    completedAt === null && uncheckedAt === null
      ? master.isComplete || fork.isComplete // no times (e.g. imported rows): completion wins
      : completedAt !== null && (uncheckedAt === null || completedAt > uncheckedAt);
  return { ...master, isComplete, completedAt, uncheckedAt };
}

export const progress = defineCollection({
  name: "progress",
  version: 0,
  schema: progressSchema,
  indexes: [["enrollmentId"]],
  indexedMaxLength: { updatedAt: ISO_TIME_MAX },
  scopeKinds: ["enrollment", "course-students"],
  write: {
    create: true,
    update: true,
    delete: false,
    editable: ["isComplete", "completedAt", "uncheckedAt"],
  },
  conflict: mergeProgress,
});
