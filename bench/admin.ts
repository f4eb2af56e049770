/**
 * `npm run bench:admin`: how fast the admin dashboard answers on a big platform. In a
 * throw-away Postgres database (BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local
 * postgres), on top of the demo world, generate_series makes:
 *   100,000 users (with a signed-in device each), enrollments and 1,000,000 module_progress
 *   rows, a transaction and 3 splits per enrollment with their escrow releases, weekly payouts
 *   and connected accounts (the real money model, see GENERATE; 1% of payouts failed, a few
 *   stuck processing), 50,000 certificates, 100,000 emails (1% failed), 20,000 audit entries,
 *   50,000 posts with 10,000 content flags (5% pending), a week of per-minute sync metrics
 *   and 10,000 refused pushes.
 * Bulk rows skip the sync capture triggers (session_replication_role = replica): the admin
 * pages read the tables, not the feed, and capturing 1.5M rows would only slow generation.
 * That skips the admin running-total triggers too, so admin_rollups_rebuild() recounts them.
 * Then every admin page (HTML, as the browser gets it) and its main API twin is requested
 * in-process RUNS times after a warm-up; the median and the slowest go to
 * bench/results/admin.md. BENCH_KEEP=1 keeps the database (for EXPLAIN).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createApp } from "../sync-server/app";
import { loadConfig } from "../sync-server/config";
import { openDatabase } from "../sync-server/db/database";
import { runMigrations } from "../sync-server/db/migrate";
import { seedDemoWorld } from "../sync-server/demo/seed";
import { DEMO_PASSWORD } from "../sync-server/demo/world";
import { createMailer } from "../sync-server/email/mailer";
import { silentLogger } from "../sync-server/log";
import { SyncHub } from "../sync-server/sync/hub";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const USERS = 100_000;
const PROGRESS_ROWS = 1_000_000;
const RUNS = 7;
const TARGET_MS = 300;
/** Written under the table (what the figures rest on; see README). */
const NOTES = `
Notes:
- Overview figures, splits by state, the payout queue and pending payouts read running totals
  kept by triggers (migration \`0013_admin_rollup_triggers\`; README "Admin dashboard", running
  totals), so recomputing them (\`fresh=1\`) reads a few hundred rows: before, the recompute
  scanned the ledger (~800 ms here, and the payout queue ~850 ms on every money page once the
  data had realistic escrow releases). The 30-second cache stays; "cached" rows show it.
- "data" includes \`admin_rollups_rebuild()\`: bulk rows are written with triggers off, so the
  totals are recounted once after generation.
- The money page renders four lists (payout queue, splits, payouts, transactions), 50 rows
  each: the queue pages over the per-recipient totals, so its cost does not grow with the
  ~2,000 recipients owed here.
- The overview (page and API) includes the "Needs attention" panel: payouts owed (running
  totals), failed and stuck payouts (payouts by status), pending flags (the flag queue
  index), failed emails (the outbox's (status, created_at) index) and the sync warnings.
- Searches across tables are unions of index lookups; the slowest, transactions by course
  title (\`q=intro\`), matches tens of thousands of payments and sorts them for the newest 50.
- Lists are keyset-paged (page 1,000 costs what page 1 costs) and search by prefix on
  \`lower(...) text_pattern_ops\` indexes.
- The load average shows other work on the same 2 cores while this ran.
`;

const baseUrl =
  process.env.BENCH_DATABASE_URL ||
  process.env.TEST_DATABASE_URL ||
  "postgres://postgres@127.0.0.1:5432/postgres";

