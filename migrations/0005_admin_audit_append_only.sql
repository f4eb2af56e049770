-- Admin dashboard (hand-written, kept in its own migration).
-- 1. The audit log is append-only: UPDATE, DELETE and TRUNCATE are refused.
CREATE OR REPLACE FUNCTION admin_audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'admin_audit_log is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER admin_audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON admin_audit_log
  FOR EACH ROW EXECUTE FUNCTION admin_audit_log_append_only();--> statement-breakpoint
CREATE TRIGGER admin_audit_log_no_truncate
  BEFORE TRUNCATE ON admin_audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_log_append_only();--> statement-breakpoint
-- 2. Admin search by prefix of name, email or handle, whatever the database collation
--    (text_pattern_ops lets LIKE 'abc%' use the index; pg_trgm is not available on PGlite).
CREATE INDEX IF NOT EXISTS users_lower_name_prefix_idx ON users (lower(name) text_pattern_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS users_lower_email_prefix_idx ON users (lower(email) text_pattern_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS users_lower_handle_prefix_idx ON users (lower(handle) text_pattern_ops);--> statement-breakpoint
-- 3. Newest-first user listing (keyset on created_at, id) and the overview's time windows.
CREATE INDEX IF NOT EXISTS users_created_at_id_idx ON users (created_at DESC, id DESC);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS module_progress_updated_at_idx ON module_progress (updated_at);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS enrollments_enrolled_at_idx ON enrollments (enrolled_at);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS transactions_created_at_idx ON transactions (created_at);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS certificates_issued_at_idx ON certificates (issued_at);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS email_outbox_created_at_idx ON email_outbox (created_at);--> statement-breakpoint
-- 4. Sync health: how much the change feed grew lately.
CREATE INDEX IF NOT EXISTS sync_changes_changed_at_idx ON sync_changes (changed_at);--> statement-breakpoint
-- 5. The payout queue reads only released, unpaid splits; refunds are listed by status.
CREATE INDEX IF NOT EXISTS payment_splits_payout_queue_idx ON payment_splits (recipient_id, currency)
  INCLUDE (amount_cents) WHERE status = 'released' AND payout_id IS NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS transactions_status_created_at_idx ON transactions (status, created_at DESC, id DESC);
