/**
 * Who may hold a certificate. Every issuance goes through these checks, whoever asks:
 *  - completion: every module of the course complete in one of the learner's live
 *    enrollments (a course without modules: the enrollment is `completed`);
 *  - mastery: a live completion certificate first, and — when a Student-Teacher taught the
 *    learner — that teacher's recommendation (the creator who taught them judges alone);
 *  - teaching: a Student-Teacher certification (student_teachers row) for the course;
 *  - completion and mastery only on courses that award a certificate; never a second live
 *    certificate of one type for one learner and course.
 */
import { and, count, eq, isNull, ne } from "drizzle-orm";
import type { CertificateType } from "../../shared/domain/enums";
import type { Db } from "../db/database";
import {
  certificateRecommendations,
  certificates,
  courseCurriculum,
  courses,
  enrollments,
  moduleProgress,
  studentTeachers,
} from "../db/schema";
import { ApiError } from "../http/errors";

export type CourseRow = typeof courses.$inferSelect;
export type EnrollmentRow = typeof enrollments.$inferSelect;

export async function findCourse(tx: Db, courseId: string): Promise<CourseRow> {
  const [course] = await tx
    .select()
    .from(courses)
    .where(and(eq(courses.id, courseId), isNull(courses.deletedAt)));
  if (!course) throw new ApiError(404, "not_found", "No such course.");
  return course;
}

/** The learner's live (not cancelled) enrollment in the course, if any. */
export async function liveEnrollment(
  tx: Db,
  userId: string,
  courseId: string,
): Promise<EnrollmentRow | undefined> {
  const [row] = await tx
    .select()
    .from(enrollments)
    .where(
      and(
        eq(enrollments.studentId, userId),
        eq(enrollments.courseId, courseId),
        ne(enrollments.status, "cancelled"),
      ),
    );
  return row;
}

/** Every module complete (or, for a course without modules, the enrollment completed). */
export async function hasCompleted(tx: Db, enrollment: EnrollmentRow): Promise<boolean> {
  const [modules] = await tx
    .select({ n: count() })
    .from(courseCurriculum)
    .where(
      and(eq(courseCurriculum.courseId, enrollment.courseId), isNull(courseCurriculum.deletedAt)),
    );
  const total = modules?.n ?? 0;
  if (total === 0) return enrollment.status === "completed";
  const [done] = await tx
    .select({ n: count() })
    .from(moduleProgress)
    .innerJoin(courseCurriculum, eq(courseCurriculum.id, moduleProgress.moduleId))
    .where(
      and(
        eq(moduleProgress.enrollmentId, enrollment.id),
        eq(moduleProgress.isComplete, true),
        isNull(courseCurriculum.deletedAt),
      ),
    );
  return (done?.n ?? 0) >= total;
}

export async function liveCertificate(
  tx: Db,
  userId: string,
  courseId: string,
  type: CertificateType,
) {
  const [row] = await tx
    .select()
    .from(certificates)
    .where(
      and(
        eq(certificates.userId, userId),
        eq(certificates.courseId, courseId),
        eq(certificates.type, type),
        isNull(certificates.revokedAt),
      ),
    );
  return row;
}

export async function openRecommendation(
  tx: Db,
  userId: string,
  courseId: string,
  type: CertificateType,
) {
  const [row] = await tx
    .select()
    .from(certificateRecommendations)
    .where(
      and(
        eq(certificateRecommendations.userId, userId),
        eq(certificateRecommendations.courseId, courseId),
        eq(certificateRecommendations.type, type),
        isNull(certificateRecommendations.certificateId),
      ),
    );
  return row;
}

/**
 * Throws the 4xx that explains why the learner may not hold this certificate; returns the
 * open recommendation it will use (if any).
 */
export async function assertEligible(
  tx: Db,
  input: { userId: string; course: CourseRow; type: CertificateType },
) {
  const { userId, course, type } = input;
  if (await liveCertificate(tx, userId, course.id, type)) {
    throw new ApiError(
      409,
      "certificate_exists",
      `This learner already holds a ${type} certificate for this course.`,
    );
  }
  if (type === "teaching") {
    const [st] = await tx
      .select({ id: studentTeachers.id })
      .from(studentTeachers)
      .where(and(eq(studentTeachers.userId, userId), eq(studentTeachers.courseId, course.id)));
    if (!st) {
      throw new ApiError(
        422,
        "not_certified_teacher",
        "A teaching certificate comes only with Student-Teacher certification.",
      );
    }
    return undefined;
  }
  if (!course.hasCertificate) {
    throw new ApiError(422, "certificate_not_offered", "This course does not award certificates.");
  }
  const enrollment = await liveEnrollment(tx, userId, course.id);
  if (!enrollment || !(await hasCompleted(tx, enrollment))) {
    throw new ApiError(
      422,
      "course_not_completed",
      "The learner has not completed every module of this course.",
    );
  }
  const recommendation = await openRecommendation(tx, userId, course.id, type);
  if (type === "mastery") {
    if (!(await liveCertificate(tx, userId, course.id, "completion"))) {
      throw new ApiError(
        422,
        "completion_required",
        "A certificate of mastery needs a certificate of completion first.",
      );
    }
    if (enrollment.studentTeacherId && !recommendation) {
      throw new ApiError(
        422,
        "recommendation_required",
        "A certificate of mastery needs the recommendation of the learner's Student-Teacher.",
      );
    }
  }
  return recommendation;
}
