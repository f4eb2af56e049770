/**
 * Which synced document each table's rows belong to, and in which scopes. The database
 * captures every write to these tables with triggers generated from this list (sql.ts), so
 * any write — API, push, webhook, admin action, job, or SQL typed by an operator — reaches
 * every device that may see it. `r` is the written row; `joins` may bring in other tables.
 */
import type { CollectionName } from "../../../shared/sync/registry";

export interface CaptureRule {
  table: string;
  collection: CollectionName;
  /** SQL: the id of the document the row belongs to. */
  docId: string;
  /** SQL expressions, each a scope string (NULL = none). */
  scopes: string[];
  /** SQL joins from `r`, e.g. to find a parent's course. */
  joins?: string;
  /** The row is the document itself (not an embedded child): a hard delete is a tombstone. */
  root?: boolean;
  /** SQL: the root row is soft-deleted (a tombstone for devices). */
  softDeleted?: string;
  /** SQL expressions: users whose rights (and so scopes) this row grants or ends. */
  rightsOf?: string[];
}

const SOFT_DELETED = "r.deleted_at IS NOT NULL";
const course = (col: string) => `'course:' || ${col}`;
const child = (table: string): CaptureRule => ({
  table,
  collection: "courses",
  docId: "r.course_id",
  scopes: [course("r.course_id")],
});
const profileChild = (table: string): CaptureRule => ({
  table,
  collection: "profiles",
  docId: "r.user_id",
  scopes: ["'profile:' || r.user_id"],
});

export const CAPTURE_RULES: CaptureRule[] = [
  {
    table: "courses",
    collection: "courses",
    docId: "r.id",
    scopes: [course("r.id")],
    root: true,
    softDeleted: SOFT_DELETED,
    rightsOf: ["r.creator_id"],
  },
  child("course_objectives"),
  child("course_includes"),
  child("course_prerequisites"),
  child("course_target_audience"),
  child("course_testimonials"),
  child("course_tags"),
  child("peerloop_features"),
  {
    table: "course_curriculum",
    collection: "modules",
    docId: "r.id",
    scopes: ["'content:' || r.course_id"],
    root: true,
    softDeleted: SOFT_DELETED,
  },
  {
    table: "enrollments",
    collection: "enrollments",
    docId: "r.id",
    scopes: ["'enrollment:' || r.id", "'course-students:' || r.course_id"],
    root: true,
    joins: "JOIN courses c ON c.id = r.course_id",
    rightsOf: ["r.student_id", "r.student_teacher_id", "c.creator_id"],
  },
  {
    table: "module_progress",
    collection: "progress",
    docId: "r.id",
    scopes: ["'enrollment:' || r.enrollment_id", "'course-students:' || e.course_id"],
    joins: "JOIN enrollments e ON e.id = r.enrollment_id",
    root: true,
  },
  {
    table: "conversations",
    collection: "conversations",
    docId: "r.id",
    scopes: ["'conversation:' || r.id"],
    root: true,
    softDeleted: SOFT_DELETED,
  },
  {
    table: "conversation_participants",
    collection: "conversations",
    docId: "r.conversation_id",
    scopes: ["'conversation:' || r.conversation_id"],
    rightsOf: ["r.user_id"],
  },
  {
    table: "messages",
    collection: "messages",
    docId: "r.id",
    scopes: ["'conversation:' || r.conversation_id"],
    root: true,
    softDeleted: SOFT_DELETED,
  },
  {
    table: "notifications",
    collection: "notifications",
    docId: "r.id",
    scopes: ["'user:' || r.user_id"],
    root: true,
    softDeleted: SOFT_DELETED,
  },
  {
    table: "sessions",
    collection: "sessions",
    docId: "r.id",
    scopes: ["'user:' || r.teacher_id", "'user:' || r.student_id"],
    root: true,
  },
  {
    table: "session_assessments",
    collection: "sessions",
    docId: "r.session_id",
    // Not `s`: the generated trigger names its scope column `s(scope)`.
    scopes: ["'user:' || ses.teacher_id", "'user:' || ses.student_id"],
    joins: "JOIN sessions ses ON ses.id = r.session_id",
  },
  {
    table: "availability",
    collection: "availability",
    docId: "r.id",
    scopes: ["'availability:' || r.user_id"],
    root: true,
    softDeleted: SOFT_DELETED,
  },
  {
    table: "users",
    collection: "profiles",
    docId: "r.id",
    scopes: ["'profile:' || r.id"],
    root: true,
    softDeleted: SOFT_DELETED,
  },
  profileChild("user_qualifications"),
  profileChild("user_expertise"),
  profileChild("user_interests"),
  { ...profileChild("certificates") },
  {
    table: "student_teachers",
    collection: "profiles",
    docId: "r.user_id",
    scopes: ["'profile:' || r.user_id"],
    rightsOf: ["r.user_id"],
  },
  {
    // Following a course grants its course document; the follow row itself is not synced.
    table: "course_follows",
    collection: "courses",
    docId: "r.course_id",
    scopes: [course("r.course_id")],
    rightsOf: ["r.user_id"],
  },
  {
    table: "session_requests",
    collection: "sessionRequests",
    docId: "r.id",
    scopes: ["'user:' || r.user_id"],
    root: true,
  },
];
