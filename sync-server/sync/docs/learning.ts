/** Enrollments (server-decided) and module progress (written by the learner's devices). */
import { and, eq, sql } from "drizzle-orm";
import { progressId } from "../../../shared/ids/derived-id";
import {
  enrollments as enrollmentsDecl,
  progress as progressDecl,
} from "../../../shared/sync/collections/learning";
import type { Db } from "../../db/database";
import { courseCurriculum, enrollments, moduleProgress } from "../../db/schema";
import {
  anyUuid,
  byId,
  clampToNow,
  forbidden,
  invalid,
  iso,
  OK,
  type ServerCollection,
  type Verdict,
  type Write,
} from "./types";

export const enrollmentsCollection: ServerCollection = {
  decl: enrollmentsDecl,
  async load(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.select().from(enrollments).where(anyUuid(enrollments.id, ids));
    return byId(rows, (e) => ({
      id: e.id,
      studentId: e.studentId,
      courseId: e.courseId,
      studentTeacherId: e.studentTeacherId,
      status: e.status,
      enrolledAt: e.enrolledAt.toISOString(),
      completedAt: iso(e.completedAt),
      cancelledAt: iso(e.cancelledAt),
      cancelReason: e.cancelReason,
      _deleted: false,
    }));
  },
};

async function authorizeProgress(db: Db, userId: string, writes: Write[]): Promise<Verdict[]> {
  const enrollmentIds = [...new Set(writes.map((w) => String(w.doc.enrollmentId)))];
  const moduleIds = [...new Set(writes.map((w) => String(w.doc.moduleId)))];
  const [ens, mods] = await Promise.all([
    db.select().from(enrollments).where(anyUuid(enrollments.id, enrollmentIds)),
    db
      .select({ id: courseCurriculum.id, courseId: courseCurriculum.courseId })
      .from(courseCurriculum)
      .where(anyUuid(courseCurriculum.id, moduleIds)),
  ]);
  const enrollment = new Map(ens.map((e) => [e.id, e]));
  const moduleCourse = new Map(mods.map((m) => [m.id, m.courseId]));
  return writes.map((w) => {
    const e = enrollment.get(String(w.doc.enrollmentId));
    // Only the learner marks their own progress; teachers and creators review it.
    if (!e || e.studentId !== userId)
      return forbidden("Only the learner of this enrollment records its progress.");
    if (e.status === "cancelled") return forbidden("This enrollment was cancelled.");
    if (moduleCourse.get(String(w.doc.moduleId)) !== e.courseId)
      return invalid("That module is not part of this course.");
    if (w.op === "create" && w.doc.id !== progressId(e.id, String(w.doc.moduleId))) {
      return invalid("A progress id must be progressId(enrollmentId, moduleId).");
    }
    return OK;
  });
}

async function applyProgress(tx: Db, _userId: string, writes: Write[]) {
  const now = new Date();
  const rows = writes.map((w) => ({
    id: w.doc.id,
    enrollmentId: String(w.doc.enrollmentId),
    moduleId: String(w.doc.moduleId),
    isComplete: Boolean(w.doc.isComplete),
    completedAt: clampToNow(w.doc.completedAt),
    uncheckedAt: clampToNow(w.doc.uncheckedAt),
    updatedAt: now,
  }));
  await tx
    .insert(moduleProgress)
    .values(rows)
    .onConflictDoUpdate({
      target: moduleProgress.id,
      set: {
        isComplete: sql`excluded.is_complete`,
        completedAt: sql`excluded.completed_at`,
        uncheckedAt: sql`excluded.unchecked_at`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
  // Starting to learn moves an enrollment from enrolled to in_progress.
  const started = [...new Set(rows.filter((r) => r.isComplete).map((r) => r.enrollmentId))];
  if (started.length) {
    await tx
      .update(enrollments)
      .set({ status: "in_progress", updatedAt: now })
      .where(and(anyUuid(enrollments.id, started), eq(enrollments.status, "enrolled")));
  }
}

export const progressCollection: ServerCollection = {
  decl: progressDecl,
  async load(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.select().from(moduleProgress).where(anyUuid(moduleProgress.id, ids));
    return byId(rows, (p) => ({
      id: p.id,
      enrollmentId: p.enrollmentId,
      moduleId: p.moduleId,
      isComplete: p.isComplete,
      completedAt: iso(p.completedAt),
      uncheckedAt: iso(p.uncheckedAt),
      updatedAt: p.updatedAt.toISOString(),
      _deleted: false,
    }));
  },
  writer: { authorize: authorizeProgress, apply: applyProgress },
};
