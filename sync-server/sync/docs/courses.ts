/** Course documents (with their embedded content rows) and modules: server-written. */
import { and, asc, isNull, sql } from "drizzle-orm";
import {
  courses as coursesDecl,
  modules as modulesDecl,
} from "../../../shared/sync/collections/courses";
import type { Db } from "../../db/database";
import {
  courseCurriculum,
  courseIncludes,
  courseObjectives,
  coursePrerequisites,
  courses,
  courseTags,
  courseTargetAudience,
  courseTestimonials,
  peerloopFeatures,
} from "../../db/schema";
import { anyUuid, byId, groupBy, type ServerCollection, textList } from "./types";

async function loadCourses(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map();
  const [rows, objectives, includes, prerequisites, audience, testimonials, tags, features] =
    await Promise.all([
      db.select().from(courses).where(anyUuid(courses.id, ids)),
      db
        .select()
        .from(courseObjectives)
        .where(and(anyUuid(courseObjectives.courseId, ids), isNull(courseObjectives.deletedAt)))
        .orderBy(asc(courseObjectives.displayOrder)),
      db
        .select()
        .from(courseIncludes)
        .where(and(anyUuid(courseIncludes.courseId, ids), isNull(courseIncludes.deletedAt)))
        .orderBy(asc(courseIncludes.displayOrder)),
      db
        .select()
        .from(coursePrerequisites)
        .where(
          and(anyUuid(coursePrerequisites.courseId, ids), isNull(coursePrerequisites.deletedAt)),
        )
        .orderBy(asc(coursePrerequisites.type), asc(coursePrerequisites.displayOrder)),
      db
        .select()
        .from(courseTargetAudience)
        .where(
          and(anyUuid(courseTargetAudience.courseId, ids), isNull(courseTargetAudience.deletedAt)),
        )
        .orderBy(asc(courseTargetAudience.displayOrder)),
      db
        .select()
        .from(courseTestimonials)
        .where(and(anyUuid(courseTestimonials.courseId, ids), isNull(courseTestimonials.deletedAt)))
        .orderBy(asc(courseTestimonials.createdAt)),
      db
        .select()
        .from(courseTags)
        .where(and(anyUuid(courseTags.courseId, ids), isNull(courseTags.deletedAt)))
        .orderBy(sql`lower(${courseTags.tag}) COLLATE "C"`),
      db.select().from(peerloopFeatures).where(anyUuid(peerloopFeatures.courseId, ids)),
    ]);
  const g = <T extends { courseId: string }>(list: T[]) => groupBy(list, (r) => r.courseId);
  const [obj, inc, pre, aud, tst, tag] = [
    g(objectives),
    g(includes),
    g(prerequisites),
    g(audience),
    g(testimonials),
    g(tags),
  ];
  const feat = new Map(features.map((f) => [f.courseId, f]));
  return byId(rows, (c) => {
    const f = feat.get(c.id);
    return {
      id: c.id,
      slug: c.slug,
      title: c.title,
      tagline: c.tagline,
      description: c.description,
      duration: c.duration,
      durationWeeks: c.durationWeeks,
      totalDuration: c.totalDuration,
      sessionCount: c.sessionCount,
      moduleCount: c.moduleCount,
      lessonCount: c.lessonCount,
      format: c.format,
      level: c.level,
      priceCents: c.priceCents,
      currency: c.currency,
      thumbnailUrl: c.thumbnailUrl,
      categoryId: c.categoryId,
      creatorId: c.creatorId,
      rating: c.rating === null ? null : Number(c.rating),
      ratingCount: c.ratingCount,
      studentCount: c.studentCount,
      badge: c.badge,
      lifetimeAccess: c.lifetimeAccess,
      hasCertificate: c.hasCertificate,
      certificateName: c.certificateName,
      isActive: c.isActive,
      isRetired: c.isRetired,
      objectives: (obj.get(c.id) ?? []).map((o) => o.objective),
      includes: (inc.get(c.id) ?? []).map((i) => i.item),
      prerequisites: (pre.get(c.id) ?? []).map((p) => ({ type: p.type, content: p.content })),
      targetAudience: (aud.get(c.id) ?? []).map((a) => a.description),
      testimonials: (tst.get(c.id) ?? []).map((t) => ({
        quote: t.quote,
        studentName: t.studentName,
        studentRole: t.studentRole,
        isFeatured: t.isFeatured,
      })),
      tags: (tag.get(c.id) ?? []).map((t) => t.tag),
      features: f
        ? {
            oneOnOneTeaching: f.oneOnOneTeaching,
            certifiedTeachers: f.certifiedTeachers,
            earnWhileTeaching: f.earnWhileTeaching,
            teacherCommission: f.teacherCommission,
          }
        : null,
      updatedAt: c.updatedAt.toISOString(),
      _deleted: c.deletedAt !== null,
    };
  });
}

export const coursesCollection: ServerCollection = { decl: coursesDecl, load: loadCourses };

export const modulesCollection: ServerCollection = {
  decl: modulesDecl,
  async load(db, ids) {
    if (ids.length === 0) return new Map();
    const rows = await db.select().from(courseCurriculum).where(anyUuid(courseCurriculum.id, ids));
    return byId(rows, (m) => ({
      id: m.id,
      courseId: m.courseId,
      sessionNumber: m.sessionNumber,
      title: m.title,
      description: m.description,
      duration: m.duration,
      learningObjectives: textList(m.learningObjectives),
      topicsCovered: textList(m.topicsCovered),
      handsOnExercise: m.handsOnExercise,
      videoCount: m.videoCount,
      readingCount: m.readingCount,
      hasAssessment: m.hasAssessment,
      moduleOrder: m.moduleOrder,
      videoUrl: m.videoUrl,
      documentUrl: m.documentUrl,
      _deleted: m.deletedAt !== null,
    }));
  },
};
