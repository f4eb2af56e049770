/**
 * Product tables for credentials (not in the seed): Student-Teacher applications,
 * certificate recommendations, and the platform's signing keys.
 */
import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { TEACHER_APPLICATION_STATUSES } from "../../../shared/domain/enums";
import { certificates } from "./certificates";
import { createdAt, id, tz } from "./columns";
import { courses } from "./courses";
import { certificateType } from "./enums";
import { users } from "./users";

export const teacherApplicationStatus = pgEnum(
  "teacher_application_status",
  TEACHER_APPLICATION_STATUSES,
);

/** A learner asks to teach a course they completed; the course's creator decides. */
export const teacherApplications = pgTable(
  "teacher_applications",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    status: teacherApplicationStatus("status").notNull().default("pending"),
    message: text("message"),
    /** The applicant's own Student-Teacher, when they recommended them. */
    recommendedBy: uuid("recommended_by").references(() => users.id, { onDelete: "set null" }),
    recommendationNote: text("recommendation_note"),
    recommendedAt: tz("recommended_at"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: tz("decided_at"),
    declineReason: text("decline_reason"),
    createdAt: createdAt(),
  },
  (t) => [
    // One open application per learner and course; decided ones stay as history.
    uniqueIndex("teacher_applications_user_id_course_id_key")
      .on(t.userId, t.courseId)
      .where(sql`${t.status} = 'pending'`),
    index().on(t.courseId, t.status),
    index().on(t.recommendedBy),
  ],
);

/**
 * A Student-Teacher's recommendation that their learner deserves a certificate; the
 * creator issues. `certificate_id` is set when a certificate used it.
 */
export const certificateRecommendations = pgTable(
  "certificate_recommendations",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    type: certificateType("type").notNull(),
    recommendedBy: uuid("recommended_by")
      .notNull()
      .references(() => users.id),
    note: text("note"),
    certificateId: uuid("certificate_id").references(() => certificates.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("certificate_recommendations_open_key")
      .on(t.userId, t.courseId, t.type)
      .where(sql`${t.certificateId} IS NULL`),
    index().on(t.courseId),
  ],
);

/**
 * Keys certificates were signed with. A generated key keeps its private half here so it
 * survives restarts (at most one generated key: the partial unique index); a key given by
 * CERT_SIGNING_KEY is recorded public-only, so credentials it signed keep verifying after
 * the configuration changes.
 */
export const credentialSigningKeys = pgTable(
  "credential_signing_keys",
  {
    id: id(),
    /** did:key multikey of the public key (`z6Mk…`). */
    publicKeyMultibase: text("public_key_multibase").notNull(),
    /** base64 PKCS#8 DER; NULL for a configured key (the secret stays in configuration). */
    privateKeyPkcs8: text("private_key_pkcs8"),
    source: text("source").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("credential_signing_keys_public_key_multibase_key").on(t.publicKeyMultibase),
    uniqueIndex("credential_signing_keys_generated_key")
      .on(t.source)
      .where(sql`${t.source} = 'generated'`),
  ],
);
