/** The Student-Teacher applications a user sees: their own, to recommend, to decide. */
import { and, desc, eq, inArray, ne, type SQL } from "drizzle-orm";
import type { TeacherApplicationLists, TeacherApplicationView } from "../../shared/api/credentials";
import type { Db } from "../db/database";
import { courses, enrollments, teacherApplications, users } from "../db/schema";

async function list(db: Db, where: SQL | undefined): Promise<TeacherApplicationView[]> {
  const rows = await db
    .select({ a: teacherApplications, applicantName: users.name, courseTitle: courses.title })
    .from(teacherApplications)
    .innerJoin(users, eq(users.id, teacherApplications.userId))
    .innerJoin(courses, eq(courses.id, teacherApplications.courseId))
    .where(where)
    .orderBy(desc(teacherApplications.createdAt))
    .limit(200);
  return rows.map(({ a, applicantName, courseTitle }) => ({
    id: a.id,
    userId: a.userId,
    applicantName,
    courseId: a.courseId,
    courseTitle,
    status: a.status,
    message: a.message,
    recommendedBy: a.recommendedBy,
    recommendationNote: a.recommendationNote,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    declineReason: a.declineReason,
    createdAt: a.createdAt.toISOString(),
  }));
}

export async function applicationLists(db: Db, userId: string): Promise<TeacherApplicationLists> {
  const pending = eq(teacherApplications.status, "pending");
  const myCourses = db
    .select({ id: courses.id })
    .from(courses)
    .where(eq(courses.creatorId, userId));
  // Learners this user teaches: (student, course) pairs of their live enrollments.
  const taught = await db
    .select({ studentId: enrollments.studentId, courseId: enrollments.courseId })
    .from(enrollments)
    .where(and(eq(enrollments.studentTeacherId, userId), ne(enrollments.status, "cancelled")));
  const [mine, toDecide, candidates] = await Promise.all([
    list(db, eq(teacherApplications.userId, userId)),
    list(db, and(pending, inArray(teacherApplications.courseId, myCourses))),
    taught.length
      ? list(
          db,
          and(
            pending,
            inArray(
              teacherApplications.userId,
              taught.map((t) => t.studentId),
            ),
          ),
        )
      : Promise.resolve([]),
  ]);
  const pairs = new Set(taught.map((t) => `${t.studentId}:${t.courseId}`));
  return {
    mine,
    toDecide,
    toRecommend: candidates.filter((a) => pairs.has(`${a.userId}:${a.courseId}`)),
  };
}
