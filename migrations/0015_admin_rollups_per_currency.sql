-- Admin running totals per currency (hand-written, like 0013). The money counters were sums
-- over every currency, which the overview then showed as one amount: a platform selling in
-- USD and EUR read "$" for both added together. Revenue (per day and in total), refunds and
-- the platform share are now kept per currency: metrics `revenue|<currency>`,
-- `revenue_total|<currency>`, `refunded|<currency>`, `platform_share|<currency>`. The
-- triggers of 0013 call the contribution functions by name, so replacing them changes what
-- they count; the rebuild below recounts every total with them (the old currency-less
-- metrics are gone after it). The platform share is keyed by its payment's currency in both
-- places that count it (a split's currency is its payment's), so the transactions' and the
-- splits' triggers always move the same counter.
--
-- The transactions' part of the platform share (it moves when a payment's status changes)
-- is now a function of its own, called by the transactions' trigger only: the rebuild takes
-- the share from the splits, and so never evaluates it (a sum over payment_splits per
-- payment, with no index on transaction_id alone).
CREATE OR REPLACE FUNCTION admin_contrib_transactions(r transactions)
RETURNS TABLE (metric text, day date, n bigint, cents bigint) LANGUAGE sql STABLE AS $$
  VALUES ('revenue|' || r.currency, (coalesce(r.paid_at, r.created_at) AT TIME ZONE 'UTC')::date,
          (r.status = 'completed')::int::bigint,
          CASE WHEN r.status = 'completed' THEN r.amount_cents ELSE 0 END::bigint),
         ('revenue_total|' || r.currency, DATE '1970-01-01', (r.status = 'completed')::int::bigint,
          CASE WHEN r.status = 'completed' THEN r.amount_cents ELSE 0 END::bigint),
         ('refunded|' || r.currency, DATE '1970-01-01', (r.status = 'refunded')::int::bigint,
          CASE WHEN r.status = 'refunded' THEN r.amount_cents ELSE 0 END::bigint)
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION admin_contrib_transaction_platform(r transactions)
RETURNS TABLE (metric text, day date, n bigint, cents bigint) LANGUAGE sql STABLE AS $$
  VALUES ('platform_share|' || r.currency, DATE '1970-01-01', 0::bigint,
          CASE WHEN r.status = 'completed' THEN
            (SELECT coalesce(sum(s.amount_cents), 0) FROM payment_splits s
              WHERE s.transaction_id = r.id AND s.recipient_type = 'platform')
          ELSE 0 END::bigint)
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION admin_rollup_transactions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT metric, day, sum(n), sum(cents) FROM (
      SELECT c.* FROM new_rows r CROSS JOIN LATERAL admin_contrib_transactions(r) c
      UNION ALL SELECT c.* FROM new_rows r CROSS JOIN LATERAL admin_contrib_transaction_platform(r) c
    ) d GROUP BY 1, 2 HAVING sum(n) <> 0 OR sum(cents) <> 0;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT metric, day, sum(n), sum(cents) FROM (
      SELECT c.* FROM new_rows r CROSS JOIN LATERAL admin_contrib_transactions(r) c
      UNION ALL SELECT c.* FROM new_rows r CROSS JOIN LATERAL admin_contrib_transaction_platform(r) c
      UNION ALL SELECT c.metric, c.day, -c.n, -c.cents FROM old_rows r CROSS JOIN LATERAL admin_contrib_transactions(r) c
      UNION ALL SELECT c.metric, c.day, -c.n, -c.cents FROM old_rows r CROSS JOIN LATERAL admin_contrib_transaction_platform(r) c
    ) d GROUP BY 1, 2 HAVING sum(n) <> 0 OR sum(cents) <> 0;
  ELSE
    INSERT INTO admin_counter_deltas (metric, day, n, cents)
    SELECT metric, day, -sum(n), -sum(cents) FROM (
      SELECT c.* FROM old_rows r CROSS JOIN LATERAL admin_contrib_transactions(r) c
      UNION ALL SELECT c.* FROM old_rows r CROSS JOIN LATERAL admin_contrib_transaction_platform(r) c
    ) d GROUP BY 1, 2 HAVING sum(n) <> 0 OR sum(cents) <> 0;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION admin_contrib_payment_splits(r payment_splits)
RETURNS TABLE (metric text, day date, n bigint, cents bigint) LANGUAGE sql STABLE AS $$
  VALUES ('splits|' || r.status || '|' || r.recipient_type || '|' || r.currency, DATE '1970-01-01',
          1::bigint, r.amount_cents::bigint),
         ('platform_share|' || coalesce(
            (SELECT t.currency FROM transactions t WHERE t.id = r.transaction_id), r.currency),
          DATE '1970-01-01', 0::bigint,
          CASE WHEN r.recipient_type = 'platform' AND EXISTS (
            SELECT 1 FROM transactions t WHERE t.id = r.transaction_id AND t.status = 'completed')
          THEN r.amount_cents ELSE 0 END::bigint)
$$;--> statement-breakpoint
-- As in 0013; the transactions' contribution no longer holds the platform share (see above),
-- so a recount takes the share once, from the splits, without filtering.
CREATE OR REPLACE FUNCTION admin_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(4857201);
  TRUNCATE admin_counters, admin_counter_deltas, admin_learner_activity, admin_activity_deltas,
           admin_unpaid_splits, admin_unpaid_recipients, admin_unpaid_deltas;
  INSERT INTO admin_counters (metric, day, n, cents)
  SELECT metric, day, sum(n), sum(cents) FROM (
    SELECT c.* FROM users r CROSS JOIN LATERAL admin_contrib_users(r) c
    UNION ALL SELECT c.* FROM enrollments r CROSS JOIN LATERAL admin_contrib_enrollments(r) c
    UNION ALL SELECT c.* FROM transactions r CROSS JOIN LATERAL admin_contrib_transactions(r) c
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
