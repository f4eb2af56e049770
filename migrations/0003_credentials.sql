CREATE TYPE "public"."teacher_application_status" AS ENUM('pending', 'approved', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TABLE "certificate_recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"type" "certificate_type" NOT NULL,
	"recommended_by" uuid NOT NULL,
	"note" text,
	"certificate_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credential_signing_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"public_key_multibase" text NOT NULL,
	"private_key_pkcs8" text,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teacher_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"status" "teacher_application_status" DEFAULT 'pending' NOT NULL,
	"message" text,
	"recommended_by" uuid,
	"recommendation_note" text,
	"recommended_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificate_recommendations" ADD CONSTRAINT "certificate_recommendations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_recommendations" ADD CONSTRAINT "certificate_recommendations_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_recommendations" ADD CONSTRAINT "certificate_recommendations_recommended_by_users_id_fk" FOREIGN KEY ("recommended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_recommendations" ADD CONSTRAINT "certificate_recommendations_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_applications" ADD CONSTRAINT "teacher_applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_applications" ADD CONSTRAINT "teacher_applications_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_applications" ADD CONSTRAINT "teacher_applications_recommended_by_users_id_fk" FOREIGN KEY ("recommended_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_applications" ADD CONSTRAINT "teacher_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_recommendations_open_key" ON "certificate_recommendations" USING btree ("user_id","course_id","type") WHERE "certificate_recommendations"."certificate_id" IS NULL;--> statement-breakpoint
CREATE INDEX "certificate_recommendations_course_id_index" ON "certificate_recommendations" USING btree ("course_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credential_signing_keys_public_key_multibase_key" ON "credential_signing_keys" USING btree ("public_key_multibase");--> statement-breakpoint
CREATE UNIQUE INDEX "credential_signing_keys_generated_key" ON "credential_signing_keys" USING btree ("source") WHERE "credential_signing_keys"."source" = 'generated';--> statement-breakpoint
CREATE UNIQUE INDEX "teacher_applications_user_id_course_id_key" ON "teacher_applications" USING btree ("user_id","course_id") WHERE "teacher_applications"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "teacher_applications_course_id_status_index" ON "teacher_applications" USING btree ("course_id","status");--> statement-breakpoint
CREATE INDEX "teacher_applications_recommended_by_index" ON "teacher_applications" USING btree ("recommended_by");