/** Reads of the public catalog: what anyone, signed in or not, may see of published courses. */
import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gte,
  ilike,
  isNull,
  lte,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { z } from "zod";
import type { CourseCard, CourseDetail, catalogQuery } from "../../shared/api/catalog";
import type { DocOf } from "../../shared/sync/collection";
import type {
  courses as coursesDecl,
  modules as modulesDecl,
} from "../../shared/sync/collections/courses";
import type { Db } from "../db/database";
import {
  categories,
  courseCurriculum,
  courses,
  courseTags,
  studentTeachers,
  users,
} from "../db/schema";
import { coursesCollection, modulesCollection } from "../sync/docs/courses";

type CourseDoc = DocOf<typeof coursesDecl>;
type ModuleDoc = DocOf<typeof modulesDecl>;

/** Published: active, not retired, not deleted. */
const published = and(
  eq(courses.isActive, true),
  eq(courses.isRetired, false),
  isNull(courses.deletedAt),
);

const cardColumns = {
  id: courses.id,
  slug: courses.slug,
  title: courses.title,
  tagline: courses.tagline,
  level: courses.level,
  priceCents: courses.priceCents,
  currency: courses.currency,
  duration: courses.duration,
  durationWeeks: courses.durationWeeks,
  rating: courses.rating,
  ratingCount: courses.ratingCount,
  studentCount: courses.studentCount,
  badge: courses.badge,
  thumbnailUrl: courses.thumbnailUrl,
  createdAt: courses.createdAt,
  categorySlug: categories.slug,
  categoryName: categories.name,
  creatorId: users.id,
  creatorName: users.name,
  creatorHandle: users.handle,
};

type CourseRow = typeof courses.$inferSelect;
type CardRow = Pick<
  CourseRow,
  | "id"
  | "slug"
  | "title"
  | "tagline"
  | "level"
  | "priceCents"
  | "currency"
  | "duration"
  | "durationWeeks"
  | "rating"
  | "ratingCount"
  | "studentCount"
  | "badge"
  | "thumbnailUrl"
  | "createdAt"
> & {
  categorySlug: string;
  categoryName: string;
  creatorId: string;
  creatorName: string;
  creatorHandle: string;
};

function toCard(r: CardRow): CourseCard {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    tagline: r.tagline,
    level: r.level,
    priceCents: r.priceCents,
    currency: r.currency,
    duration: r.duration,
    durationWeeks: r.durationWeeks,
    rating: r.rating === null ? null : Number(r.rating),
    ratingCount: r.ratingCount,
    studentCount: r.studentCount,
    badge: r.badge,
    thumbnailUrl: r.thumbnailUrl,
    createdAt: r.createdAt.toISOString(),
    category: { slug: r.categorySlug, name: r.categoryName },
    creator: { id: r.creatorId, name: r.creatorName, handle: r.creatorHandle },
  };
}

/** Titles in code-point order of their lower case: the same on every database collation. */
const byTitle = sql`lower(${courses.title}) COLLATE "C"`;

const SORTS: Record<z.output<typeof catalogQuery>["sort"], SQL[]> = {
  popular: [desc(courses.studentCount), byTitle],
  newest: [desc(courses.createdAt), byTitle],
  rating: [sql`${courses.rating} desc nulls last`, byTitle],
  price_asc: [asc(courses.priceCents), byTitle],
  price_desc: [desc(courses.priceCents), byTitle],
  title: [byTitle],
};

