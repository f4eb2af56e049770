/**
 * Seed entity: certificates. Issued only by the server, never deleted: revocation sets
 * revoked_at / revoked_by / revocation_reason, and the signed credential stays on the row.
 */
import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, tz } from "./columns";
import { courses } from "./courses";
import { certificateType } from "./enums";
import { users } from "./users";

export const certificates = pgTable(
  "certificates",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    type: certificateType("type").notNull(),
    issuedAt: tz("issued_at").notNull().defaultNow(),
    issuedBy: uuid("issued_by")
      .notNull()
      .references(() => users.id),
    recommendedBy: uuid("recommended_by").references(() => users.id, { onDelete: "set null" }),
    certificateUrl: text("certificate_url"),
    /** Added: revocation (a certificate is never deleted). */
    revokedAt: tz("revoked_at"),
    revokedBy: uuid("revoked_by").references(() => users.id, { onDelete: "set null" }),
    revocationReason: text("revocation_reason"),
    /** Added: the signed, publicly verifiable credential. */
    credential: jsonb("credential"),
  },
  (t) => [
    // One live certificate of each type per user and course; a revoked one may be reissued.
    uniqueIndex("certificates_user_id_course_id_type_key")
      .on(t.userId, t.courseId, t.type)
      .where(sql`${t.revokedAt} IS NULL`),
    index().on(t.userId),
    index().on(t.courseId),
    index().on(t.issuedBy),
  ],
);
