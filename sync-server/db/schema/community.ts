/**
 * The community feed. Seed entities: posts, post_interactions, content_flags,
 * promoted_posts, instructor_followers.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, deletedAt, id, tz } from "./columns";
import { courses } from "./courses";
import { contentFlagStatus, postInteractionType, postType } from "./enums";
import { users } from "./users";

/** A feed post: main feed (course_id NULL) or a course feed; replies point at parent_id. */
export const posts = pgTable(
  "posts",
  {
    id: id(),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id),
    courseId: uuid("course_id").references(() => courses.id),
    content: text("content").notNull(),
    postType: postType("post_type").notNull().default("post"),
    isPinned: boolean("is_pinned").notNull().default(false),
    parentId: uuid("parent_id").references((): AnyPgColumn => posts.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    /** Edit time; NULL until the post is edited. */
    updatedAt: tz("updated_at"),
    deletedAt: deletedAt(),
  },
  (t) => [
    index().on(t.authorId),
    index().on(t.courseId, t.createdAt),
    index().on(t.parentId),
    index().on(t.createdAt),
  ],
);

export const postInteractions = pgTable(
  "post_interactions",
  {
    id: id(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    type: postInteractionType("type").notNull(),
    createdAt: createdAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex("post_interactions_post_id_user_id_type_key")
      .on(t.postId, t.userId, t.type)
      .where(sql`${t.deletedAt} IS NULL`),
    index().on(t.postId),
    index().on(t.userId),
  ],
);

/** Moderation queue. Kept as a record: resolved via status, never deleted. */
export const contentFlags = pgTable(
  "content_flags",
  {
    id: id(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id),
    flaggedBy: uuid("flagged_by")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    status: contentFlagStatus("status").notNull().default("pending"),
    reviewedBy: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewedAt: tz("reviewed_at"),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.postId), index().on(t.flaggedBy), index().on(t.status, t.createdAt)],
);

/** A post promoted to the main feed, paid with goodwill points. */
export const promotedPosts = pgTable(
  "promoted_posts",
  {
    id: id(),
    postId: uuid("post_id")
      .notNull()
      .references(() => posts.id),
    promotedBy: uuid("promoted_by")
      .notNull()
      .references(() => users.id),
    pointsSpent: integer("points_spent").notNull(),
    promotedAt: tz("promoted_at").notNull().defaultNow(),
    expiresAt: tz("expires_at"),
  },
  (t) => [
    index().on(t.postId),
    index().on(t.promotedBy),
    index().on(t.expiresAt),
    check("promoted_posts_points_spent_positive", sql`${t.pointsSpent} > 0`),
    check("promoted_posts_expiry_order", sql`${t.expiresAt} > ${t.promotedAt}`),
  ],
);

/**
 * Everyone who ever bought a course from an instructor (grants instructor-feed access).
 * Maintained by the server on enrollment; never deleted.
 */
export const instructorFollowers = pgTable(
  "instructor_followers",
  {
    id: id(),
    instructorId: uuid("instructor_id")
      .notNull()
      .references(() => users.id),
    followerId: uuid("follower_id")
      .notNull()
      .references(() => users.id),
    firstEnrollmentAt: tz("first_enrollment_at").notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("instructor_followers_instructor_id_follower_id_key").on(
      t.instructorId,
      t.followerId,
    ),
    index().on(t.followerId),
  ],
);