export async function listCourses(db: Db, q: z.output<typeof catalogQuery>) {
  const filters: (SQL | undefined)[] = [published];
  if (q.category) filters.push(eq(categories.slug, q.category));
  if (q.level) filters.push(eq(courses.level, q.level));
  if (q.badge) filters.push(eq(courses.badge, q.badge));
  if (q.minPriceCents !== undefined) filters.push(gte(courses.priceCents, q.minPriceCents));
  if (q.maxPriceCents !== undefined) filters.push(lte(courses.priceCents, q.maxPriceCents));
  if (q.maxWeeks !== undefined) filters.push(lte(courses.durationWeeks, q.maxWeeks));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    filters.push(
      or(
        ilike(courses.title, like),
        ilike(courses.tagline, like),
        ilike(courses.description, like),
        exists(
          db
            .select({ one: sql`1` })
            .from(courseTags)
            .where(and(eq(courseTags.courseId, courses.id), ilike(courseTags.tag, like))),
        ),
      ),
    );
  }
  const where = and(...filters);
  const base = () =>
    db
      .select(cardColumns)
      .from(courses)
      .innerJoin(categories, eq(categories.id, courses.categoryId))
      .innerJoin(users, eq(users.id, courses.creatorId));
  const [rows, [total]] = await Promise.all([
    base()
      .where(where)
      .orderBy(...SORTS[q.sort])
      .limit(q.limit)
      .offset(q.offset),
    db
      .select({ n: count() })
      .from(courses)
      .innerJoin(categories, eq(categories.id, courses.categoryId))
      .where(where),
  ]);
  return { courses: rows.map(toCard), total: total?.n ?? 0 };
}

export async function listCategories(db: Db) {
  return db.select().from(categories).orderBy(asc(categories.displayOrder), asc(categories.name));
}

/**
 * A published course with everything its page shows. The content (objectives, includes,
 * prerequisites, audience, testimonials, tags, features, modules) comes from the same
 * loaders that build the synced documents, so the page and the devices never disagree.
 * Module video and document links are left out: they are for enrolled learners (via sync).
 */
export async function getCourseBySlug(db: Db, slug: string): Promise<CourseDetail | null> {
  const [row] = await db
    .select({ ...cardColumns, creator: users })
    .from(courses)
    .innerJoin(categories, eq(categories.id, courses.categoryId))
    .innerJoin(users, eq(users.id, courses.creatorId))
    .where(and(eq(courses.slug, slug), eq(courses.isActive, true), isNull(courses.deletedAt)))
    .limit(1);
  if (!row) return null;
  const moduleIds = await db
    .select({ id: courseCurriculum.id })
    .from(courseCurriculum)
    .where(and(eq(courseCurriculum.courseId, row.id), isNull(courseCurriculum.deletedAt)))
    .orderBy(asc(courseCurriculum.moduleOrder));
  const [docs, moduleDocs, [teachers]] = await Promise.all([
    coursesCollection.load(db, [row.id]),
    modulesCollection.load(
      db,
      moduleIds.map((m) => m.id),
    ),
    db
      .select({ n: count() })
      .from(studentTeachers)
      .where(and(eq(studentTeachers.courseId, row.id), eq(studentTeachers.isActive, true))),
  ]);
  const c = docs.get(row.id) as unknown as CourseDoc | undefined;
  if (!c) return null;
  const curriculum = moduleIds.flatMap(({ id }) => {
    const m = moduleDocs.get(id) as unknown as ModuleDoc | undefined;
    if (!m) return [];
    const {
      videoUrl: _v,
      documentUrl: _d,
      courseId: _c,
      _deleted,
      ...outline
    } = m as ModuleDoc & { _deleted: boolean };
    return [outline];
  });
  return {
    ...toCard(row),
    description: c.description,
    format: c.format,
    totalDuration: c.totalDuration,
    sessionCount: c.sessionCount,
    moduleCount: c.moduleCount,
    lessonCount: c.lessonCount,
    lifetimeAccess: c.lifetimeAccess,
    hasCertificate: c.hasCertificate,
    certificateName: c.certificateName,
    objectives: c.objectives,
    includes: c.includes,
    prerequisites: c.prerequisites,
    targetAudience: c.targetAudience,
    testimonials: c.testimonials,
    tags: c.tags,
    curriculum,
    features: c.features,
    creatorProfile: {
      id: row.creator.id,
      name: row.creator.name,
      handle: row.creator.handle,
      title: row.creator.title,
      bioShort: row.creator.bioShort,
      avatarUrl: row.creator.avatarUrl,
    },
    teacherCount: teachers?.n ?? 0,
  };
}
