/**
 * The credentials API: certificates (recommend, issue, revoke, verify) and Student-Teacher
 * certification (apply, recommend, approve/decline, pause, reassign). Request bodies and
 * response shapes, shared by the server (validation, OpenAPI) and the PWA.
 */
import { z } from "zod";
import { CERTIFICATE_TYPES, TEACHER_APPLICATION_STATUSES } from "../domain/enums";

/** Certificates a creator issues by hand; `teaching` comes only with certification. */
export const ISSUABLE_TYPES = ["completion", "mastery"] as const;

const note = z.string().trim().max(2000);

export const issueCertificateBody = z.object({
  userId: z.uuid(),
  courseId: z.uuid(),
  type: z.enum(ISSUABLE_TYPES),
});

export const recommendCertificateBody = issueCertificateBody.extend({
  note: note.optional(),
});

export const certificateSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  courseId: z.uuid(),
  type: z.enum(CERTIFICATE_TYPES),
  issuedAt: z.string(),
  issuedBy: z.uuid(),
  recommendedBy: z.uuid().nullable(),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
  verifyUrl: z.string(),
});
export type CertificateView = z.infer<typeof certificateSchema>;

export const recommendationSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  learnerName: z.string(),
  courseId: z.uuid(),
  courseTitle: z.string(),
  type: z.enum(CERTIFICATE_TYPES),
  recommendedBy: z.uuid(),
  recommenderName: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type RecommendationView = z.infer<typeof recommendationSchema>;

export const verificationSchema = z.object({
  status: z.enum(["valid", "revoked", "not_genuine"]),
  reason: z.string(),
  certificate: z
    .object({
      id: z.uuid(),
      type: z.string(),
      learnerName: z.string(),
      achievement: z.string(),
      courseUrl: z.string(),
      verifyUrl: z.string(),
      creatorName: z.string(),
      issuerName: z.string(),
      issuedAt: z.string(),
      revokedAt: z.string().nullable(),
      revocationReason: z.string().nullable(),
    })
    .nullable(),
});
export type VerificationView = z.infer<typeof verificationSchema>;

/** A pasted or uploaded credential: any JSON object (the check says what is wrong with it). */
export const presentedCredential = z.record(z.string(), z.unknown());

export const applyToTeachBody = z.object({ courseId: z.uuid(), message: note.optional() });
export const recommendApplicationBody = z.object({ note: note.optional() });
export const declineApplicationBody = z.object({ reason: z.string().trim().min(1).max(2000) });
export const teachingActiveBody = z.object({ isActive: z.boolean() });
/** `null`: the creator takes the learner themselves. */
export const reassignTeacherBody = z.object({ teacherId: z.uuid().nullable() });

export const teacherApplicationSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  applicantName: z.string(),
  courseId: z.uuid(),
  courseTitle: z.string(),
  status: z.enum(TEACHER_APPLICATION_STATUSES),
  message: z.string().nullable(),
  recommendedBy: z.uuid().nullable(),
  recommendationNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  createdAt: z.string(),
});
export type TeacherApplicationView = z.infer<typeof teacherApplicationSchema>;

export const teacherApplicationLists = z.object({
  /** The signed-in user's own applications. */
  mine: z.array(teacherApplicationSchema),
  /** Pending applications of learners this user teaches as their Student-Teacher. */
  toRecommend: z.array(teacherApplicationSchema),
  /** Pending applications on courses this user created. */
  toDecide: z.array(teacherApplicationSchema),
});
export type TeacherApplicationLists = z.infer<typeof teacherApplicationLists>;
