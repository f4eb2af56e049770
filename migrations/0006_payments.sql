ALTER TYPE "public"."payment_split_status" ADD VALUE 'cancelled';--> statement-breakpoint
CREATE TABLE "checkout_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" text NOT NULL,
	"provider_session_id" text NOT NULL,
	"payer_id" uuid NOT NULL,
	"learner_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"teacher_id" uuid NOT NULL,
	"sponsor_id" uuid,
	"amount_cents" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"failure_reason" text,
	"form_token" text,
	"url" text NOT NULL,
	"enrollment_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkout_sessions_provider" CHECK ("checkout_sessions"."provider" IN ('stripe', 'local')),
	CONSTRAINT "checkout_sessions_status" CHECK ("checkout_sessions"."status" IN ('open', 'paid', 'expired', 'failed', 'refunded')),
	CONSTRAINT "checkout_sessions_amount_cents_nonnegative" CHECK ("checkout_sessions"."amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "payment_accounts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"stripe_account_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payout_id" uuid NOT NULL,
	"enrollment_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"transfer_id" text,
	"status" text NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_transfers_status" CHECK ("payout_transfers"."status" IN ('paid', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "server_secrets" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "split_releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"split_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"session_id" uuid,
	"amount_cents" integer NOT NULL,
	"released_at" timestamp with time zone DEFAULT now() NOT NULL,
	"payout_id" uuid,
	"paid_at" timestamp with time zone,
	CONSTRAINT "split_releases_kind" CHECK ("split_releases"."kind" IN ('window', 'session', 'completion')),
	CONSTRAINT "split_releases_session_kind" CHECK (("split_releases"."kind" = 'session') = ("split_releases"."session_id" IS NOT NULL)),
	CONSTRAINT "split_releases_amount_cents_positive" CHECK ("split_releases"."amount_cents" > 0)
);
--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_payer_id_users_id_fk" FOREIGN KEY ("payer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_teacher_id_users_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_sponsor_id_users_id_fk" FOREIGN KEY ("sponsor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_accounts" ADD CONSTRAINT "payment_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_transfers" ADD CONSTRAINT "payout_transfers_payout_id_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_transfers" ADD CONSTRAINT "payout_transfers_enrollment_id_enrollments_id_fk" FOREIGN KEY ("enrollment_id") REFERENCES "public"."enrollments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "split_releases" ADD CONSTRAINT "split_releases_split_id_payment_splits_id_fk" FOREIGN KEY ("split_id") REFERENCES "public"."payment_splits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "split_releases" ADD CONSTRAINT "split_releases_payout_id_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_sessions_provider_session_id_key" ON "checkout_sessions" USING btree ("provider_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_sessions_enrollment_id_key" ON "checkout_sessions" USING btree ("enrollment_id");--> statement-breakpoint
CREATE INDEX "checkout_sessions_payer_id_index" ON "checkout_sessions" USING btree ("payer_id");--> statement-breakpoint
CREATE INDEX "checkout_sessions_learner_id_index" ON "checkout_sessions" USING btree ("learner_id");--> statement-breakpoint
CREATE INDEX "checkout_sessions_status_index" ON "checkout_sessions" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_transfers_payout_id_enrollment_id_key" ON "payout_transfers" USING btree ("payout_id","enrollment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "split_releases_split_id_session_id_key" ON "split_releases" USING btree ("split_id","session_id") WHERE "split_releases"."session_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "split_releases_split_id_kind_key" ON "split_releases" USING btree ("split_id","kind") WHERE "split_releases"."kind" <> 'session';--> statement-breakpoint
CREATE INDEX "split_releases_payout_id_index" ON "split_releases" USING btree ("payout_id");