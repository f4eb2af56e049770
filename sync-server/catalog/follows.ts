/**
 * Following a course: the course document (not its paid content) comes to the follower's
 * devices — the capture trigger on course_follows tells them their rights changed.
 * Unfollowing soft-deletes the row, so a later follow is a fresh row (partial unique index).
 */
import { and, eq, isNull } from "drizzle-orm";
import { uuidv7 } from "../../shared/ids/uuidv7";
import type { Db } from "../db/database";
import { uniqueViolation } from "../db/errors";
import { courseFollows, courses } from "../db/schema";
import { ApiError } from "../http/errors";

async function followableCourseId(db: Db, slug: string): Promise<string> {
  const [course] = await db
    .select({ id: courses.id })
    .from(courses)
    .where(and(eq(courses.slug, slug), eq(courses.isActive, true), isNull(courses.deletedAt)))
    .limit(1);
  if (!course) throw new ApiError(404, "not_found", "No such course.");
  return course.id;
}

const live = (userId: string, courseId: string) =>
  and(
    eq(courseFollows.userId, userId),
    eq(courseFollows.courseId, courseId),
    isNull(courseFollows.deletedAt),
  );

/** The user's current (not unfollowed) follow row of the course, if any. */
async function liveFollow(db: Db, userId: string, courseId: string) {
  const [row] = await db
    .select({ id: courseFollows.id })
    .from(courseFollows)
    .where(live(userId, courseId))
    .limit(1);
  return row;
}

export async function isFollowing(db: Db, userId: string, slug: string): Promise<boolean> {
  const courseId = await followableCourseId(db, slug);
  return !!(await liveFollow(db, userId, courseId));
}

/** Idempotent: following twice is following. Returns the new state (true). */
export async function follow(db: Db, userId: string, slug: string): Promise<boolean> {
  const courseId = await followableCourseId(db, slug);
  if (await liveFollow(db, userId, courseId)) return true;
  try {
    await db.insert(courseFollows).values({ id: uuidv7(), userId, courseId });
  } catch (err) {
    if (uniqueViolation(err) === undefined) throw err; // a concurrent follow won: same outcome
  }
  return true;
}

/** Idempotent. Returns the new state (false). */
export async function unfollow(db: Db, userId: string, slug: string): Promise<boolean> {
  const courseId = await followableCourseId(db, slug);
  await db.update(courseFollows).set({ deletedAt: new Date() }).where(live(userId, courseId));
  return false;
}
