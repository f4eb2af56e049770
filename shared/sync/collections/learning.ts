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
 * Progress only moves forward, unless the learner explicitly un-checks: a stale device that
 * never saw a completion cannot undo it, but a later deliberate un-check wins.
 */
export function mergeProgress(master: ProgressDoc, fork: ProgressDoc): ProgressDoc {
  if (master.isComplete === fork.isComplete) return master;
  const [done, undone] = master.isComplete ? [master, fork] : [fork, master];
  const uncheckedLater =
    undone.uncheckedAt !== null &&
    (done.completedAt === null || undone.uncheckedAt > done.completedAt);
  const winner = uncheckedLater ? undone : done;
  return {
    ...master,
    isComplete: winner.isComplete,
    completedAt: winner.completedAt,
    uncheckedAt: winner.uncheckedAt,
  };
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
