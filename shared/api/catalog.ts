/** The public course catalog API: query parameters and response shapes. */
import { z } from "zod";
import { COURSE_BADGES, COURSE_LEVELS, PREREQUISITE_TYPES } from "../domain/enums";

export const CATALOG_SORTS = [
  "popular",
  "newest",
  "rating",
  "price_asc",
  "price_desc",
  "title",
] as const;

export const catalogQuery = z.object({
  q: z.string().trim().max(100).optional(),
  category: z.string().max(100).optional(),
  level: z.enum(COURSE_LEVELS).optional(),
  badge: z.enum(COURSE_BADGES).optional(),
  minPriceCents: z.coerce.number().int().min(0).optional(),
  maxPriceCents: z.coerce.number().int().min(0).optional(),
  maxWeeks: z.coerce.number().int().min(1).optional(),
  sort: z.enum(CATALOG_SORTS).default("popular"),
  limit: z.coerce.number().int().min(1).max(100).default(24),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type CatalogQuery = z.input<typeof catalogQuery>;

export const categorySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  displayOrder: z.number(),
});

export const courseCardSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  tagline: z.string().nullable(),
  level: z.enum(COURSE_LEVELS),
  priceCents: z.number(),
  currency: z.string(),
  duration: z.string(),
  durationWeeks: z.number().nullable(),
  rating: z.number().nullable(),
  ratingCount: z.number().nullable(),
  studentCount: z.number(),
  badge: z.enum(COURSE_BADGES).nullable(),
  thumbnailUrl: z.string().nullable(),
  category: z.object({ slug: z.string(), name: z.string() }),
  creator: z.object({ id: z.uuid(), name: z.string(), handle: z.string() }),
  createdAt: z.string(),
});
export type CourseCard = z.infer<typeof courseCardSchema>;

export const catalogPage = z.object({ courses: z.array(courseCardSchema), total: z.number() });

const module = z.object({
  id: z.uuid(),
  moduleOrder: z.number(),
  sessionNumber: z.number().nullable(),
  title: z.string(),
  description: z.string(),
  duration: z.string(),
  learningObjectives: z.array(z.string()),
  topicsCovered: z.array(z.string()),
  handsOnExercise: z.string().nullable(),
  videoCount: z.number().nullable(),
  readingCount: z.number().nullable(),
  hasAssessment: z.boolean().nullable(),
});

export const courseDetailSchema = courseCardSchema.extend({
  description: z.string(),
  format: z.string().nullable(),
  totalDuration: z.string().nullable(),
  sessionCount: z.number().nullable(),
  moduleCount: z.number().nullable(),
  lessonCount: z.number().nullable(),
  lifetimeAccess: z.boolean(),
  hasCertificate: z.boolean(),
  certificateName: z.string().nullable(),
  objectives: z.array(z.string()),
  includes: z.array(z.string()),
  prerequisites: z.array(z.object({ type: z.enum(PREREQUISITE_TYPES), content: z.string() })),
  targetAudience: z.array(z.string()),
  testimonials: z.array(
    z.object({
      quote: z.string(),
      studentName: z.string(),
      studentRole: z.string().nullable(),
      isFeatured: z.boolean(),
    }),
  ),
  tags: z.array(z.string()),
  /** Module outlines; links to videos and documents are for enrolled learners (via sync). */
  curriculum: z.array(module),
  features: z
    .object({
      oneOnOneTeaching: z.boolean(),
      certifiedTeachers: z.boolean(),
      earnWhileTeaching: z.boolean(),
      teacherCommission: z.number(),
    })
    .nullable(),
  creatorProfile: z.object({
    id: z.uuid(),
    name: z.string(),
    handle: z.string(),
    title: z.string().nullable(),
    bioShort: z.string().nullable(),
    avatarUrl: z.string().nullable(),
  }),
  teacherCount: z.number(),
});
export type CourseDetail = z.infer<typeof courseDetailSchema>;
