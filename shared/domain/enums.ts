/**
 * Every enumerated value set of the data model, shared by the client and the server.
 * The database enums (sync-server/db/schema/enums.ts) are built from these arrays, so the
 * two can never drift. Values are the seed schema's; where the seed ends a list with "etc."
 * the complete list is chosen here (see docs/data-model.md).
 *
 * Postgres can add enum values later (ALTER TYPE ... ADD VALUE) but cannot drop them:
 * append, never remove or rename.
 */

/** Primary role of a user: the seed's five plus the employer/funder. */
export const USER_ROLES = [
  "student",
  "student_teacher",
  "creator",
  "admin",
  "moderator",
  "employer",
] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const COURSE_LEVELS = ["beginner", "intermediate", "advanced"] as const;
export type CourseLevel = (typeof COURSE_LEVELS)[number];

/** Promotional badge on a course card; "no badge" is NULL. */
export const COURSE_BADGES = ["popular", "new", "bestseller", "featured"] as const;
export type CourseBadge = (typeof COURSE_BADGES)[number];

export const PREREQUISITE_TYPES = ["required", "nice_to_have", "not_required"] as const;
export type PrerequisiteType = (typeof PREREQUISITE_TYPES)[number];

export const ENROLLMENT_STATUSES = ["enrolled", "in_progress", "completed", "cancelled"] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export const SESSION_STATUSES = ["scheduled", "in_progress", "completed", "cancelled"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const TRANSACTION_STATUSES = ["pending", "completed", "refunded", "failed"] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

export const PAYMENT_RECIPIENT_TYPES = ["platform", "creator", "student_teacher"] as const;
export type PaymentRecipientType = (typeof PAYMENT_RECIPIENT_TYPES)[number];

/** `cancelled`: added for refunds (the seed has no state for a share that is never paid). */
export const PAYMENT_SPLIT_STATUSES = ["pending", "released", "paid", "cancelled"] as const;
export type PaymentSplitStatus = (typeof PAYMENT_SPLIT_STATUSES)[number];

export const PAYOUT_STATUSES = ["pending", "processing", "completed", "failed"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export const CERTIFICATE_TYPES = ["completion", "mastery", "teaching"] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

export const POST_TYPES = ["post", "announcement", "teaching_tip", "availability"] as const;
export type PostType = (typeof POST_TYPES)[number];

export const POST_INTERACTION_TYPES = ["like", "bookmark", "repost"] as const;
export type PostInteractionType = (typeof POST_INTERACTION_TYPES)[number];

export const CONTENT_FLAG_STATUSES = ["pending", "reviewed", "dismissed", "actioned"] as const;
export type ContentFlagStatus = (typeof CONTENT_FLAG_STATUSES)[number];

/**
 * Notification kinds. The seed lists session_reminder, payment, message, certificate "etc.";
 * this is the complete list for the product.
 */
export const NOTIFICATION_TYPES = [
  "session_booked", // a session with you was booked (teacher) / confirmed (student)
  "session_cancelled",
  "session_reminder",
  "session_assessment", // you were assessed after a session, or are asked to assess
  "enrollment", // a student enrolled (creator / assigned S-T), or your enrollment is active
  "enrollment_cancelled",
  "payment", // payment received or failed
  "refund",
  "payout", // payout approved / paid / failed
  "message",
  "certificate", // certificate issued or revoked
  "teacher_application", // a student was recommended / applied to become an S-T
  "teacher_approved", // you were certified as a Student-Teacher
  "follow", // someone followed you or a course of yours
  "post_reply",
  "post_interaction", // like / repost of your post
  "content_flag", // moderators: new flag; authors: action taken on a post
  "help_summon", // a student summoned help / your summon was answered
  "goodwill", // goodwill points received
  "reward_unlocked",
  "system",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** Why goodwill points moved (the seed's list; amounts are the seed's guidance). */
export const GOODWILL_REASONS = [
  "summon_help", // responded to a help summons (10-25)
  "question_answer", // answered a question in chat (5)
  "first_session_mentor", // helped a new S-T through a first session (50)
  "referral", // referred a student who enrolled (100)
  "remedial_volunteer", // volunteered for a remedial session (30)
  "availability_bonus", // daily bonus for being available (5)
] as const;
export type GoodwillReason = (typeof GOODWILL_REASONS)[number];

export const HELP_SUMMON_STATUSES = ["pending", "responded", "completed", "cancelled"] as const;
export type HelpSummonStatus = (typeof HELP_SUMMON_STATUSES)[number];

export const GOODWILL_REWARD_TYPES = [
  "badge",
  "discount",
  "free_session",
  "revenue_bonus",
] as const;
export type GoodwillRewardType = (typeof GOODWILL_REWARD_TYPES)[number];

/** A learner's application to teach a course they completed (Student-Teacher certification). */
export const TEACHER_APPLICATION_STATUSES = [
  "pending",
  "approved",
  "declined",
  "withdrawn",
] as const;
export type TeacherApplicationStatus = (typeof TEACHER_APPLICATION_STATUSES)[number];
