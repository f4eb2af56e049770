/**
 * Postgres enums, built from the value lists in shared/domain/enums.ts so that the client,
 * the server and the database agree on one set of values.
 */
import { pgEnum } from "drizzle-orm/pg-core";
import {
  CERTIFICATE_TYPES,
  CONTENT_FLAG_STATUSES,
  COURSE_BADGES,
  COURSE_LEVELS,
  ENROLLMENT_STATUSES,
  GOODWILL_REASONS,
  GOODWILL_REWARD_TYPES,
  HELP_SUMMON_STATUSES,
  NOTIFICATION_TYPES,
  PAYMENT_RECIPIENT_TYPES,
  PAYMENT_SPLIT_STATUSES,
  PAYOUT_STATUSES,
  POST_INTERACTION_TYPES,
  POST_TYPES,
  PREREQUISITE_TYPES,
  SESSION_STATUSES,
  TRANSACTION_STATUSES,
  USER_ROLES,
} from "../../../shared/domain/enums";

export const userRole = pgEnum("user_role", USER_ROLES);
export const courseLevel = pgEnum("course_level", COURSE_LEVELS);
export const courseBadge = pgEnum("course_badge", COURSE_BADGES);
export const prerequisiteType = pgEnum("prerequisite_type", PREREQUISITE_TYPES);
export const enrollmentStatus = pgEnum("enrollment_status", ENROLLMENT_STATUSES);
export const sessionStatus = pgEnum("session_status", SESSION_STATUSES);
export const transactionStatus = pgEnum("transaction_status", TRANSACTION_STATUSES);
export const paymentRecipientType = pgEnum("payment_recipient_type", PAYMENT_RECIPIENT_TYPES);
export const paymentSplitStatus = pgEnum("payment_split_status", PAYMENT_SPLIT_STATUSES);
export const payoutStatus = pgEnum("payout_status", PAYOUT_STATUSES);
export const certificateType = pgEnum("certificate_type", CERTIFICATE_TYPES);
export const postType = pgEnum("post_type", POST_TYPES);
export const postInteractionType = pgEnum("post_interaction_type", POST_INTERACTION_TYPES);
export const contentFlagStatus = pgEnum("content_flag_status", CONTENT_FLAG_STATUSES);
export const notificationType = pgEnum("notification_type", NOTIFICATION_TYPES);
export const goodwillReason = pgEnum("goodwill_reason", GOODWILL_REASONS);
export const helpSummonStatus = pgEnum("help_summon_status", HELP_SUMMON_STATUSES);
export const goodwillRewardType = pgEnum("goodwill_reward_type", GOODWILL_REWARD_TYPES);