const GENERATE = [
  // Users: varied names (hex words) so prefix searches are selective, one a minute back in time.
  `INSERT INTO users (id, email, password_hash, name, handle, created_at, updated_at)
   SELECT gen_random_uuid(), 'bench' || g || '@bench.example', 'x',
          initcap(substr(md5(g::text), 1, 6)) || ' ' || initcap(substr(md5((g * 7)::text), 1, 8)),
          'bench' || g, now() - make_interval(mins => g), now()
     FROM generate_series(1, ${USERS}) g`,
  // Enough enrollments (distinct courses per learner) for 1M progress rows.
  `CREATE TEMP TABLE bench_courses AS
   SELECT c.id, row_number() OVER (ORDER BY c.id) - 1 AS i,
          (SELECT count(*) FROM course_curriculum m WHERE m.course_id = c.id AND m.deleted_at IS NULL) AS modules
     FROM courses c WHERE c.deleted_at IS NULL`,
  `CREATE TEMP TABLE bench_users AS
   SELECT id, row_number() OVER (ORDER BY id) AS g FROM users WHERE email LIKE 'bench%@bench.example'`,
  `INSERT INTO enrollments (id, student_id, course_id, status, enrolled_at, updated_at)
   SELECT gen_random_uuid(), u.id, c.id,
          (ARRAY['enrolled','in_progress','completed','cancelled']::enrollment_status[])[1 + (u.g + k) % 4],
          now() - make_interval(days => ((u.g + k) % 30)::int, mins => (u.g % 1440)::int), now()
     FROM bench_users u
     CROSS JOIN generate_series(0, 3) k
     JOIN bench_courses c ON c.i = (u.g + k * 3) % (SELECT count(*) FROM bench_courses)`,
  `INSERT INTO module_progress (id, enrollment_id, module_id, is_complete, completed_at, updated_at)
   SELECT gen_random_uuid(), e.id, m.id, true, now() - make_interval(hours => (abs(hashtext(e.id::text || m.id::text)) % 2000)),
          now() - make_interval(hours => (abs(hashtext(e.id::text || m.id::text)) % 2000))
     FROM enrollments e
     JOIN users u ON u.id = e.student_id AND u.email LIKE 'bench%'
     JOIN course_curriculum m ON m.course_id = e.course_id
    LIMIT ${PROGRESS_ROWS}`,
  `INSERT INTO transactions (id, enrollment_id, amount_cents, stripe_payment_id, status, paid_at, created_at)
   SELECT gen_random_uuid(), e.id, c.price_cents, 'pi_bench_' || e.id,
          (CASE WHEN e.status = 'cancelled' THEN 'refunded' ELSE 'completed' END)::transaction_status,
          e.enrolled_at, e.enrolled_at
     FROM enrollments e JOIN courses c ON c.id = e.course_id
     JOIN users u ON u.id = e.student_id AND u.email LIKE 'bench%'`,
  // The money model (README "Money", payments/escrow.ts): every payment is split 70/15/15
  // (teacher/creator/platform, computeSplit's rounding) and released by split_releases rows.
  // Per payment, by a stable hash: a third still in escrow (no releases), a third past the
  // refund window with sessions under way (creator and platform released whole by a
  // \`window\` row, two \`session\` rows of the teaching share), a third complete (teaching share
  // = three sessions + \`completion\` for the rest). Refunded payments' splits are cancelled.
  // Teachers are 2,000 of the bench users; one in ten has no connected payout account.
  `CREATE TEMP TABLE bench_teachers AS
   SELECT id, g, g % 10 <> 0 AS has_account FROM bench_users WHERE g <= 2000`,
  `CREATE TEMP TABLE bench_tx AS
   SELECT t.id, t.enrollment_id, t.amount_cents, t.created_at, t.status = 'refunded' AS refunded,
          abs(hashtext(t.id::text)) % 3 AS stage, c.creator_id, tt.id AS teacher_id, tt.has_account AS teacher_account,
          (t.amount_cents * 70 / 100) AS teacher_cents, (t.amount_cents * 15 / 100) AS creator_cents
     FROM transactions t
     JOIN enrollments e ON e.id = t.enrollment_id JOIN courses c ON c.id = e.course_id
     JOIN bench_teachers tt ON tt.g = 1 + abs(hashtext(e.id::text)) % 2000
    WHERE t.stripe_payment_id LIKE 'pi_bench_%'`,
  // Release rows before their splits (ids first), so each split's status follows its rows.
  `CREATE TEMP TABLE bench_splits AS
   SELECT gen_random_uuid() AS id, x.id AS transaction_id, x.created_at, x.stage, x.refunded, r.kind,
          CASE r.kind WHEN 'platform' THEN (SELECT id FROM users WHERE handle = 'admin')
                      WHEN 'creator' THEN x.creator_id ELSE x.teacher_id END AS recipient_id,
          CASE r.kind WHEN 'platform' THEN x.amount_cents - x.teacher_cents - x.creator_cents
                      WHEN 'creator' THEN x.creator_cents ELSE x.teacher_cents END AS amount_cents,
          r.pct,
          -- Paid out: released shares of payments older than ten days, to recipients with an account.
          (r.kind <> 'platform' AND x.created_at < now() - interval '10 days'
            AND (r.kind = 'creator' OR x.teacher_account)) AS paid_out
     FROM bench_tx x
     CROSS JOIN (VALUES ('platform', 15), ('creator', 15), ('student_teacher', 70)) r(kind, pct)`,
  `CREATE TEMP TABLE bench_releases AS
   SELECT gen_random_uuid() AS id, s.id AS split_id, s.recipient_id, s.created_at, s.paid_out, s.transaction_id,
          rel.kind, rel.session_id, rel.cents, s.created_at + rel.after AS released_at
     FROM bench_splits s
     CROSS JOIN LATERAL (
       SELECT 'window' AS kind, NULL::uuid AS session_id, s.amount_cents AS cents, interval '14 days' AS after
        WHERE s.kind <> 'student_teacher'
       UNION ALL
       SELECT 'session', gen_random_uuid(), s.amount_cents / 4, make_interval(days => 2 + k)
         FROM generate_series(1, CASE s.stage WHEN 1 THEN 2 ELSE 3 END) k
        WHERE s.kind = 'student_teacher' AND s.amount_cents >= 4
       UNION ALL
       SELECT 'completion', NULL, s.amount_cents - 3 * (s.amount_cents / 4), interval '6 days'
        WHERE s.kind = 'student_teacher' AND s.stage = 2 AND s.amount_cents - 3 * (s.amount_cents / 4) > 0
     ) rel
    WHERE s.stage > 0 AND NOT s.refunded AND rel.cents > 0`,
  // One payout per recipient per week of payments, paying that week's releases.
  `CREATE TEMP TABLE bench_payouts AS
   SELECT gen_random_uuid() AS id, recipient_id, date_trunc('week', created_at) AS week,
          sum(cents)::int AS cents, max(released_at) + interval '1 day' AS at
     FROM bench_releases WHERE paid_out GROUP BY recipient_id, date_trunc('week', created_at)`,
  `INSERT INTO payouts (id, recipient_id, amount_cents, stripe_transfer_id, status, approved_by, approved_at, paid_at, created_at)
   SELECT id, recipient_id, cents, 'tr_bench_' || id, 'completed', (SELECT id FROM users WHERE handle = 'admin'), at, at, at
     FROM bench_payouts`,
  `INSERT INTO payment_splits (id, transaction_id, recipient_id, recipient_type, amount_cents, percentage, status,
                               released_at, paid_at, payout_id, created_at)
   SELECT s.id, s.transaction_id, s.recipient_id, s.kind::payment_recipient_type, s.amount_cents, s.pct,
          (CASE WHEN s.refunded THEN 'cancelled'
                WHEN s.stage = 0 OR (s.kind = 'student_teacher' AND s.stage = 1) THEN 'pending'
                WHEN s.paid_out THEN 'paid' ELSE 'released' END)::payment_split_status,
          CASE WHEN NOT s.refunded AND s.stage > 0 AND NOT (s.kind = 'student_teacher' AND s.stage = 1)
               THEN s.created_at + interval '14 days' END,
          CASE WHEN NOT s.refunded AND s.stage > 0 AND s.paid_out AND NOT (s.kind = 'student_teacher' AND s.stage = 1)
               THEN s.created_at + interval '15 days' END,
          p.id, s.created_at
     FROM bench_splits s
     LEFT JOIN bench_payouts p ON s.paid_out AND s.stage > 0 AND NOT s.refunded
          AND p.recipient_id = s.recipient_id AND p.week = date_trunc('week', s.created_at)`,
  `INSERT INTO split_releases (id, split_id, kind, session_id, amount_cents, released_at, payout_id, paid_at)
   SELECT r.id, r.split_id, r.kind, r.session_id, r.cents, r.released_at, p.id, p.at
     FROM bench_releases r
     LEFT JOIN bench_payouts p ON r.paid_out AND p.recipient_id = r.recipient_id AND p.week = date_trunc('week', r.created_at)`,
  `INSERT INTO payout_transfers (id, payout_id, enrollment_id, amount_cents, transfer_id, status, created_at)
   SELECT gen_random_uuid(), p.id, t.enrollment_id, sum(r.cents)::int, 'tr_bench_' || p.id || '_' || t.enrollment_id, 'paid', p.at
     FROM bench_releases r
     JOIN bench_payouts p ON r.paid_out AND p.recipient_id = r.recipient_id AND p.week = date_trunc('week', r.created_at)
     JOIN transactions t ON t.id = r.transaction_id
    GROUP BY p.id, p.at, t.enrollment_id`,
  `INSERT INTO payment_accounts (user_id, stripe_account_id)
   SELECT DISTINCT recipient_id, 'acct_bench_' || substr(md5(recipient_id::text), 1, 16) FROM bench_splits s
    WHERE s.kind = 'creator' OR s.recipient_id IN (SELECT id FROM bench_teachers WHERE has_account)
   ON CONFLICT (user_id) DO NOTHING`,
  `INSERT INTO certificates (id, user_id, course_id, type, issued_at, issued_by)
   SELECT gen_random_uuid(), e.student_id, e.course_id, 'completion', e.enrolled_at + interval '1 day', c.creator_id
     FROM enrollments e JOIN courses c ON c.id = e.course_id
     JOIN users u ON u.id = e.student_id AND u.email LIKE 'bench%'
    WHERE e.status = 'completed' LIMIT 50000`,
  `INSERT INTO email_outbox (id, to_address, subject, body_text, kind, status, last_error, created_at)
   SELECT gen_random_uuid(), 'bench' || g || '@bench.example', 'Verify your email', 'Hello', 'verify_email',
          (CASE WHEN g % 100 = 0 THEN 'failed' ELSE 'logged' END)::email_status,
          CASE WHEN g % 100 = 0 THEN '550 mailbox unavailable' END,
          now() - make_interval(mins => g) FROM generate_series(1, 100000) g`,
  // Payouts that went wrong: 1% failed (their transfers too, with Stripe's reason), and the
  // five newest of the rest stuck in processing (what the attention panel counts).
  `UPDATE payouts SET status = 'failed', paid_at = NULL WHERE abs(hashtext(id::text)) % 100 = 0`,
  `UPDATE payout_transfers t SET status = 'failed', transfer_id = NULL,
          error = 'Stripe transfer failed: No such destination account.'
     FROM payouts p WHERE p.id = t.payout_id AND p.status = 'failed'`,
  `UPDATE payouts SET status = 'processing', paid_at = NULL
    WHERE id IN (SELECT id FROM payouts WHERE status = 'completed' ORDER BY approved_at DESC LIMIT 5)`,
  // Community posts (varied text, for prefix search) and flags on a share of them.
  `INSERT INTO posts (id, author_id, content, created_at)
   SELECT gen_random_uuid(), u.id,
          initcap(substr(md5(u.g::text || 'p'), 1, 7)) || ' ' || substr(md5(u.g::text), 1, 24),
          now() - make_interval(mins => u.g::int)
     FROM bench_users u WHERE u.g <= 50000`,
  `INSERT INTO content_flags (id, post_id, flagged_by, reason, status, created_at)
   SELECT gen_random_uuid(), p.id, (SELECT id FROM users WHERE handle = 'moderator'), 'spam',
          (CASE WHEN row_number() OVER (ORDER BY p.id) % 20 = 0 THEN 'pending' ELSE 'dismissed' END)::content_flag_status,
          p.created_at + interval '1 minute'
     FROM posts p JOIN bench_users u ON u.id = p.author_id WHERE u.g % 5 = 0 AND u.g <= 100000
    LIMIT 10000`,
  `INSERT INTO auth_sessions (id, user_id, token_hash, user_agent, expires_at, last_sync_at, last_seen_at)
   SELECT gen_random_uuid(), id, 'bench-' || id, 'Bench device', now() + interval '30 days',
          now() - make_interval(mins => (g % 10000)::int), now() FROM bench_users`,
  `INSERT INTO admin_audit_log (id, actor_id, action, target_type, target_id, before, after, at)
   SELECT gen_random_uuid(), (SELECT id FROM users WHERE handle = 'admin'), 'user.roles', 'user', u.id::text,
          '{"isCreator": false}', '{"isCreator": true}', now() - make_interval(mins => u.g::int)
     FROM bench_users u WHERE u.g <= 20000`,
  `INSERT INTO sync_metrics (minute, kind, count, docs)
   SELECT date_trunc('minute', now()) - make_interval(mins => g), k, 20 + g % 50, 200
     FROM generate_series(0, 7 * 1440) g CROSS JOIN (VALUES ('pull'), ('push')) kinds(k)`,
  `INSERT INTO sync_rejections (id, user_id, collection, doc_id, code, message, at)
   SELECT gen_random_uuid(), id, 'courses', id::text, 'forbidden_write', 'Not yours', now() - make_interval(mins => (g % 2000)::int)
     FROM bench_users WHERE g <= 10000`,
];

