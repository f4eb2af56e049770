DROP INDEX "payment_splits_transaction_id_recipient_type_key";--> statement-breakpoint
ALTER TABLE "payment_splits" ADD COLUMN "reassigned_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_splits_transaction_id_recipient_type_key" ON "payment_splits" USING btree ("transaction_id","recipient_type") WHERE "payment_splits"."reassigned_at" IS NULL;