ALTER TABLE "email_outbox" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "session_requests_session_id_index" ON "session_requests" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "payment_splits_transaction_id_index" ON "payment_splits" USING btree ("transaction_id");