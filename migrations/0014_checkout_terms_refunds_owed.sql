CREATE TABLE "refunds_owed" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"checkout_id" uuid NOT NULL,
	"payment_id" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"reason" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_attempt_at" timestamp with time zone,
	"refund_id" text,
	"refunded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_owed_amount_cents_nonnegative" CHECK ("refunds_owed"."amount_cents" >= 0)
);
--> statement-breakpoint
-- Hand-edited: existing checkouts get the terms they would have had (the course's current
-- commission, the creator or not) and their enrollment's id (or a fresh one) before NOT NULL.
ALTER TABLE "checkout_sessions" ADD COLUMN "teacher_commission" integer;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD COLUMN "teacher_role" text;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD COLUMN "planned_enrollment_id" uuid;--> statement-breakpoint
UPDATE "checkout_sessions" c SET
	"teacher_commission" = coalesce((SELECT f."teacher_commission" FROM "peerloop_features" f WHERE f."course_id" = c."course_id"), 70),
	"teacher_role" = CASE WHEN c."teacher_id" = (SELECT k."creator_id" FROM "courses" k WHERE k."id" = c."course_id") THEN 'creator' ELSE 'student_teacher' END,
	"planned_enrollment_id" = coalesce(c."enrollment_id", gen_random_uuid());--> statement-breakpoint
ALTER TABLE "checkout_sessions" ALTER COLUMN "teacher_commission" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ALTER COLUMN "teacher_role" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ALTER COLUMN "planned_enrollment_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds_owed" ADD CONSTRAINT "refunds_owed_checkout_id_checkout_sessions_id_fk" FOREIGN KEY ("checkout_id") REFERENCES "public"."checkout_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_owed_payment_id_key" ON "refunds_owed" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "refunds_owed_checkout_id_index" ON "refunds_owed" USING btree ("checkout_id");--> statement-breakpoint
CREATE INDEX "refunds_owed_unsent_idx" ON "refunds_owed" USING btree ("created_at") WHERE "refunds_owed"."refunded_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_sessions_planned_enrollment_id_key" ON "checkout_sessions" USING btree ("planned_enrollment_id");--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_teacher_commission_range" CHECK ("checkout_sessions"."teacher_commission" BETWEEN 0 AND 100);--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_teacher_role" CHECK ("checkout_sessions"."teacher_role" IN ('creator', 'student_teacher'));