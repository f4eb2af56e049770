/**
 * Loads the rows that decide a user's scopes (their rights) and applies the shared rule
 * (shared/sync/scopes.ts). Runs on every pull and stream connection, so it is a handful of
 * indexed queries rather than one per scope.
 */
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { type Scope, scopesOf, type UserRights } from "../../shared/sync/scopes";
import type { Db } from "../db/database";
import {
  conversationParticipants,
  courseFollows,
  courses,
  enrollments,
  studentTeachers,
} from "../db/schema";

export async function loadUserRights(db: Db, userId: string): Promise<UserRights> {
  const [asStudent, asTeacher, created, teaching, followed, conversations] = await Promise.all([
    db
      .select({
        id: enrollments.id,
        courseId: enrollments.courseId,
        status: enrollments.status,
        teacherId: enrollments.studentTeacherId,
      })
      .from(enrollments)
      .where(eq(enrollments.studentId, userId)),
    db
      .select({
        id: enrollments.id,
        courseId: enrollments.courseId,
        studentId: enrollments.studentId,
        status: enrollments.status,
      })
      .from(enrollments)
      .where(eq(enrollments.studentTeacherId, userId)),
    db
      .select({
        courseId: courses.id,
        studentIds: sql<
          string[]
        >`coalesce((select array_agg(distinct e.student_id) from ${enrollments} e where e.course_id = ${courses.id}), '{}')`,
      })
      .from(courses)
      .where(eq(courses.creatorId, userId)),
    db
      .select({ courseId: studentTeachers.courseId, isActive: studentTeachers.isActive })
      .from(studentTeachers)
      .where(eq(studentTeachers.userId, userId)),
    db
      .select({ courseId: courseFollows.courseId })
      .from(courseFollows)
      .where(and(eq(courseFollows.userId, userId), isNull(courseFollows.deletedAt))),
    db
      .select({
        id: conversationParticipants.conversationId,
        otherUserIds: sql<
          string[]
        >`coalesce((select array_agg(o.user_id) from ${conversationParticipants} o
          where o.conversation_id = ${conversationParticipants.conversationId} and o.user_id <> ${userId} and o.deleted_at is null), '{}')`,
      })
      .from(conversationParticipants)
      .where(
        and(
          eq(conversationParticipants.userId, userId),
          isNull(conversationParticipants.deletedAt),
        ),
      ),
  ]);

  const courseIds = [
    ...new Set([
      ...asStudent.map((e) => e.courseId),
      ...teaching.map((t) => t.courseId),
      ...followed.map((f) => f.courseId),
      ...asTeacher.map((e) => e.courseId),
    ]),
  ];
  const studyingIds = [
    ...new Set(asStudent.filter((e) => e.status !== "cancelled").map((e) => e.courseId)),
  ];
  const [creators, teachers] = await Promise.all([
    courseIds.length
      ? db
          .select({ id: courses.id, creatorId: courses.creatorId })
          .from(courses)
          .where(inArray(courses.id, courseIds))
      : [],
    // Only active Student-Teachers: these are the ones a new enrollment may pick. A paused
    // teacher's existing learners reach them through their own enrollment (asStudent).
    studyingIds.length
      ? db
          .select({ courseId: studentTeachers.courseId, userId: studentTeachers.userId })
          .from(studentTeachers)
          .where(
            and(
              inArray(studentTeachers.courseId, studyingIds),
              eq(studentTeachers.isActive, true),
              ne(studentTeachers.userId, userId),
            ),
          )
      : [],
  ]);
  const courseTeachers: Record<string, string[]> = {};
  for (const t of teachers) {
    courseTeachers[t.courseId] = [...(courseTeachers[t.courseId] ?? []), t.userId];
  }

  return {
    userId,
    asStudent,
    asTeacher,
    created: created.map((c) => ({ courseId: c.courseId, studentIds: c.studentIds ?? [] })),
    teaching,
    followedCourseIds: followed.map((f) => f.courseId),
    conversations: conversations.map((c) => ({ id: c.id, otherUserIds: c.otherUserIds ?? [] })),
    courseCreators: Object.fromEntries(creators.map((c) => [c.id, c.creatorId])),
    courseTeachers,
  };
}

export async function loadUserScopes(db: Db, userId: string): Promise<Set<Scope>> {
  return scopesOf(await loadUserRights(db, userId));
}
