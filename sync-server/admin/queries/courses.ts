/** Admin reads of courses: every course (published or not) with its enrollments and ratings. */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/database";
import { courses, users } from "../../db/schema";
import { type ListQuery, likePrefix } from "./paging";

export type CourseState = "active" | "inactive" | "retired";

export function courseState(c: { isActive: boolean; isRetired: boolean }): CourseState {
  if (c.isRetired) return "retired";
  return c.isActive ? "active" : "inactive";
}

export const courseColumns = {
  id: courses.id,
  title: courses.title,
  slug: courses.slug,
  creator: users.name,
  priceCents: courses.priceCents,
  currency: courses.currency,
  rating: courses.rating,
  ratingCount: courses.ratingCount,
  badge: courses.badge,
  isActive: courses.isActive,
  isRetired: courses.isRetired,
  enrollments: sql<number>`(select count(*)::int from enrollments e where e.course_id = ${courses.id} and e.status <> 'cancelled')`,
};

/** Title order; a few hundred courses at most, so offset paging is fine here. */
export async function listCourses(db: Db, query: ListQuery & { offset?: number }) {
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  const term = likePrefix(query.q);
  const rows = await db
    .select(courseColumns)
    .from(courses)
    .innerJoin(users, eq(users.id, courses.creatorId))
    .where(
      and(
        isNull(courses.deletedAt),
        term
          ? sql`(lower(${courses.title}) like ${term} or lower(${courses.slug}) like ${term})`
          : undefined,
      ),
    )
    .orderBy(asc(sql`lower(${courses.title})`), asc(courses.id))
    .limit(limit + 1)
    .offset(offset);
  return {
    items: rows.slice(0, limit).map((r) => ({ ...r, state: courseState(r) })),
    nextOffset: rows.length > limit ? offset + limit : null,
  };
}
