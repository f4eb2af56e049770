CREATE TYPE "public"."session_reminder_kind" AS ENUM('24h', '1h');--> statement-breakpoint
CREATE TYPE "public"."session_decline_code" AS ENUM('slot_taken', 'outside_availability', 'in_the_past', 'invalid_length', 'not_enrolled', 'no_sessions_left', 'learner_busy', 'session_not_found', 'not_participant', 'not_cancellable', 'not_completed', 'already_rated', 'invalid_rating');--> statement-breakpoint
CREATE TYPE "public"."session_request_kind" AS ENUM('book', 'reschedule', 'cancel', 'rate');--> statement-breakpoint
CREATE TYPE "public"."session_request_status" AS ENUM('requested', 'confirmed', 'declined');--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_token_hash_key" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "session_reminders" (
	"session_id" uuid NOT NULL,
	"kind" "session_reminder_kind" NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_reminders_pkey" PRIMARY KEY("session_id","kind")
);
--> statement-breakpoint
CREATE TABLE "session_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "session_request_kind" NOT NULL,
	"teacher_id" uuid,
	"enrollment_id" uuid,
	"target_session_id" uuid,
	"start" timestamp with time zone,
	"end" timestamp with time zone,
	"rating" integer,
	"comment" text,
	"reason" text,
	"status" "session_request_status" DEFAULT 'requested' NOT NULL,
	"decline_code" "session_decline_code",
	"decline_message" text,
	"session_id" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_requests_declined_has_code" CHECK (("session_requests"."status" = 'declined') = ("session_requests"."decline_code" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "counts_as_used" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_reminders" ADD CONSTRAINT "session_reminders_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_requests" ADD CONSTRAINT "session_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_requests" ADD CONSTRAINT "session_requests_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "session_requests_user_id_created_at_index" ON "session_requests" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "session_requests_teacher_id_index" ON "session_requests" USING btree ("teacher_id");