CREATE TABLE "admin_activity_deltas" (
	"student_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_counter_deltas" (
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	"cents" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_counters" (
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	"cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "admin_counters_metric_day_pk" PRIMARY KEY("metric","day")
);
--> statement-breakpoint
CREATE TABLE "admin_learner_activity" (
	"student_id" uuid PRIMARY KEY NOT NULL,
	"last_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_unpaid_deltas" (
	"recipient_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"splits" integer NOT NULL,
	"cents" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_unpaid_recipients" (
	"recipient_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"splits" integer NOT NULL,
	"cents" bigint NOT NULL,
	CONSTRAINT "admin_unpaid_recipients_recipient_id_currency_pk" PRIMARY KEY("recipient_id","currency")
);
--> statement-breakpoint
CREATE TABLE "admin_unpaid_splits" (
	"split_id" uuid PRIMARY KEY NOT NULL,
	"recipient_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"releases" integer NOT NULL,
	"cents" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "admin_learner_activity_last_at_index" ON "admin_learner_activity" USING btree ("last_at");--> statement-breakpoint
CREATE INDEX "auth_sessions_last_sync_at_index" ON "auth_sessions" USING btree ("last_sync_at");--> statement-breakpoint
CREATE INDEX "split_releases_split_id_index" ON "split_releases" USING btree ("split_id");