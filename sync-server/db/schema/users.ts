/**
 * Users, their profile children, the social graph and the user_stats view.
 * Seed entities: users, user_qualifications, user_expertise, user_stats, user_interests,
 * follows (course_follows lives in courses.ts, beside the table it points to).
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  numeric,
  pgTable,
  pgView,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, deletedAt, displayOrder, id, tz, updatedAt } from "./columns";
import { userRole } from "./enums";

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    passwordHash: text("password_hash").notNull(),
    name: text("name").notNull(),
    handle: text("handle").notNull(),
    title: text("title"),
    avatarUrl: text("avatar_url"),
    bio: text("bio"),
    bioShort: text("bio_short"),
    teachingPhilosophy: text("teaching_philosophy"),
    website: text("website"),
    role: userRole("role").notNull().default("student"),
    isCreator: boolean("is_creator").notNull().default(false),
    isStudentTeacher: boolean("is_student_teacher").notNull().default(false),
    isAdmin: boolean("is_admin").notNull().default(false),
    isModerator: boolean("is_moderator").notNull().default(false),
    /** Added: employer/funder capability (sponsors enrollments). */
    isEmployer: boolean("is_employer").notNull().default(false),
    privacyPublic: boolean("privacy_public").notNull().default(true),
    emailVerified: boolean("email_verified").notNull().default(false),
    /** Added: IANA zone for display and scheduling defaults; storage stays UTC. */
    timezone: text("timezone").notNull().default("UTC"),
    /** Added: set by an admin to block sign-in without deleting the account. */
    disabledAt: tz("disabled_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    uniqueIndex("users_handle_key").on(sql`lower(${t.handle})`),
    index().on(t.role),
    check("users_bio_short_length", sql`char_length(${t.bioShort}) <= 160`),
  ],
);

export const userQualifications = pgTable(
  "user_qualifications",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    sentence: text("sentence").notNull(),
    displayOrder: displayOrder(),
    createdAt: createdAt(),
    deletedAt: deletedAt(),
  },
  (t) => [index().on(t.userId, t.displayOrder)],
);

export const userExpertise = pgTable(
  "user_expertise",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex("user_expertise_user_id_tag_key")
      .on(t.userId, t.tag)
      .where(sql`${t.deletedAt} IS NULL`),
    index().on(t.userId),
    index().on(t.tag),
  ],
);

export const userInterests = pgTable(
  "user_interests",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex("user_interests_user_id_tag_key")
      .on(t.userId, t.tag)
      .where(sql`${t.deletedAt} IS NULL`),
    index().on(t.userId),
    index().on(t.tag),
  ],
);

export const follows = pgTable(
  "follows",
  {
    id: id(),
    followerId: uuid("follower_id")
      .notNull()
      .references(() => users.id),
    followedId: uuid("followed_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex("follows_follower_id_followed_id_key")
      .on(t.followerId, t.followedId)
      .where(sql`${t.deletedAt} IS NULL`),
    index().on(t.followerId),
    index().on(t.followedId),
    check("follows_not_self", sql`${t.followerId} <> ${t.followedId}`),
  ],
);

/**
 * Seed entity user_stats, computed on read so it is never stale: one row per non-deleted
 * user. See docs/data-model.md for how each figure is defined.
 */
export const userStats = pgView("user_stats", {
  userId: uuid("user_id").notNull(),
  studentsTaught: integer("students_taught").notNull(),
  coursesCreated: integer("courses_created").notNull(),
  coursesCompleted: integer("courses_completed").notNull(),
  averageRating: numeric("average_rating", { precision: 3, scale: 2, mode: "number" }).notNull(),
  totalReviews: integer("total_reviews").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
}).as(sql`
  SELECT
    u.id AS user_id,
    (SELECT count(DISTINCT s.student_id)::int
       FROM sessions s
      WHERE s.teacher_id = u.id AND s.status = 'completed') AS students_taught,
    (SELECT count(*)::int
       FROM courses c
      WHERE c.creator_id = u.id AND c.deleted_at IS NULL) AS courses_created,
    (SELECT count(*)::int
       FROM enrollments e
      WHERE e.student_id = u.id AND e.status = 'completed') AS courses_completed,
    coalesce(r.average_rating, 0)::numeric(3, 2) AS average_rating,
    coalesce(r.total_reviews, 0)::int AS total_reviews,
    now() AS updated_at
  FROM users u
  LEFT JOIN LATERAL (
    SELECT round(avg(a.rating), 2) AS average_rating, count(*) AS total_reviews
      FROM session_assessments a
     WHERE a.assessee_id = u.id
  ) r ON true
  WHERE u.deleted_at IS NULL
`);
