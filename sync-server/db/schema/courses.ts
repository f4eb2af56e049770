/**
 * Courses and their content. Seed entities: courses, categories, course_tags,
 * course_objectives, course_includes, course_prerequisites, course_target_audience,
 * course_testimonials, course_curriculum, peerloop_features, course_follows.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, currency, deletedAt, displayOrder, id, updatedAt } from "./columns";
import { courseBadge, courseLevel, prerequisiteType } from "./enums";
import { users } from "./users";

export const categories = pgTable(
  "categories",
  {
    id: id(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    displayOrder: displayOrder(),
    deletedAt: deletedAt(),
  },
  (t) => [uniqueIndex("categories_slug_key").on(t.slug)],
);

export const courses = pgTable(
  "courses",
  {
    id: id(),
    creatorId: uuid("creator_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    tagline: text("tagline"),
    description: text("description").notNull(),
    duration: text("duration").notNull(),
    durationWeeks: integer("duration_weeks"),
    totalDuration: text("total_duration"),
    sessionCount: integer("session_count"),
    moduleCount: integer("module_count"),
    lessonCount: integer("lesson_count"),
    format: text("format"),
    level: courseLevel("level").notNull(),
    priceCents: integer("price_cents").notNull(),
    currency: currency(),
    thumbnailUrl: text("thumbnail_url"),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => categories.id),
    rating: numeric("rating", { precision: 3, scale: 2, mode: "number" }),
    ratingCount: integer("rating_count").default(0),
    studentCount: integer("student_count").notNull().default(0),
    badge: courseBadge("badge"),
    lifetimeAccess: boolean("lifetime_access").notNull().default(true),
    hasCertificate: boolean("has_certificate").notNull().default(true),
    certificateName: text("certificate_name"),
    isActive: boolean("is_active").notNull().default(true),
    isRetired: boolean("is_retired").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex("courses_slug_key").on(t.slug),
    index().on(t.creatorId),
    index().on(t.categoryId),
    index().on(t.level),
    index().on(t.isActive),
    check("courses_tagline_length", sql`char_length(${t.tagline}) <= 150`),
    check("courses_price_cents_nonnegative", sql`${t.priceCents} >= 0`),
    check("courses_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("courses_rating_range", sql`${t.rating} >= 0 AND ${t.rating} <= 5`),
    check("courses_rating_count_nonnegative", sql`${t.ratingCount} >= 0`),
    check("courses_student_count_nonnegative", sql`${t.studentCount} >= 0`),
    check(
      "courses_counts_nonnegative",
      sql`${t.durationWeeks} >= 0 AND ${t.sessionCount} >= 0 AND ${t.moduleCount} >= 0 AND ${t.lessonCount} >= 0`,
    ),
  ],
);

const courseId = () =>
  uuid("course_id")
    .notNull()
    .references(() => courses.id, { onDelete: "cascade" });

export const courseTags = pgTable(
  "course_tags",
  {
    id: id(),
    courseId: courseId(),
    tag: text("tag").notNull(),
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex("course_tags_course_id_tag_key")
      .on(t.courseId, t.tag)
      .where(sql`${t.deletedAt} IS NULL`),
    index().on(t.courseId),
    index().on(t.tag),
  ],
);

export const courseObjectives = pgTable(
  "course_objectives",
  {
    id: id(),
    courseId: courseId(),
    objective: text("objective").notNull(),
    displayOrder: displayOrder(),
    deletedAt: deletedAt(),
  },
  (t) => [index().on(t.courseId, t.displayOrder)],
);

export const courseIncludes = pgTable(
  "course_includes",
  {
    id: id(),
    courseId: courseId(),
    item: text("item").notNull(),
    displayOrder: displayOrder(),
    deletedAt: deletedAt(),
  },
  (t) => [index().on(t.courseId, t.displayOrder)],
);

export const coursePrerequisites = pgTable(
  "course_prerequisites",
  {
    id: id(),
    courseId: courseId(),
    type: prerequisiteType("type").notNull(),
    content: text("content").notNull(),
    displayOrder: displayOrder(),
    deletedAt: deletedAt(),
  },
  (t) => [index().on(t.courseId, t.type, t.displayOrder)],
);

export const courseTargetAudience = pgTable(
  "course_target_audience",
  {
    id: id(),
    courseId: courseId(),
    description: text("description").notNull(),
    displayOrder: displayOrder(),
    deletedAt: deletedAt(),
  },
  (t) => [index().on(t.courseId, t.displayOrder)],
);

export const courseTestimonials = pgTable(
  "course_testimonials",
  {
    id: id(),
    courseId: courseId(),
    quote: text("quote").notNull(),
    studentName: text("student_name").notNull(),
    studentRole: text("student_role"),
    isFeatured: boolean("is_featured").notNull().default(false),
    createdAt: createdAt(),
    deletedAt: deletedAt(),
  },
  (t) => [index().on(t.courseId)],
);

/** The modules of a course (module_progress and help_summons point here). */
export const courseCurriculum = pgTable(
  "course_curriculum",
  {
    id: id(),
    courseId: courseId(),
    sessionNumber: integer("session_number"),
    title: text("title").notNull(),
    description: text("description").notNull(),
    duration: text("duration").notNull(),
    learningObjectives: text("learning_objectives"),
    topicsCovered: text("topics_covered"),
    handsOnExercise: text("hands_on_exercise"),
    videoCount: integer("video_count"),
    readingCount: integer("reading_count"),
    hasAssessment: boolean("has_assessment").default(false),
    moduleOrder: integer("module_order").notNull(),
    videoUrl: text("video_url"),
    documentUrl: text("document_url"),
    deletedAt: deletedAt(),
  },
  (t) => [
    index().on(t.courseId, t.moduleOrder),
    check(
      "course_curriculum_counts_nonnegative",
      sql`${t.sessionNumber} >= 1 AND ${t.videoCount} >= 0 AND ${t.readingCount} >= 0`,
    ),
  ],
);

/** 1:1 with courses (PK = course_id); lives and dies with its course. */
export const peerloopFeatures = pgTable(
  "peerloop_features",
  {
    courseId: uuid("course_id")
      .primaryKey()
      .references(() => courses.id, { onDelete: "cascade" }),
    oneOnOneTeaching: boolean("one_on_one_teaching").notNull().default(true),
    certifiedTeachers: boolean("certified_teachers").notNull().default(true),
    earnWhileTeaching: boolean("earn_while_teaching").notNull().default(true),
    teacherCommission: integer("teacher_commission").notNull().default(70),
  },
  (t) => [
    check(
      "peerloop_features_teacher_commission_range",
      sql`${t.teacherCommission} >= 0 AND ${t.teacherCommission} <= 100`,
    ),
  ],
);

export const courseFollows = pgTable(
  "course_follows",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    createdAt: createdAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex("course_follows_user_id_course_id_key")
      .on(t.userId, t.courseId)
      .where(sql`${t.deletedAt} IS NULL`),
    index().on(t.userId),
    index().on(t.courseId),
  ],
);
