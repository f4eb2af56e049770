/**
 * Who may see what. Every synced document belongs to one or more scopes; a user's scopes are
 * computed from their rights (the rows below, loaded by the server) by this one pure rule.
 * The server uses it as the replication filter; the client can use it for "may I?" checks.
 *
 * Scope kinds:
 *   course:<courseId>            the course document (enrolled, following, teaching, creator)
 *   content:<courseId>           its modules: access to the content (not mere followers)
 *   enrollment:<enrollmentId>    an enrollment and its progress: the learner and their teacher
 *   course-students:<courseId>   every enrollment and progress of a course: its creator
 *   conversation:<id>            a conversation and its messages: its current participants
 *   user:<userId>                private to one person (notifications, their sessions)
 *   availability:<teacherId>     a teacher's open slots: the teacher and those who can book them
 *   profile:<userId>             a public profile card: oneself and the people one deals with
 */
import type { EnrollmentStatus } from "../domain/enums";

export const SCOPE_KINDS = [
  "course",
  "content",
  "enrollment",
  "course-students",
  "conversation",
  "user",
  "availability",
  "profile",
] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
export type Scope = `${ScopeKind}:${string}`;

export const scope = (kind: ScopeKind, id: string): Scope => `${kind}:${id}`;

export interface UserRights {
  userId: string;
  /** Enrollments where the user is the learner. */
  asStudent: { id: string; courseId: string; status: EnrollmentStatus; teacherId: string | null }[];
  /** Enrollments where the user is the assigned Student-Teacher. */
  asTeacher: { id: string; courseId: string; studentId: string; status: EnrollmentStatus }[];
  /** Courses the user created, with the learners of each (for profile cards). */
  created: { courseId: string; studentIds: string[] }[];
  /** Courses the user is a certified Student-Teacher of. */
  teaching: { courseId: string; isActive: boolean }[];
  followedCourseIds: string[];
  conversations: { id: string; otherUserIds: string[] }[];
  /** Creator of every course the user can see (for the creator's profile card). */
  courseCreators: Record<string, string>;
  /**
   * Active Student-Teachers of the courses the user studies (whom a new enrollment may pick).
   * A learner's own teacher comes from `asStudent[].teacherId`, active or paused.
   */
  courseTeachers: Record<string, string[]>;
}

/** Access to a course's content ends with cancellation; completion keeps it for life. */
export const hasAccess = (status: EnrollmentStatus) => status !== "cancelled";

export function scopesOf(r: UserRights): Set<Scope> {
  const out = new Set<Scope>();
  const add = (kind: ScopeKind, id: string | null | undefined) => {
    if (id) out.add(scope(kind, id));
  };
  add("user", r.userId);
  add("profile", r.userId);
  add("availability", r.userId);

  const studying = r.asStudent.filter((e) => hasAccess(e.status));
  for (const e of r.asStudent) add("enrollment", e.id); // a learner still sees a cancelled enrollment
  for (const e of studying) {
    add("course", e.courseId);
    add("content", e.courseId);
    add("profile", e.teacherId);
  }
  for (const e of r.asTeacher) {
    add("enrollment", e.id);
    add("profile", e.studentId);
  }
  for (const c of r.created) {
    add("course", c.courseId);
    add("content", c.courseId);
    add("course-students", c.courseId);
    for (const s of c.studentIds) add("profile", s);
  }
  for (const t of r.teaching) {
    add("course", t.courseId);
    add("content", t.courseId);
  }
  for (const id of r.followedCourseIds) add("course", id);
  for (const c of r.conversations) {
    add("conversation", c.id);
    for (const u of c.otherUserIds) add("profile", u);
  }
  for (const [courseId, creatorId] of Object.entries(r.courseCreators)) {
    if (out.has(scope("course", courseId))) add("profile", creatorId);
  }
  // Teachers whose open times come to the learner's device (availability and profile card):
  // their own enrollment's teacher — also one who paused, since pausing stops new students,
  // not the learners already assigned —, the creator, and the course's active
  // Student-Teachers (the ones a new enrollment could pick; a paused one is not offered).
  for (const e of studying) {
    const bookable = [
      e.teacherId,
      ...(r.courseTeachers[e.courseId] ?? []),
      r.courseCreators[e.courseId],
    ];
    for (const t of bookable) {
      add("availability", t);
      add("profile", t);
    }
  }
  return out;
}

export function scopeKind(s: string): ScopeKind | undefined {
  const kind = s.slice(0, s.indexOf(":"));
  return (SCOPE_KINDS as readonly string[]).includes(kind) ? (kind as ScopeKind) : undefined;
}
