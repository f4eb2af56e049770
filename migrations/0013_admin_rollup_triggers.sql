-- Split statuses are compared as text: on a new database every migration runs in one
-- transaction, where 0006's new enum value 'cancelled' cannot be used as an enum yet.
-- Admin dashboard running totals (hand-written; tables in 0009_admin_rollups, schema in
-- sync-server/db/schema/admin-rollups.ts). Each table's contribution to the counters is one
-- SQL function of its row, used both by the triggers (new rows minus old rows) and by
-- admin_rollups_rebuild(), so the two cannot disagree. Totals with no day use 1970-01-01.
CREATE OR REPLACE FUNCTION admin_contrib_users(r users)
RETURNS TABLE (metric text, day date, n bigint, cents bigint) LANGUAGE sql STABLE AS $$
  VALUES ('users', DATE '1970-01-01', (r.deleted_at IS NULL)::int::bigint, 0::bigint),
         ('users_disabled', DATE '1970-01-01', (r.disabled_at IS NOT NULL)::int::bigint, 0::bigint)
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION admin_contrib_enrollments(r enrollments)
RETURNS TABLE (metric text, day date, n bigint, cents bigint) LANGUAGE sql STABLE AS $$
  VALUES ('enrollments', (r.enrolled_at AT TIME ZONE 'UTC')::date, 1::bigint, 0::bigint),
         ('enrollments_open', DATE '1970-01-01', (r.status <> 'cancelled')::int::bigint, 0::bigint)
$$;--> statement-breakpoint
-- Revenue by UTC day of payment; the platform share counts only completed payments.
CREATE OR REPLACE FUNCTION admin_contrib_transactions(r transactions)
RETURNS TABLE (metric text, day date, n bigint, cents bigint) LANGUAGE sql STABLE AS $$
  VALUES ('revenue', (coalesce(r.paid_at, r.created_at) AT TIME ZONE 'UTC')::date,
          (r.status = 'completed')::int::bigint,
          CASE WHEN r.status = 'completed' THEN r.amount_cents ELSE 0 END::bigint),
         ('revenue_total', DATE '1970-01-01', (r.status = 'completed')::int::bigint,
          CASE WHEN r.status = 'completed' THEN r.amount_cents ELSE 0 END::bigint),
         ('refunded', DATE '1970-01-01', (r.status = 'refunded')::int::bigint,
          CASE WHEN r.status = 'refunded' THEN r.amount_cents ELSE 0 END::bigint),
         ('platform_share', DATE '1970-01-01', 0::bigint,
          CASE WHEN r.status = 'completed' THEN
            (SELECT coalesce(sum(s.amount_cents), 0) FROM payment_splits s
              WHERE s.transaction_id = r.id AND s.recipient_type = 'platform')
          ELSE 0 END::bigint)
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION admin_contrib_payment_splits(r payment_splits)
RETURNS TABLE (metric text, day date, n bigint, cents bigint) LANGUAGE sql STABLE AS $$
  VALUES ('splits|' || r.status || '|' || r.recipient_type || '|' || r.currency, DATE '1970-01-01',
          1::bigint, r.amount_cents::bigint),
         ('platform_share', DATE '1970-01-01', 0::bigint,
          CASE WHEN r.recipient_type = 'platform' AND EXISTS (
            SELECT 1 FROM transactions t WHERE t.id = r.transaction_id AND t.status = 'completed')
          THEN r.amount_cents ELSE 0 END::bigint)
