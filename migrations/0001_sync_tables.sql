CREATE SEQUENCE "public"."sync_position_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "sync_changes" (
	"collection" text NOT NULL,
	"doc_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"position" bigint NOT NULL,
	"xid" "xid8" NOT NULL,
	"removed" boolean DEFAULT false NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_changes_collection_doc_id_scope_pk" PRIMARY KEY("collection","doc_id","scope")
);
--> statement-breakpoint
CREATE TABLE "sync_rejections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"collection" text NOT NULL,
	"doc_id" text NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_scope_sets" (
	"hash" text PRIMARY KEY NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "module_progress" ADD COLUMN "unchecked_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "sync_changes_feed_idx" ON "sync_changes" USING btree ("collection","scope","xid","position");--> statement-breakpoint
CREATE INDEX "sync_changes_purge_idx" ON "sync_changes" USING btree ("changed_at") WHERE "sync_changes"."removed" OR "sync_changes"."deleted";--> statement-breakpoint
CREATE INDEX "sync_rejections_at_index" ON "sync_rejections" USING btree ("at");