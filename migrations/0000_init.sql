CREATE TYPE "public"."auth_token_purpose" AS ENUM('verify_email', 'reset_password');--> statement-breakpoint
CREATE TYPE "public"."email_status" AS ENUM('pending', 'sent', 'failed', 'logged');--> statement-breakpoint
CREATE TYPE "public"."certificate_type" AS ENUM('completion', 'mastery', 'teaching');--> statement-breakpoint
CREATE TYPE "public"."content_flag_status" AS ENUM('pending', 'reviewed', 'dismissed', 'actioned');--> statement-breakpoint
CREATE TYPE "public"."course_badge" AS ENUM('popular', 'new', 'bestseller', 'featured');--> statement-breakpoint
CREATE TYPE "public"."course_level" AS ENUM('beginner', 'intermediate', 'advanced');--> statement-breakpoint
CREATE TYPE "public"."enrollment_status" AS ENUM('enrolled', 'in_progress', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."goodwill_reason" AS ENUM('summon_help', 'question_answer', 'first_session_mentor', 'referral', 'remedial_volunteer', 'availability_bonus');--> statement-breakpoint
CREATE TYPE "public"."goodwill_reward_type" AS ENUM('badge', 'discount', 'free_session', 'revenue_bonus');--> statement-breakpoint
CREATE TYPE "public"."help_summon_status" AS ENUM('pending', 'responded', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."notification_type" AS ENUM('session_booked', 'session_cancelled', 'session_reminder', 'session_assessment', 'enrollment', 'enrollment_cancelled', 'payment', 'refund', 'payout', 'message', 'certificate', 'teacher_application', 'teacher_approved', 'follow', 'post_reply', 'post_interaction', 'content_flag', 'help_summon', 'goodwill', 'reward_unlocked', 'system');--> statement-breakpoint
CREATE TYPE "public"."payment_recipient_type" AS ENUM('platform', 'creator', 'student_teacher');--> statement-breakpoint
CREATE TYPE "public"."payment_split_status" AS ENUM('pending', 'released', 'paid');--> statement-breakpoint
CREATE TYPE "public"."payout_status" AS ENUM('pending', 'processing', 'completed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."post_interaction_type" AS ENUM('like', 'bookmark', 'repost');--> statement-breakpoint
CREATE TYPE "public"."post_type" AS ENUM('post', 'announcement', 'teaching_tip', 'availability');--> statement-breakpoint
CREATE TYPE "public"."prerequisite_type" AS ENUM('required', 'nice_to_have', 'not_required');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('scheduled', 'in_progress', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."transaction_status" AS ENUM('pending', 'completed', 'refunded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('student', 'student_teacher', 'creator', 'admin', 'moderator', 'employer');--> statement-breakpoint
CREATE TABLE "auth_login_attempts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" text,
	"succeeded" boolean NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"user_agent" text,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "auth_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" "auth_token_purpose" NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"kind" text NOT NULL,
	"status" "email_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"type" "certificate_type" NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid NOT NULL,
	"recommended_by" uuid,
	"certificate_url" text,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revocation_reason" text,
	"credential" jsonb
);
--> statement-breakpoint
CREATE TABLE "content_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL,
	"flagged_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" "content_flag_status" DEFAULT 'pending' NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instructor_followers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instructor_id" uuid NOT NULL,
	"follower_id" uuid NOT NULL,
	"first_enrollment_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_interactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"type" "post_interaction_type" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"author_id" uuid NOT NULL,
	"course_id" uuid,
	"content" text NOT NULL,
	"post_type" "post_type" DEFAULT 'post' NOT NULL,
	"is_pinned" boolean DEFAULT false NOT NULL,
	"parent_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "promoted_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL,
	"promoted_by" uuid NOT NULL,
	"points_spent" integer NOT NULL,
	"promoted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	CONSTRAINT "promoted_posts_points_spent_positive" CHECK ("promoted_posts"."points_spent" > 0),
	CONSTRAINT "promoted_posts_expiry_order" CHECK ("promoted_posts"."expires_at" > "promoted_posts"."promoted_at")
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"display_order" integer DEFAULT 0 NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "course_curriculum" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"session_number" integer,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"duration" text NOT NULL,
	"learning_objectives" text,
	"topics_covered" text,
	"hands_on_exercise" text,
	"video_count" integer,
	"reading_count" integer,
	"has_assessment" boolean DEFAULT false,
	"module_order" integer NOT NULL,
	"video_url" text,
	"document_url" text,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "course_curriculum_counts_nonnegative" CHECK ("course_curriculum"."session_number" >= 1 AND "course_curriculum"."video_count" >= 0 AND "course_curriculum"."reading_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "course_follows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "course_includes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"item" text NOT NULL,
	"display_order" integer DEFAULT 0 NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "course_objectives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"objective" text NOT NULL,
	"display_order" integer DEFAULT 0 NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "course_prerequisites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"type" "prerequisite_type" NOT NULL,
	"content" text NOT NULL,
	"display_order" integer DEFAULT 0 NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "course_tags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "course_target_audience" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"description" text NOT NULL,
	"display_order" integer DEFAULT 0 NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "course_testimonials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"quote" text NOT NULL,
	"student_name" text NOT NULL,
	"student_role" text,
	"is_featured" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"creator_id" uuid NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"tagline" text,
	"description" text NOT NULL,
	"duration" text NOT NULL,
	"duration_weeks" integer,
	"total_duration" text,
	"session_count" integer,
	"module_count" integer,
	"lesson_count" integer,
	"format" text,
	"level" "course_level" NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"thumbnail_url" text,
	"category_id" uuid NOT NULL,
	"rating" numeric(3, 2),
	"rating_count" integer DEFAULT 0,
	"student_count" integer DEFAULT 0 NOT NULL,
	"badge" "course_badge",
	"lifetime_access" boolean DEFAULT true NOT NULL,
	"has_certificate" boolean DEFAULT true NOT NULL,
	"certificate_name" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_retired" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "courses_tagline_length" CHECK (char_length("courses"."tagline") <= 150),
	CONSTRAINT "courses_price_cents_nonnegative" CHECK ("courses"."price_cents" >= 0),
	CONSTRAINT "courses_currency_iso" CHECK ("courses"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "courses_rating_range" CHECK ("courses"."rating" >= 0 AND "courses"."rating" <= 5),
	CONSTRAINT "courses_rating_count_nonnegative" CHECK ("courses"."rating_count" >= 0),
	CONSTRAINT "courses_student_count_nonnegative" CHECK ("courses"."student_count" >= 0),
	CONSTRAINT "courses_counts_nonnegative" CHECK ("courses"."duration_weeks" >= 0 AND "courses"."session_count" >= 0 AND "courses"."module_count" >= 0 AND "courses"."lesson_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "peerloop_features" (
	"course_id" uuid PRIMARY KEY NOT NULL,
	"one_on_one_teaching" boolean DEFAULT true NOT NULL,
	"certified_teachers" boolean DEFAULT true NOT NULL,
	"earn_while_teaching" boolean DEFAULT true NOT NULL,
	"teacher_commission" integer DEFAULT 70 NOT NULL,
	CONSTRAINT "peerloop_features_teacher_commission_range" CHECK ("peerloop_features"."teacher_commission" >= 0 AND "peerloop_features"."teacher_commission" <= 100)
);
--> statement-breakpoint
CREATE TABLE "goodwill_rewards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"points_threshold" integer NOT NULL,
	"reward_type" "goodwill_reward_type" NOT NULL,
	"reward_value" text NOT NULL,
	"description" text NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "goodwill_rewards_points_threshold_positive" CHECK ("goodwill_rewards"."points_threshold" > 0)
);
--> statement-breakpoint
CREATE TABLE "goodwill_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_user_id" uuid,
	"to_user_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"reason" "goodwill_reason" NOT NULL,
	"course_id" uuid,
	"summon_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "goodwill_transactions_points_range" CHECK ("goodwill_transactions"."points" BETWEEN 5 AND 100),
	CONSTRAINT "goodwill_transactions_not_self" CHECK ("goodwill_transactions"."from_user_id" <> "goodwill_transactions"."to_user_id")
);
--> statement-breakpoint
CREATE TABLE "help_summons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"module_id" uuid,
	"status" "help_summon_status" DEFAULT 'pending' NOT NULL,
	"responder_id" uuid,
	"responded_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"points_awarded" integer,
	"session_duration_mins" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_summons_points_awarded_range" CHECK ("help_summons"."points_awarded" BETWEEN 10 AND 25),
	CONSTRAINT "help_summons_duration_nonnegative" CHECK ("help_summons"."session_duration_mins" >= 0)
);
--> statement-breakpoint
CREATE TABLE "user_availability" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"is_available" boolean DEFAULT false NOT NULL,
	"last_available_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_goodwill" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"total_earned" integer DEFAULT 0 NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"spent" integer DEFAULT 0 NOT NULL,
	"last_awarded_to_user_id" uuid,
	"last_awarded_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_goodwill_nonnegative" CHECK ("user_goodwill"."total_earned" >= 0 AND "user_goodwill"."spent" >= 0 AND "user_goodwill"."balance" >= 0),
	CONSTRAINT "user_goodwill_balance_formula" CHECK ("user_goodwill"."balance" = "user_goodwill"."total_earned" - "user_goodwill"."spent")
);
--> statement-breakpoint
CREATE TABLE "user_reward_unlocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"reward_id" uuid NOT NULL,
	"unlocked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"redeemed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "enrollments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"student_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"student_teacher_id" uuid,
	"status" "enrollment_status" DEFAULT 'enrolled' NOT NULL,
	"enrolled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "module_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"is_complete" boolean DEFAULT false NOT NULL,
	"completed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "student_teachers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"certified_date" date DEFAULT CURRENT_DATE NOT NULL,
	"students_taught" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"approved_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "student_teachers_students_taught_nonnegative" CHECK ("student_teachers"."students_taught" >= 0)
);
--> statement-breakpoint
CREATE TABLE "conversation_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_read_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"conversation_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"type" "notification_type" NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"action_url" text,
	"is_read" boolean DEFAULT false NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "employer_sponsorships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"employer_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_splits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"transaction_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"recipient_type" "payment_recipient_type" NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"percentage" integer NOT NULL,
	"status" "payment_split_status" DEFAULT 'pending' NOT NULL,
	"released_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"payout_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_splits_amount_cents_nonnegative" CHECK ("payment_splits"."amount_cents" >= 0),
	CONSTRAINT "payment_splits_percentage_range" CHECK ("payment_splits"."percentage" BETWEEN 0 AND 100),
	CONSTRAINT "payment_splits_currency_iso" CHECK ("payment_splits"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"stripe_transfer_id" text,
	"status" "payout_status" DEFAULT 'pending' NOT NULL,
	"approved_by" uuid NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payouts_amount_cents_nonnegative" CHECK ("payouts"."amount_cents" >= 0),
	CONSTRAINT "payouts_currency_iso" CHECK ("payouts"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"stripe_payment_id" text NOT NULL,
	"status" "transaction_status" DEFAULT 'pending' NOT NULL,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transactions_amount_cents_nonnegative" CHECK ("transactions"."amount_cents" >= 0),
	CONSTRAINT "transactions_currency_iso" CHECK ("transactions"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "availability" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"day_of_week" integer NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"is_recurring" boolean DEFAULT true NOT NULL,
	"specific_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "availability_day_of_week_range" CHECK ("availability"."day_of_week" BETWEEN 0 AND 6),
	CONSTRAINT "availability_time_order" CHECK ("availability"."end_time" > "availability"."start_time"),
	CONSTRAINT "availability_specific_date_one_off" CHECK ("availability"."specific_date" IS NULL OR NOT "availability"."is_recurring"),
	CONSTRAINT "availability_specific_date_weekday" CHECK ("availability"."specific_date" IS NULL OR extract(dow FROM "availability"."specific_date") = "availability"."day_of_week")
);
--> statement-breakpoint
CREATE TABLE "session_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"assessor_id" uuid NOT NULL,
	"assessee_id" uuid NOT NULL,
	"rating" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_assessments_rating_range" CHECK ("session_assessments"."rating" BETWEEN 1 AND 5),
	CONSTRAINT "session_assessments_not_self" CHECK ("session_assessments"."assessor_id" <> "session_assessments"."assessee_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"teacher_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"scheduled_start" timestamp with time zone NOT NULL,
	"scheduled_end" timestamp with time zone NOT NULL,
	"status" "session_status" DEFAULT 'scheduled' NOT NULL,
	"bbb_meeting_url" text,
	"recording_url" text,
	"cancelled_by" uuid,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_time_order" CHECK ("sessions"."scheduled_end" > "sessions"."scheduled_start")
);
--> statement-breakpoint
CREATE TABLE "follows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"follower_id" uuid NOT NULL,
	"followed_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "follows_not_self" CHECK ("follows"."follower_id" <> "follows"."followed_id")
);
--> statement-breakpoint
CREATE TABLE "user_expertise" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "user_interests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "user_qualifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"sentence" text NOT NULL,
	"display_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"name" text NOT NULL,
	"handle" text NOT NULL,
	"title" text,
	"avatar_url" text,
	"bio" text,
	"bio_short" text,
	"teaching_philosophy" text,
	"website" text,
	"role" "user_role" DEFAULT 'student' NOT NULL,
	"is_creator" boolean DEFAULT false NOT NULL,
	"is_student_teacher" boolean DEFAULT false NOT NULL,
	"is_admin" boolean DEFAULT false NOT NULL,
	"is_moderator" boolean DEFAULT false NOT NULL,
	"is_employer" boolean DEFAULT false NOT NULL,
	"privacy_public" boolean DEFAULT true NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "users_bio_short_length" CHECK (char_length("users"."bio_short") <= 160)
);
--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_tokens" ADD CONSTRAINT "auth_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_recommended_by_users_id_fk" FOREIGN KEY ("recommended_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_flags" ADD CONSTRAINT "content_flags_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_flags" ADD CONSTRAINT "content_flags_flagged_by_users_id_fk" FOREIGN KEY ("flagged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_flags" ADD CONSTRAINT "content_flags_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructor_followers" ADD CONSTRAINT "instructor_followers_instructor_id_users_id_fk" FOREIGN KEY ("instructor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructor_followers" ADD CONSTRAINT "instructor_followers_follower_id_users_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_interactions" ADD CONSTRAINT "post_interactions_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_interactions" ADD CONSTRAINT "post_interactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_parent_id_posts_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promoted_posts" ADD CONSTRAINT "promoted_posts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promoted_posts" ADD CONSTRAINT "promoted_posts_promoted_by_users_id_fk" FOREIGN KEY ("promoted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_curriculum" ADD CONSTRAINT "course_curriculum_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_follows" ADD CONSTRAINT "course_follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_follows" ADD CONSTRAINT "course_follows_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_includes" ADD CONSTRAINT "course_includes_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_objectives" ADD CONSTRAINT "course_objectives_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_prerequisites" ADD CONSTRAINT "course_prerequisites_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_tags" ADD CONSTRAINT "course_tags_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_target_audience" ADD CONSTRAINT "course_target_audience_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_testimonials" ADD CONSTRAINT "course_testimonials_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_creator_id_users_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "peerloop_features" ADD CONSTRAINT "peerloop_features_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goodwill_transactions" ADD CONSTRAINT "goodwill_transactions_from_user_id_users_id_fk" FOREIGN KEY ("from_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goodwill_transactions" ADD CONSTRAINT "goodwill_transactions_to_user_id_users_id_fk" FOREIGN KEY ("to_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goodwill_transactions" ADD CONSTRAINT "goodwill_transactions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goodwill_transactions" ADD CONSTRAINT "goodwill_transactions_summon_id_help_summons_id_fk" FOREIGN KEY ("summon_id") REFERENCES "public"."help_summons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_summons" ADD CONSTRAINT "help_summons_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_summons" ADD CONSTRAINT "help_summons_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_summons" ADD CONSTRAINT "help_summons_module_id_course_curriculum_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."course_curriculum"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_summons" ADD CONSTRAINT "help_summons_responder_id_users_id_fk" FOREIGN KEY ("responder_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_availability" ADD CONSTRAINT "user_availability_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_goodwill" ADD CONSTRAINT "user_goodwill_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_goodwill" ADD CONSTRAINT "user_goodwill_last_awarded_to_user_id_users_id_fk" FOREIGN KEY ("last_awarded_to_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_reward_unlocks" ADD CONSTRAINT "user_reward_unlocks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_reward_unlocks" ADD CONSTRAINT "user_reward_unlocks_reward_id_goodwill_rewards_id_fk" FOREIGN KEY ("reward_id") REFERENCES "public"."goodwill_rewards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_student_teacher_id_users_id_fk" FOREIGN KEY ("student_teacher_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_progress" ADD CONSTRAINT "module_progress_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_progress" ADD CONSTRAINT "module_progress_module_id_course_curriculum_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."course_curriculum"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_teachers" ADD CONSTRAINT "student_teachers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_teachers" ADD CONSTRAINT "student_teachers_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_teachers" ADD CONSTRAINT "student_teachers_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_participants" ADD CONSTRAINT "conversation_participants_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_participants" ADD CONSTRAINT "conversation_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_sponsorships" ADD CONSTRAINT "employer_sponsorships_employer_id_users_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_sponsorships" ADD CONSTRAINT "employer_sponsorships_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employer_sponsorships" ADD CONSTRAINT "employer_sponsorships_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_splits" ADD CONSTRAINT "payment_splits_transaction_id_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_splits" ADD CONSTRAINT "payment_splits_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_splits" ADD CONSTRAINT "payment_splits_payout_id_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_recipient_id_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability" ADD CONSTRAINT "availability_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_assessments" ADD CONSTRAINT "session_assessments_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_assessments" ADD CONSTRAINT "session_assessments_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_assessments" ADD CONSTRAINT "session_assessments_assessee_id_users_id_fk" FOREIGN KEY ("assessee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_teacher_id_users_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_follower_id_users_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follows" ADD CONSTRAINT "follows_followed_id_users_id_fk" FOREIGN KEY ("followed_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_expertise" ADD CONSTRAINT "user_expertise_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_interests" ADD CONSTRAINT "user_interests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_qualifications" ADD CONSTRAINT "user_qualifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_login_attempts_email_attempted_at_index" ON "auth_login_attempts" USING btree ("email","attempted_at");--> statement-breakpoint
CREATE INDEX "auth_login_attempts_ip_attempted_at_index" ON "auth_login_attempts" USING btree ("ip","attempted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "auth_sessions_token_hash_key" ON "auth_sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "auth_sessions_user_id_index" ON "auth_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "auth_tokens_token_hash_key" ON "auth_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "auth_tokens_user_id_index" ON "auth_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "email_outbox_status_created_at_index" ON "email_outbox" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_user_id_course_id_type_key" ON "certificates" USING btree ("user_id","course_id","type") WHERE "certificates"."revoked_at" IS NULL;--> statement-breakpoint
CREATE INDEX "certificates_user_id_index" ON "certificates" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "certificates_course_id_index" ON "certificates" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "certificates_issued_by_index" ON "certificates" USING btree ("issued_by");--> statement-breakpoint
CREATE INDEX "content_flags_post_id_index" ON "content_flags" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "content_flags_flagged_by_index" ON "content_flags" USING btree ("flagged_by");--> statement-breakpoint
CREATE INDEX "content_flags_status_created_at_index" ON "content_flags" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "instructor_followers_instructor_id_follower_id_key" ON "instructor_followers" USING btree ("instructor_id","follower_id");--> statement-breakpoint
CREATE INDEX "instructor_followers_follower_id_index" ON "instructor_followers" USING btree ("follower_id");--> statement-breakpoint
CREATE UNIQUE INDEX "post_interactions_post_id_user_id_type_key" ON "post_interactions" USING btree ("post_id","user_id","type") WHERE "post_interactions"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "post_interactions_post_id_index" ON "post_interactions" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "post_interactions_user_id_index" ON "post_interactions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "posts_author_id_index" ON "posts" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "posts_course_id_created_at_index" ON "posts" USING btree ("course_id","created_at");--> statement-breakpoint
CREATE INDEX "posts_parent_id_index" ON "posts" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "posts_created_at_index" ON "posts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "promoted_posts_post_id_index" ON "promoted_posts" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "promoted_posts_promoted_by_index" ON "promoted_posts" USING btree ("promoted_by");--> statement-breakpoint
CREATE INDEX "promoted_posts_expires_at_index" ON "promoted_posts" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "categories_slug_key" ON "categories" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "course_curriculum_course_id_module_order_index" ON "course_curriculum" USING btree ("course_id","module_order");--> statement-breakpoint
CREATE UNIQUE INDEX "course_follows_user_id_course_id_key" ON "course_follows" USING btree ("user_id","course_id") WHERE "course_follows"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "course_follows_user_id_index" ON "course_follows" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "course_follows_course_id_index" ON "course_follows" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "course_includes_course_id_display_order_index" ON "course_includes" USING btree ("course_id","display_order");--> statement-breakpoint
CREATE INDEX "course_objectives_course_id_display_order_index" ON "course_objectives" USING btree ("course_id","display_order");--> statement-breakpoint
CREATE INDEX "course_prerequisites_course_id_type_display_order_index" ON "course_prerequisites" USING btree ("course_id","type","display_order");--> statement-breakpoint
CREATE UNIQUE INDEX "course_tags_course_id_tag_key" ON "course_tags" USING btree ("course_id","tag") WHERE "course_tags"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "course_tags_course_id_index" ON "course_tags" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "course_tags_tag_index" ON "course_tags" USING btree ("tag");--> statement-breakpoint
CREATE INDEX "course_target_audience_course_id_display_order_index" ON "course_target_audience" USING btree ("course_id","display_order");--> statement-breakpoint
CREATE INDEX "course_testimonials_course_id_index" ON "course_testimonials" USING btree ("course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "courses_slug_key" ON "courses" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "courses_creator_id_index" ON "courses" USING btree ("creator_id");--> statement-breakpoint
CREATE INDEX "courses_category_id_index" ON "courses" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "courses_level_index" ON "courses" USING btree ("level");--> statement-breakpoint
CREATE INDEX "courses_is_active_index" ON "courses" USING btree ("is_active");--> statement-breakpoint
CREATE INDEX "goodwill_rewards_points_threshold_index" ON "goodwill_rewards" USING btree ("points_threshold");--> statement-breakpoint
CREATE INDEX "goodwill_transactions_to_user_id_created_at_index" ON "goodwill_transactions" USING btree ("to_user_id","created_at");--> statement-breakpoint
CREATE INDEX "goodwill_transactions_from_user_id_created_at_index" ON "goodwill_transactions" USING btree ("from_user_id","created_at");--> statement-breakpoint
CREATE INDEX "goodwill_transactions_course_id_index" ON "goodwill_transactions" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "goodwill_transactions_summon_id_index" ON "goodwill_transactions" USING btree ("summon_id");--> statement-breakpoint
CREATE INDEX "help_summons_student_id_index" ON "help_summons" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "help_summons_course_id_status_index" ON "help_summons" USING btree ("course_id","status");--> statement-breakpoint
CREATE INDEX "help_summons_responder_id_index" ON "help_summons" USING btree ("responder_id");--> statement-breakpoint
CREATE INDEX "help_summons_module_id_index" ON "help_summons" USING btree ("module_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_reward_unlocks_user_id_reward_id_key" ON "user_reward_unlocks" USING btree ("user_id","reward_id");--> statement-breakpoint
CREATE INDEX "user_reward_unlocks_reward_id_index" ON "user_reward_unlocks" USING btree ("reward_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_student_id_course_id_key" ON "enrollments" USING btree ("student_id","course_id") WHERE "enrollments"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "enrollments_student_id_index" ON "enrollments" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "enrollments_course_id_index" ON "enrollments" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "enrollments_student_teacher_id_index" ON "enrollments" USING btree ("student_teacher_id");--> statement-breakpoint
CREATE UNIQUE INDEX "module_progress_enrollment_id_module_id_key" ON "module_progress" USING btree ("enrollment_id","module_id");--> statement-breakpoint
CREATE INDEX "module_progress_module_id_index" ON "module_progress" USING btree ("module_id");--> statement-breakpoint
CREATE UNIQUE INDEX "student_teachers_user_id_course_id_key" ON "student_teachers" USING btree ("user_id","course_id");--> statement-breakpoint
CREATE INDEX "student_teachers_course_id_index" ON "student_teachers" USING btree ("course_id");--> statement-breakpoint
CREATE INDEX "student_teachers_approved_by_index" ON "student_teachers" USING btree ("approved_by");--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_participants_conversation_id_user_id_key" ON "conversation_participants" USING btree ("conversation_id","user_id") WHERE "conversation_participants"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "conversation_participants_conversation_id_index" ON "conversation_participants" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "conversation_participants_user_id_index" ON "conversation_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "messages_conversation_id_created_at_index" ON "messages" USING btree ("conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "messages_sender_id_index" ON "messages" USING btree ("sender_id");--> statement-breakpoint
CREATE INDEX "notifications_user_id_created_at_index" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_user_id_is_read_index" ON "notifications" USING btree ("user_id","is_read");--> statement-breakpoint
CREATE UNIQUE INDEX "employer_sponsorships_enrollment_id_key" ON "employer_sponsorships" USING btree ("enrollment_id");--> statement-breakpoint
CREATE INDEX "employer_sponsorships_employer_id_index" ON "employer_sponsorships" USING btree ("employer_id");--> statement-breakpoint
CREATE INDEX "employer_sponsorships_student_id_index" ON "employer_sponsorships" USING btree ("student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_splits_transaction_id_recipient_type_key" ON "payment_splits" USING btree ("transaction_id","recipient_type");--> statement-breakpoint
CREATE INDEX "payment_splits_recipient_id_status_index" ON "payment_splits" USING btree ("recipient_id","status");--> statement-breakpoint
CREATE INDEX "payment_splits_payout_id_index" ON "payment_splits" USING btree ("payout_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_stripe_transfer_id_key" ON "payouts" USING btree ("stripe_transfer_id");--> statement-breakpoint
CREATE INDEX "payouts_recipient_id_status_index" ON "payouts" USING btree ("recipient_id","status");--> statement-breakpoint
CREATE INDEX "payouts_approved_by_index" ON "payouts" USING btree ("approved_by");--> statement-breakpoint
CREATE INDEX "payouts_status_index" ON "payouts" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "transactions_stripe_payment_id_key" ON "transactions" USING btree ("stripe_payment_id");--> statement-breakpoint
CREATE INDEX "transactions_enrollment_id_index" ON "transactions" USING btree ("enrollment_id");--> statement-breakpoint
CREATE INDEX "transactions_status_index" ON "transactions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "availability_user_id_day_of_week_index" ON "availability" USING btree ("user_id","day_of_week");--> statement-breakpoint
CREATE UNIQUE INDEX "session_assessments_session_id_assessor_id_key" ON "session_assessments" USING btree ("session_id","assessor_id");--> statement-breakpoint
CREATE INDEX "session_assessments_assessor_id_index" ON "session_assessments" USING btree ("assessor_id");--> statement-breakpoint
CREATE INDEX "session_assessments_assessee_id_index" ON "session_assessments" USING btree ("assessee_id");--> statement-breakpoint
CREATE INDEX "sessions_enrollment_id_index" ON "sessions" USING btree ("enrollment_id");--> statement-breakpoint
CREATE INDEX "sessions_teacher_id_scheduled_start_index" ON "sessions" USING btree ("teacher_id","scheduled_start");--> statement-breakpoint
CREATE INDEX "sessions_student_id_scheduled_start_index" ON "sessions" USING btree ("student_id","scheduled_start");--> statement-breakpoint
CREATE UNIQUE INDEX "follows_follower_id_followed_id_key" ON "follows" USING btree ("follower_id","followed_id") WHERE "follows"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "follows_follower_id_index" ON "follows" USING btree ("follower_id");--> statement-breakpoint
CREATE INDEX "follows_followed_id_index" ON "follows" USING btree ("followed_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_expertise_user_id_tag_key" ON "user_expertise" USING btree ("user_id","tag") WHERE "user_expertise"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "user_expertise_user_id_index" ON "user_expertise" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_expertise_tag_index" ON "user_expertise" USING btree ("tag");--> statement-breakpoint
CREATE UNIQUE INDEX "user_interests_user_id_tag_key" ON "user_interests" USING btree ("user_id","tag") WHERE "user_interests"."deleted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "user_interests_user_id_index" ON "user_interests" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_interests_tag_index" ON "user_interests" USING btree ("tag");--> statement-breakpoint
CREATE INDEX "user_qualifications_user_id_display_order_index" ON "user_qualifications" USING btree ("user_id","display_order");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_handle_key" ON "users" USING btree (lower("handle"));--> statement-breakpoint
CREATE INDEX "users_role_index" ON "users" USING btree ("role");--> statement-breakpoint
CREATE VIEW "public"."user_stats" AS (
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
);