$$;--> statement-breakpoint
-- What split p_split still owes its recipient (payments/payouts.ts UNPAID_RELEASE), from its
-- own release rows. The split's row lock serialises refreshes of one split, and each reads
-- what the ones before it committed. The change for the recipient is appended as deltas
-- (old state out, new state in), so no recipient row is locked here.
CREATE OR REPLACE FUNCTION admin_unpaid_refresh(p_split uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  s record;
  was record;
  v_releases int := 0;
  v_owed bigint := 0;
BEGIN
  SELECT id, recipient_id, currency, status, recipient_type INTO s
    FROM payment_splits WHERE id = p_split FOR NO KEY UPDATE;
  IF FOUND AND s.status::text <> 'cancelled' AND s.recipient_type <> 'platform' THEN
    SELECT count(*), coalesce(sum(amount_cents), 0) INTO v_releases, v_owed
      FROM split_releases WHERE split_id = p_split AND payout_id IS NULL;
  END IF;
  SELECT recipient_id, currency, releases, cents INTO was
    FROM admin_unpaid_splits WHERE split_id = p_split;
  IF FOUND THEN
    IF v_releases > 0 AND was.recipient_id = s.recipient_id AND was.currency = s.currency
       AND was.releases = v_releases AND was.cents = v_owed THEN
      RETURN;
    END IF;
    INSERT INTO admin_unpaid_deltas (recipient_id, currency, splits, cents)
    VALUES (was.recipient_id, was.currency, -1, -was.cents);
  END IF;
  IF v_releases = 0 THEN
    DELETE FROM admin_unpaid_splits WHERE split_id = p_split;
  ELSE
    INSERT INTO admin_unpaid_splits (split_id, recipient_id, currency, releases, cents)
    VALUES (p_split, s.recipient_id, s.currency, v_releases, v_owed)
    ON CONFLICT (split_id) DO UPDATE SET recipient_id = EXCLUDED.recipient_id,
      currency = EXCLUDED.currency, releases = EXCLUDED.releases, cents = EXCLUDED.cents;
    INSERT INTO admin_unpaid_deltas (recipient_id, currency, splits, cents)
    VALUES (s.recipient_id, s.currency, 1, v_owed);
  END IF;
END
$$;--> statement-breakpoint
-- One trigger function per counted table: appends (new rows' contribution - old rows') as
-- delta rows, nothing when a statement changes no figure.
CREATE OR REPLACE FUNCTION admin_rollup_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT c.metric, c.day, sum(c.n), sum(c.cents) FROM new_rows r CROSS JOIN LATERAL admin_contrib_users(r) c
     GROUP BY 1, 2 HAVING sum(c.n) <> 0 OR sum(c.cents) <> 0;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT metric, day, sum(n), sum(cents) FROM (
      SELECT c.* FROM new_rows r CROSS JOIN LATERAL admin_contrib_users(r) c
      UNION ALL SELECT c.metric, c.day, -c.n, -c.cents FROM old_rows r CROSS JOIN LATERAL admin_contrib_users(r) c
    ) d GROUP BY 1, 2 HAVING sum(n) <> 0 OR sum(cents) <> 0;
  ELSE
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT c.metric, c.day, -sum(c.n), -sum(c.cents) FROM old_rows r CROSS JOIN LATERAL admin_contrib_users(r) c
     GROUP BY 1, 2 HAVING sum(c.n) <> 0 OR sum(c.cents) <> 0;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION admin_rollup_enrollments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT c.metric, c.day, sum(c.n), sum(c.cents) FROM new_rows r CROSS JOIN LATERAL admin_contrib_enrollments(r) c
     GROUP BY 1, 2 HAVING sum(c.n) <> 0 OR sum(c.cents) <> 0;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT metric, day, sum(n), sum(cents) FROM (
      SELECT c.* FROM new_rows r CROSS JOIN LATERAL admin_contrib_enrollments(r) c
      UNION ALL SELECT c.metric, c.day, -c.n, -c.cents FROM old_rows r CROSS JOIN LATERAL admin_contrib_enrollments(r) c
    ) d GROUP BY 1, 2 HAVING sum(n) <> 0 OR sum(cents) <> 0;
  ELSE
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT c.metric, c.day, -sum(c.n), -sum(c.cents) FROM old_rows r CROSS JOIN LATERAL admin_contrib_enrollments(r) c
     GROUP BY 1, 2 HAVING sum(c.n) <> 0 OR sum(c.cents) <> 0;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION admin_rollup_transactions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT c.metric, c.day, sum(c.n), sum(c.cents) FROM new_rows r CROSS JOIN LATERAL admin_contrib_transactions(r) c
     GROUP BY 1, 2 HAVING sum(c.n) <> 0 OR sum(c.cents) <> 0;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT metric, day, sum(n), sum(cents) FROM (
      SELECT c.* FROM new_rows r CROSS JOIN LATERAL admin_contrib_transactions(r) c
      UNION ALL SELECT c.metric, c.day, -c.n, -c.cents FROM old_rows r CROSS JOIN LATERAL admin_contrib_transactions(r) c
    ) d GROUP BY 1, 2 HAVING sum(n) <> 0 OR sum(cents) <> 0;
  ELSE
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT c.metric, c.day, -sum(c.n), -sum(c.cents) FROM old_rows r CROSS JOIN LATERAL admin_contrib_transactions(r) c
     GROUP BY 1, 2 HAVING sum(c.n) <> 0 OR sum(c.cents) <> 0;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION admin_rollup_payment_splits() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT c.metric, c.day, sum(c.n), sum(c.cents) FROM new_rows r CROSS JOIN LATERAL admin_contrib_payment_splits(r) c
     GROUP BY 1, 2 HAVING sum(c.n) <> 0 OR sum(c.cents) <> 0;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT metric, day, sum(n), sum(cents) FROM (
      SELECT c.* FROM new_rows r CROSS JOIN LATERAL admin_contrib_payment_splits(r) c
      UNION ALL SELECT c.metric, c.day, -c.n, -c.cents FROM old_rows r CROSS JOIN LATERAL admin_contrib_payment_splits(r) c
    ) d GROUP BY 1, 2 HAVING sum(n) <> 0 OR sum(cents) <> 0;
    PERFORM admin_unpaid_refresh(id) FROM (
      SELECT DISTINCT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.status, n.recipient_type, n.recipient_id, n.currency)
             IS DISTINCT FROM (o.status, o.recipient_type, o.recipient_id, o.currency)
       ORDER BY n.id) x;
  ELSE
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT c.metric, c.day, -sum(c.n), -sum(c.cents) FROM old_rows r CROSS JOIN LATERAL admin_contrib_payment_splits(r) c
     GROUP BY 1, 2 HAVING sum(c.n) <> 0 OR sum(c.cents) <> 0;
    PERFORM admin_unpaid_refresh(id) FROM (SELECT DISTINCT id FROM old_rows ORDER BY id) x;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION admin_rollup_split_releases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM admin_unpaid_refresh(split_id) FROM (SELECT DISTINCT split_id FROM new_rows ORDER BY 1) x;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM admin_unpaid_refresh(split_id) FROM (
      SELECT DISTINCT split_id FROM (
        SELECT n.split_id FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE (n.split_id, n.payout_id, n.amount_cents) IS DISTINCT FROM (o.split_id, o.payout_id, o.amount_cents)
        UNION ALL
        SELECT o.split_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.split_id <> o.split_id
      ) c ORDER BY 1) x;
  ELSE
    PERFORM admin_unpaid_refresh(split_id) FROM (SELECT DISTINCT split_id FROM old_rows ORDER BY 1) x;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- Learner activity: the latest progress change per learner (folded by admin_rollups_fold).
