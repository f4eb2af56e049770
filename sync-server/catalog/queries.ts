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
import type { Db } from "../db/database";
import {
  categories,
  courseCurriculum,
  courseIncludes,
  courseObjectives,
  coursePrerequisites,
  courses,
  courseTags,
  courseTargetAudience,
  courseTestimonials,
  peerloopFeatures,
  studentTeachers,
  users,
} from "../db/schema";

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

export async function getCourseBySlug(db: Db, slug: string): Promise<CourseDetail | null> {
  const [row] = await db
    .select({ ...cardColumns, course: courses, creator: users })
    .from(courses)
    .innerJoin(categories, eq(categories.id, courses.categoryId))
    .innerJoin(users, eq(users.id, courses.creatorId))
    .where(and(eq(courses.slug, slug), eq(courses.isActive, true), isNull(courses.deletedAt)))
    .limit(1);
  if (!row) return null;
  const id = row.id;
  const byCourse = <T extends { courseId: unknown; deletedAt: unknown }>(t: T) =>
    and(eq(t.courseId as typeof courses.id, id), isNull(t.deletedAt as typeof courses.deletedAt));
  const [
    objectives,
    includes,
    prerequisites,
    audience,
    testimonials,
    tags,
    curriculum,
    features,
    teachers,
  ] = await Promise.all([
    db
      .select()
      .from(courseObjectives)
      .where(byCourse(courseObjectives))
      .orderBy(asc(courseObjectives.displayOrder)),
    db
      .select()
      .from(courseIncludes)
      .where(byCourse(courseIncludes))
      .orderBy(asc(courseIncludes.displayOrder)),
    db
      .select()
      .from(coursePrerequisites)
      .where(byCourse(coursePrerequisites))
      .orderBy(asc(coursePrerequisites.type), asc(coursePrerequisites.displayOrder)),
    db
      .select()
      .from(courseTargetAudience)
      .where(byCourse(courseTargetAudience))
      .orderBy(asc(courseTargetAudience.displayOrder)),
    db
      .select()
      .from(courseTestimonials)
      .where(byCourse(courseTestimonials))
      .orderBy(desc(courseTestimonials.isFeatured)),
    db
      .select()
      .from(courseTags)
      .where(byCourse(courseTags))
      .orderBy(sql`lower(${courseTags.tag}) COLLATE "C"`),
    db
      .select()
      .from(courseCurriculum)
      .where(byCourse(courseCurriculum))
      .orderBy(asc(courseCurriculum.moduleOrder)),
    db.select().from(peerloopFeatures).where(eq(peerloopFeatures.courseId, id)),
    db
      .select({ n: count() })
      .from(studentTeachers)
      .where(and(eq(studentTeachers.courseId, id), eq(studentTeachers.isActive, true))),
  ]);
  const c = row.course;
  const f = features[0];
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
    objectives: objectives.map((o) => o.objective),
    includes: includes.map((i) => i.item),
    prerequisites: prerequisites.map((p) => ({ type: p.type, content: p.content })),
    targetAudience: audience.map((a) => a.description),
    testimonials: testimonials.map((t) => ({
      quote: t.quote,
      studentName: t.studentName,
      studentRole: t.studentRole,
      isFeatured: t.isFeatured,
    })),
    tags: tags.map((t) => t.tag),
    curriculum: curriculum.map((m) => ({
      id: m.id,
      moduleOrder: m.moduleOrder,
      sessionNumber: m.sessionNumber,
      title: m.title,
      description: m.description,
      duration: m.duration,
      learningObjectives: m.learningObjectives,
      topicsCovered: m.topicsCovered,
      handsOnExercise: m.handsOnExercise,
      videoCount: m.videoCount,
      readingCount: m.readingCount,
      hasAssessment: m.hasAssessment,
    })),
    features: f
      ? {
          oneOnOneTeaching: f.oneOnOneTeaching,
          certifiedTeachers: f.certifiedTeachers,
          earnWhileTeaching: f.earnWhileTeaching,
          teacherCommission: f.teacherCommission,
        }
      : null,
    creatorProfile: {
      id: row.creator.id,
      name: row.creator.name,
      handle: row.creator.handle,
      title: row.creator.title,
      bioShort: row.creator.bioShort,
      avatarUrl: row.creator.avatarUrl,
    },
    teacherCount: teachers[0]?.n ?? 0,
  };
}
