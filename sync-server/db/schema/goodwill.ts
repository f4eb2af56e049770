/**
 * Goodwill points, the community currency. Seed entities: user_goodwill,
 * goodwill_transactions, help_summons, user_availability, goodwill_rewards,
 * user_reward_unlocks. Balances and the log are written only by the server.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, deletedAt, id, tz, updatedAt } from "./columns";
import { courseCurriculum, courses } from "./courses";
import { goodwillReason, goodwillRewardType, helpSummonStatus } from "./enums";
import { users } from "./users";

/** Per-user balance (PK = user_id). Invariant from the seed: balance = total_earned - spent. */
export const userGoodwill = pgTable(
  "user_goodwill",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id),
    totalEarned: integer("total_earned").notNull().default(0),
    balance: integer("balance").notNull().default(0),
    spent: integer("spent").notNull().default(0),
    lastAwardedToUserId: uuid("last_awarded_to_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    lastAwardedAt: tz("last_awarded_at"),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "user_goodwill_nonnegative",
      sql`${t.totalEarned} >= 0 AND ${t.spent} >= 0 AND ${t.balance} >= 0`,
    ),
    check("user_goodwill_balance_formula", sql`${t.balance} = ${t.totalEarned} - ${t.spent}`),
  ],
);

/** A student's request for help from an available S-T. */
export const helpSummons = pgTable(
  "help_summons",
  {
    id: id(),
    studentId: uuid("student_id")
      .notNull()
      .references(() => users.id),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id),
    moduleId: uuid("module_id").references(() => courseCurriculum.id, { onDelete: "set null" }),
    status: helpSummonStatus("status").notNull().default("pending"),
    responderId: uuid("responder_id").references(() => users.id, { onDelete: "set null" }),
    respondedAt: tz("responded_at"),
    completedAt: tz("completed_at"),
    pointsAwarded: integer("points_awarded"),
    sessionDurationMins: integer("session_duration_mins"),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.studentId),
    index().on(t.courseId, t.status),
    index().on(t.responderId),
    index().on(t.moduleId),
    check("help_summons_points_awarded_range", sql`${t.pointsAwarded} BETWEEN 10 AND 25`),
    check("help_summons_duration_nonnegative", sql`${t.sessionDurationMins} >= 0`),
  ],
);

/** Append-only log of point transfers (from_user_id NULL = system award). */
export const goodwillTransactions = pgTable(
  "goodwill_transactions",
  {
    id: id(),
    fromUserId: uuid("from_user_id").references(() => users.id),
    toUserId: uuid("to_user_id")
      .notNull()
      .references(() => users.id),
    points: integer("points").notNull(),
    reason: goodwillReason("reason").notNull(),
    courseId: uuid("course_id").references(() => courses.id),
    summonId: uuid("summon_id").references(() => helpSummons.id),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.toUserId, t.createdAt),
    index().on(t.fromUserId, t.createdAt),
    index().on(t.courseId),
    index().on(t.summonId),
    check("goodwill_transactions_points_range", sql`${t.points} BETWEEN 5 AND 100`),
    check("goodwill_transactions_not_self", sql`${t.fromUserId} <> ${t.toUserId}`),
  ],
);

/** The "Available to Help" toggle (PK = user_id). */
export const userAvailability = pgTable("user_availability", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  isAvailable: boolean("is_available").notNull().default(false),
  lastAvailableAt: tz("last_available_at"),
  updatedAt: updatedAt(),
});

/** Reward tiers (admin-managed; retired tiers are soft-deleted, unlocks keep pointing at them). */
export const goodwillRewards = pgTable(
  "goodwill_rewards",
  {
    id: id(),
    pointsThreshold: integer("points_threshold").notNull(),
    rewardType: goodwillRewardType("reward_type").notNull(),
    rewardValue: text("reward_value").notNull(),
    description: text("description").notNull(),
    deletedAt: deletedAt(),
  },
  (t) => [
    index().on(t.pointsThreshold),
    check("goodwill_rewards_points_threshold_positive", sql`${t.pointsThreshold} > 0`),
  ],
);

export const userRewardUnlocks = pgTable(
  "user_reward_unlocks",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    rewardId: uuid("reward_id")
      .notNull()
      .references(() => goodwillRewards.id),
    unlockedAt: tz("unlocked_at").notNull().defaultNow(),
    redeemedAt: tz("redeemed_at"),
  },
  (t) => [
    uniqueIndex("user_reward_unlocks_user_id_reward_id_key").on(t.userId, t.rewardId),
    index().on(t.rewardId),
  ],
);
