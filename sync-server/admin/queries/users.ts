/** Admin reads of users: search, and one user's roles, learning, teaching, money, devices. */
import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import {
  authSessions,
  courses,
  enrollments,
  paymentSplits,
  studentTeachers,
  users,
} from "../../db/schema";
import type { SyncHub } from "../../sync/hub";
import { decodeCursor, type ListQuery, likePrefix, olderThan, PAGE_SIZE, pageOf } from "./paging";

export const userColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  handle: users.handle,
  role: users.role,
  isCreator: users.isCreator,
  isStudentTeacher: users.isStudentTeacher,
  isModerator: users.isModerator,
  isAdmin: users.isAdmin,
  emailVerified: users.emailVerified,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

export type AdminUserRow = {
  id: string;
  name: string;
  email: string;
  handle: string;
  role: string;
  isCreator: boolean;
  isStudentTeacher: boolean;
  isModerator: boolean;
  isAdmin: boolean;
  emailVerified: boolean;
  disabledAt: Date | null;
  createdAt: Date;
};

/**
 * Newest first. The search matches the start of the name, email or handle (lower-cased),
 * each served by a text_pattern_ops index (migration 0005), so it stays fast at 100k users.
 */
export async function listUsers(db: Db, query: ListQuery) {
  const limit = query.limit ?? PAGE_SIZE;
  const term = likePrefix(query.q);
  const cursor = decodeCursor(query.cursor);
  const rows = await db
    .select(userColumns)
    .from(users)
    .where(
      and(
        isNull(users.deletedAt),
        term
          ? or(
              sql`lower(${users.name}) like ${term}`,
              sql`lower(${users.email}) like ${term}`,
              sql`lower(${users.handle}) like ${term}`,
            )
          : undefined,
        olderThan(users.createdAt, users.id, cursor),
      ),
    )
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit + 1);
  return pageOf<AdminUserRow>(rows, limit, (r) => ({ at: r.createdAt, id: r.id }));
}

export async function findUser(db: Db, id: string): Promise<AdminUserRow | undefined> {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .where(and(eq(users.id, id), isNull(users.deletedAt)));
  return row;
}

export async function userDetail(db: Db, hub: SyncHub, id: string) {
  const user = await findUser(db, id);
  if (!user) return undefined;
  const [learning, teaching, earnings, devices] = await Promise.all([
    db
      .select({
        id: enrollments.id,
        course: courses.title,
        slug: courses.slug,
        status: enrollments.status,
        enrolledAt: enrollments.enrolledAt,
      })
      .from(enrollments)
      .innerJoin(courses, eq(courses.id, enrollments.courseId))
      .where(eq(enrollments.studentId, id))
      .orderBy(desc(enrollments.enrolledAt))
      .limit(100),
    db
      .select({
        course: courses.title,
        slug: courses.slug,
        isActive: studentTeachers.isActive,
        studentsTaught: studentTeachers.studentsTaught,
        certifiedDate: studentTeachers.certifiedDate,
      })
      .from(studentTeachers)
      .innerJoin(courses, eq(courses.id, studentTeachers.courseId))
      .where(eq(studentTeachers.userId, id)),
    db
      .select({
        status: paymentSplits.status,
        currency: paymentSplits.currency,
        cents: sql<number>`sum(${paymentSplits.amountCents})::float8`,
        count: sql<number>`count(*)::int`,
      })
      .from(paymentSplits)
      .where(eq(paymentSplits.recipientId, id))
      .groupBy(paymentSplits.status, paymentSplits.currency),
    db
      .select({
        id: authSessions.id,
        userAgent: authSessions.userAgent,
        createdAt: authSessions.createdAt,
        lastSeenAt: authSessions.lastSeenAt,
        lastSyncAt: authSessions.lastSyncAt,
        expiresAt: authSessions.expiresAt,
      })
      .from(authSessions)
      .where(
        and(
          eq(authSessions.userId, id),
          isNull(authSessions.revokedAt),
          sql`${authSessions.expiresAt} > now()`,
        ),
      )
      .orderBy(sql`${authSessions.lastSyncAt} desc nulls last`, desc(authSessions.lastSeenAt))
      .limit(50),
  ]);
  const openStreams = hub.connectedUsers().get(id) ?? 0;
  return { user, learning, teaching, earnings, devices, openStreams };
}