async function generate(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET session_replication_role = replica");
    for (const statement of GENERATE) {
      const t0 = performance.now();
      const r = await client.query(statement);
      const what = statement.trim().split(/\s+/).slice(0, 3).join(" ");
      console.error(
        `  ${what}: ${r.rowCount ?? 0} rows in ${Math.round(performance.now() - t0)} ms`,
      );
    }
    await client.query("SET session_replication_role = origin");
    // The triggers were off: the running totals (admin_rollup_triggers) start from a recount.
    const t0 = performance.now();
    await client.query("SELECT admin_rollups_rebuild()");
    console.error(`  admin_rollups_rebuild: ${Math.round(performance.now() - t0)} ms`);
    // What autovacuum would have done by now (visibility map: index-only scans).
    await client.query("VACUUM ANALYZE");
    const counts: Record<string, number> = {};
    for (const table of [
      "users",
      "enrollments",
      "module_progress",
      "transactions",
      "payment_splits",
      "split_releases",
      "payouts",
      "payout_transfers",
      "payment_accounts",
      "certificates",
      "email_outbox",
      "auth_sessions",
      "admin_audit_log",
      "posts",
      "content_flags",
      "sync_metrics",
      "sync_rejections",
      "sync_changes",
    ]) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table] = rows[0].n;
    }
    return counts;
  } finally {
    await client.end();
  }
}