CREATE OR REPLACE FUNCTION admin_rollup_module_progress() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO admin_activity_deltas (student_id, at)
  SELECT e.student_id, max(r.updated_at) FROM new_rows r JOIN enrollments e ON e.id = r.enrollment_id
   GROUP BY e.student_id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER admin_rollup_users_insert AFTER INSERT ON users
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_users();--> statement-breakpoint
CREATE TRIGGER admin_rollup_users_update AFTER UPDATE ON users
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_users();--> statement-breakpoint
CREATE TRIGGER admin_rollup_users_delete AFTER DELETE ON users
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_users();--> statement-breakpoint
CREATE TRIGGER admin_rollup_enrollments_insert AFTER INSERT ON enrollments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_enrollments();--> statement-breakpoint
CREATE TRIGGER admin_rollup_enrollments_update AFTER UPDATE ON enrollments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_enrollments();--> statement-breakpoint
CREATE TRIGGER admin_rollup_enrollments_delete AFTER DELETE ON enrollments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_enrollments();--> statement-breakpoint
CREATE TRIGGER admin_rollup_transactions_insert AFTER INSERT ON transactions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_transactions();--> statement-breakpoint
CREATE TRIGGER admin_rollup_transactions_update AFTER UPDATE ON transactions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_transactions();--> statement-breakpoint
CREATE TRIGGER admin_rollup_transactions_delete AFTER DELETE ON transactions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_transactions();--> statement-breakpoint
CREATE TRIGGER admin_rollup_payment_splits_insert AFTER INSERT ON payment_splits
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_payment_splits();--> statement-breakpoint
CREATE TRIGGER admin_rollup_payment_splits_update AFTER UPDATE ON payment_splits
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_payment_splits();--> statement-breakpoint
CREATE TRIGGER admin_rollup_payment_splits_delete AFTER DELETE ON payment_splits
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_payment_splits();--> statement-breakpoint
CREATE TRIGGER admin_rollup_split_releases_insert AFTER INSERT ON split_releases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_split_releases();--> statement-breakpoint
CREATE TRIGGER admin_rollup_split_releases_update AFTER UPDATE ON split_releases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_split_releases();--> statement-breakpoint
CREATE TRIGGER admin_rollup_split_releases_delete AFTER DELETE ON split_releases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_split_releases();--> statement-breakpoint
CREATE TRIGGER admin_rollup_module_progress_insert AFTER INSERT ON module_progress
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_module_progress();--> statement-breakpoint
CREATE TRIGGER admin_rollup_module_progress_update AFTER UPDATE ON module_progress
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION admin_rollup_module_progress();--> statement-breakpoint
-- Adds the pending deltas into the totals (the dashboard calls it before reading them).
-- The advisory lock keeps two folds (or a fold and a rebuild) from interleaving.
CREATE OR REPLACE FUNCTION admin_rollups_fold() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(4857201);
  WITH moved AS (DELETE FROM admin_counter_deltas RETURNING metric, day, n, cents)
  INSERT INTO admin_counters AS c (metric, day, n, cents)
  SELECT metric, day, sum(n), sum(cents) FROM moved GROUP BY metric, day ORDER BY metric, day
  ON CONFLICT (metric, day) DO UPDATE SET n = c.n + EXCLUDED.n, cents = c.cents + EXCLUDED.cents;
  WITH moved AS (DELETE FROM admin_activity_deltas RETURNING student_id, at)
  INSERT INTO admin_learner_activity AS a (student_id, last_at)
  SELECT student_id, max(at) FROM moved GROUP BY student_id ORDER BY student_id
  ON CONFLICT (student_id) DO UPDATE SET last_at = greatest(a.last_at, EXCLUDED.last_at);
  WITH moved AS (DELETE FROM admin_unpaid_deltas RETURNING recipient_id, currency, splits, cents)
  INSERT INTO admin_unpaid_recipients AS u (recipient_id, currency, splits, cents)
  SELECT recipient_id, currency, sum(splits), sum(cents) FROM moved
   GROUP BY recipient_id, currency ORDER BY recipient_id, currency
  ON CONFLICT (recipient_id, currency) DO UPDATE
    SET splits = u.splits + EXCLUDED.splits, cents = u.cents + EXCLUDED.cents;
  DELETE FROM admin_unpaid_recipients WHERE splits = 0;
