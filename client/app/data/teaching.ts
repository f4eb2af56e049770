/** The teacher's view of their students, computed from the local database (readable offline). */
import type { PeerloopDoc } from "../../sync/index";
import { useLive } from "./hooks";

export interface StudentRow {
  enrollment: PeerloopDoc<"enrollments">;
  done: number;
  total: number;
  lastActivity: string | null;
}

export function useTeaching(me: string) {
  const enrollments = useLive((l) => l.db.enrollments.find().$, []);
  const courses = useLive((l) => l.db.courses.find().$, []);
  const modules = useLive((l) => l.db.modules.find().$, []);
  const progress = useLive((l) => l.db.progress.find().$, []);
  if (!enrollments || !courses || !modules || !progress) return null;
  const mine = new Set(courses.filter((c) => c.creatorId === me).map((c) => c.id));
  const byCourse = new Map<string, StudentRow[]>();
  for (const e of enrollments) {
    if (e.studentId === me || (e.studentTeacherId !== me && !mine.has(e.courseId))) continue;
    const rows = progress.filter((p) => p.enrollmentId === e.id);
    const last = rows.reduce<string | null>((a, p) => {
      const t = p.isComplete ? (p.completedAt ?? p.updatedAt) : p.updatedAt;
      return !a || t > a ? t : a;
    }, null);
    const list = byCourse.get(e.courseId) ?? [];
    list.push({
      enrollment: e.toJSON() as PeerloopDoc<"enrollments">,
      done: rows.filter((p) => p.isComplete).length,
      total: modules.filter((m) => m.courseId === e.courseId).length,
      lastActivity: last,
    });
    byCourse.set(e.courseId, list);
  }
  return [...byCourse.entries()].map(([courseId, students]) => ({
    courseId,
    title: courses.find((c) => c.id === courseId)?.title ?? "Course",
    students: students.sort((a, b) => (b.lastActivity ?? "").localeCompare(a.lastActivity ?? "")),
  }));
}