function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
  };
}

const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
const dbName = `peerloop_bench_admin_${randomBytes(4).toString("hex")}`;
await admin.query(`CREATE DATABASE ${dbName}`);
const u = new URL(baseUrl);
u.pathname = `/${dbName}`;
const url = u.toString();
let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
try {
  const config = loadConfig({
    DATABASE_URL: url,
    PASSWORD_SCRYPT_N: "1024",
    SEED_DEMO: "false",
    LOG_LEVEL: "error",
    PUBLIC_URL: "http://bench.local",
  });
  database = await openDatabase({ databaseUrl: url });
  await runMigrations(database);
  await seedDemoWorld(database.db, config, { onlyIfEmpty: false });
  console.error(`generating in ${dbName}…`);
  const t0 = performance.now();
  const counts = await generate(url);
  const genSeconds = Math.round((performance.now() - t0) / 1000);
  const hub = new SyncHub(database.db, silentLogger);
  const mailer = createMailer(database.db, config, silentLogger);
  const app = createApp({
    db: database.db,
    dbKind: "postgres",
    config,
    log: silentLogger,
    mailer,
    hub,
  });
  const login = await app.request("http://bench.local/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@peerloop.demo", password: DEMO_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const [someUser] = (
    await database.pool?.query("SELECT id FROM users WHERE handle = 'bench54321'")
  )?.rows ?? [{ id: "" }];
  const [someCert] = (await database.pool?.query("SELECT id FROM certificates LIMIT 1"))?.rows ?? [
    { id: "" },
  ];
  const [someEmail] = (await database.pool?.query("SELECT id FROM email_outbox LIMIT 1"))?.rows ?? [
    { id: "" },
  ];
  const [someAudit] = (
    await database.pool?.query("SELECT target_id FROM admin_audit_log ORDER BY at DESC LIMIT 1")
  )?.rows ?? [{ target_id: "" }];
  const deepCursor = await (async () => {
    // The 1,000th page of users (50,000 rows in): keyset paging costs the same as page 1.
    const { rows } = await (database.pool as pg.Pool).query(
      "SELECT created_at, id FROM users ORDER BY created_at DESC, id DESC OFFSET 49999 LIMIT 1",
    );
    return `${(rows[0].created_at as Date).toISOString()}_${rows[0].id}`;
  })();
  const targets: [string, string][] = [
    ["Overview, recomputed (fresh=1)", "/admin?fresh=1"],
    ["Overview, cached figures", "/admin"],
    ["Users, first page", "/admin/users"],
    ["Users, page 1,000 (keyset)", `/admin/users?cursor=${encodeURIComponent(deepCursor)}`],
    ["Users, search by name prefix", "/admin/users?q=ab"],
    ["Users, search by email", "/admin/users?q=bench4242"],
    ["User page", `/admin/users/${someUser.id}`],
    ["Courses", "/admin/courses"],
    ["Money, recomputed (fresh=1)", "/admin/money?fresh=1"],
    ["Money, cached split totals", "/admin/money"],
    ["Money, refunds only", "/admin/money?status=refunded"],
    ["Certificates", "/admin/certificates"],
    ["Certificates, search by learner", "/admin/certificates?q=ab"],
    ["Certificate page", `/admin/certificates/${someCert.id}`],
    ["Email outbox", "/admin/outbox"],
    ["Email outbox, failed only", "/admin/outbox?status=failed"],
    ["Email outbox, search by address", "/admin/outbox?q=bench4242"],
    ["Email outbox, one message", `/admin/outbox/${someEmail.id}`],
    ["Sync health", "/admin/sync"],
    ["Audit log", "/admin/audit"],
    ["Audit log, search by action", "/admin/audit?q=user.r"],
    ["Audit log, search by target id", `/admin/audit?q=${someAudit.target_id.slice(0, 8)}`],
    ["Audit log, search by actor", "/admin/audit?q=admin@"],
    ["Flags (moderator's queue)", "/admin/flags"],
    ["Flags, pending only", "/admin/flags?status=pending"],
    ["Flags, search by post or author", "/admin/flags?q=ab"],
    ["Money, failed payouts", "/admin/money?payoutsStatus=failed"],
    ["API: overview with attention (fresh=1)", "/api/admin/overview?fresh=1"],
    ["API: transactions, search by learner", "/api/admin/money/transactions?q=bench4242"],
    ["API: transactions, search by name prefix", "/api/admin/money/transactions?q=ab"],
    ["API: transactions, search by course title", "/api/admin/money/transactions?q=intro"],
    ["API: payouts, failed", "/api/admin/payouts?status=failed"],
    ["API: users search", "/api/admin/users?q=bench9"],
    ["API: money summary (fresh=1)", "/api/admin/money/summary?fresh=1"],
    ["API: sync health", "/api/admin/sync-health"],
  ];
  const rows: string[] = [];
  let slow = 0;
  for (const [label, path] of targets) {
    const times: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now();
      const res = await app.request(`http://bench.local${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await res.text();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      if (i > 0) times.push(performance.now() - t);
    }
    const s = stats(times);
    if (s.median > TARGET_MS) slow++;
    rows.push(
      `| ${label} | \`${path.length > 60 ? `${path.slice(0, 57)}…` : path}\` | ${s.median.toFixed(1)} | ${s.max.toFixed(1)} |`,
    );
    console.error(`${label}: median ${s.median.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`);
  }
  await mailer.drain();
  const cpu = cpus();
  const report = [
    "# Admin dashboard benchmark",
    "",
    `Generated by \`npm run bench:admin\` on ${new Date().toISOString().slice(0, 16)}Z (PostgreSQL, in-process requests, ${RUNS} runs after one warm-up; times in ms).`,
    "",
    `- machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores (shared with other work); load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" / ")}`,
    `- data (generated in ${genSeconds} s): ${Object.entries(counts)
      .map(([t, n]) => `${t} ${n.toLocaleString("en-US")}`)
      .join(", ")}`,
    `- target: every page's median under ${TARGET_MS} ms — ${slow === 0 ? "met" : `${slow} page(s) over`}`,
    "",
    "| page | path | median | slowest |",
    "| --- | --- | ---: | ---: |",
    ...rows,
    NOTES,
  ].join("\n");
  mkdirSync(`${ROOT}bench/results`, { recursive: true });
  writeFileSync(`${ROOT}bench/results/admin.md`, report);
  console.log(report);
} catch (err) {
  console.error("bench:admin failed:", err);
  process.exitCode = 1;
} finally {
  await database?.close().catch(() => {});
  // pg-pool's end() resolves before its sockets close: wait, or FORCE kills them mid-goodbye.
  for (let i = 0; i < 100; i++) {
    const { rows } = await admin.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
      [dbName],
    );
    if (rows[0]?.n === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  if (process.env.BENCH_KEEP) console.error(`kept ${url}`);
  else await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}