END
$$;--> statement-breakpoint
-- Recomputes every total from the tables themselves: run by this migration, and by whoever
-- writes rows with the triggers off (bench/admin.ts bulk generation). Stop writes meanwhile.
CREATE OR REPLACE FUNCTION admin_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(4857201);
  TRUNCATE admin_counters, admin_counter_deltas, admin_learner_activity, admin_activity_deltas,
           admin_unpaid_splits, admin_unpaid_recipients, admin_unpaid_deltas;
  INSERT INTO admin_counters (metric, day, n, cents)
  SELECT metric, day, sum(n), sum(cents) FROM (
    SELECT c.* FROM users r CROSS JOIN LATERAL admin_contrib_users(r) c
    UNION ALL SELECT c.* FROM enrollments r CROSS JOIN LATERAL admin_contrib_enrollments(r) c
    -- The platform share is a sum over platform splits (of completed payments): both tables'
    -- triggers move it, each for its own rows' changes, but a recount takes it once.
    UNION ALL SELECT c.* FROM transactions r CROSS JOIN LATERAL admin_contrib_transactions(r) c
     WHERE c.metric <> 'platform_share'
    UNION ALL SELECT c.* FROM payment_splits r CROSS JOIN LATERAL admin_contrib_payment_splits(r) c
  ) d GROUP BY metric, day HAVING sum(n) <> 0 OR sum(cents) <> 0;
  INSERT INTO admin_learner_activity (student_id, last_at)
  SELECT e.student_id, max(p.updated_at) FROM module_progress p JOIN enrollments e ON e.id = p.enrollment_id
   GROUP BY e.student_id;
  INSERT INTO admin_unpaid_splits (split_id, recipient_id, currency, releases, cents)
  SELECT s.id, s.recipient_id, s.currency, count(*), sum(r.amount_cents)
    FROM split_releases r JOIN payment_splits s ON s.id = r.split_id
   WHERE r.payout_id IS NULL AND s.status::text <> 'cancelled' AND s.recipient_type <> 'platform'
   GROUP BY s.id, s.recipient_id, s.currency;
  INSERT INTO admin_unpaid_recipients (recipient_id, currency, splits, cents)
  SELECT recipient_id, currency, count(*), sum(cents) FROM admin_unpaid_splits
   GROUP BY recipient_id, currency;
END
$$;--> statement-breakpoint
SELECT admin_rollups_rebuild();
