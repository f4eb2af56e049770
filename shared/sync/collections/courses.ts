/** Course content a device holds: the course documents and their modules. Server-written. */
import { z } from "zod";
import { COURSE_BADGES, COURSE_LEVELS, PREREQUISITE_TYPES } from "../../domain/enums";
import { defineCollection } from "../collection";
import { id, isoTime, text } from "../fields";

/** A course with everything its page shows, grouped into one document (see DESIGN.md: the
 * collection budget). Child rows (objectives, includes, …) arrive embedded. */
export const courses = defineCollection({
  name: "courses",
  version: 0,
  schema: z.object({
    id: id(),
    slug: text(200),
    title: text(300),
    tagline: text(150).nullable(),
    description: text(20_000),
    duration: text(100),
    durationWeeks: z.number().int().nullable(),
    totalDuration: text(100).nullable(),
    sessionCount: z.number().int().nullable(),
    moduleCount: z.number().int().nullable(),
    lessonCount: z.number().int().nullable(),
    format: text(200).nullable(),
    level: z.enum(COURSE_LEVELS),
    priceCents: z.number().int(),
    currency: text(3),
    thumbnailUrl: text(2000).nullable(),
    categoryId: id(),
    creatorId: id(),
    rating: z.number().nullable(),
    ratingCount: z.number().int().nullable(),
    studentCount: z.number().int(),
    badge: z.enum(COURSE_BADGES).nullable(),
    lifetimeAccess: z.boolean(),
    hasCertificate: z.boolean(),
    certificateName: text(200).nullable(),
    isActive: z.boolean(),
    isRetired: z.boolean(),
    objectives: z.array(text(2000)),
    includes: z.array(text(500)),
    prerequisites: z.array(z.object({ type: z.enum(PREREQUISITE_TYPES), content: text(500) })),
    targetAudience: z.array(text(500)),
    testimonials: z.array(
      z.object({
        quote: text(2000),
        studentName: text(200),
        studentRole: text(200).nullable(),
        isFeatured: z.boolean(),
      }),
    ),
    tags: z.array(text(100)),
    features: z
      .object({
        oneOnOneTeaching: z.boolean(),
        certifiedTeachers: z.boolean(),
        earnWhileTeaching: z.boolean(),
        teacherCommission: z.number().int(),
      })
      .nullable(),
    updatedAt: isoTime(),
  }),
  indexes: [],
  scopeKinds: ["course"],
  write: "server",
  conflict: "server-wins",
});

/** Curriculum modules: only for those with access to the content (not mere followers). */
export const modules = defineCollection({
  name: "modules",
  version: 0,
  schema: z.object({
    id: id(),
    courseId: id(),
    sessionNumber: z.number().int().nullable(),
    title: text(300),
    description: text(20_000),
    duration: text(100),
    learningObjectives: z.array(text(2000)),
    topicsCovered: z.array(text(2000)),
    handsOnExercise: text(20_000).nullable(),
    videoCount: z.number().int().nullable(),
    readingCount: z.number().int().nullable(),
    hasAssessment: z.boolean().nullable(),
    moduleOrder: z.number().int().min(0).max(100_000),
    videoUrl: text(2000).nullable(),
    documentUrl: text(2000).nullable(),
  }),
  indexes: [["courseId", "moduleOrder"]],
  scopeKinds: ["content"],
  write: "server",
  conflict: "server-wins",
});
