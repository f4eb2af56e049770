-- Admin dashboard lists: keyset paging and prefix search (hand-written, kept in its own
-- migration like 0005). Prefix search uses lower(...) text_pattern_ops so `LIKE 'abc%'` can
-- use the index whatever the collation (pg_trgm is not available on PGlite).
-- 1. Recent payouts, newest first (keyset on approved_at, id).
CREATE INDEX IF NOT EXISTS payouts_approved_at_id_idx ON payouts (approved_at DESC, id DESC);--> statement-breakpoint
-- 2. The flag queue: pending first, then newest (keyset on the same three keys).
CREATE INDEX IF NOT EXISTS content_flags_queue_idx ON content_flags ((status = 'pending') DESC, created_at DESC, id DESC);--> statement-breakpoint
-- 3. Flags by the start of the flagged post's text (only its first 200 characters are
--    indexed: a btree entry must stay small whatever the post's length).
CREATE INDEX IF NOT EXISTS posts_lower_content_prefix_idx ON posts (lower(left(content, 200)) text_pattern_ops);--> statement-breakpoint
-- 4. Transactions by the start of the course title.
CREATE INDEX IF NOT EXISTS courses_lower_title_prefix_idx ON courses (lower(title) text_pattern_ops);--> statement-breakpoint
-- 5. The audit log by the start of the action or of the target id.
CREATE INDEX IF NOT EXISTS admin_audit_log_action_prefix_idx ON admin_audit_log (action text_pattern_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS admin_audit_log_target_id_prefix_idx ON admin_audit_log (target_id text_pattern_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS admin_audit_log_at_id_idx ON admin_audit_log (at DESC, id DESC);--> statement-breakpoint
-- 6. The email outbox by the start of the address.
CREATE INDEX IF NOT EXISTS email_outbox_lower_to_address_prefix_idx ON email_outbox (lower(to_address) text_pattern_ops);
