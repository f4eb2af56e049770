/**
 * `npm run bench:sync`: sync throughput and live latency on a ~10,000-document working set
 * of one learner (20 courses × 50 modules, 1,000 progress rows, a conversation of 8,000
 * messages), against a real server over HTTP — embedded PGlite, and Postgres when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a throw-away database is created there).
 *
 *   (a) initial sync: every collection pulled from scratch (limit 1000), each batch upserted
 *       into a fresh RxDB memory-storage database, in documents per second;
 *   (b) baseline: the same rows as plain `SELECT row_to_json(...)` on the database driver;
 *   (c) push: 5,000 new messages in batches of 500;
 *   (d) live latency: push one message (×100, ~20 ms apart) → "changed" event on the other
 *       participant's SSE stream.
 *
 * Prints a markdown table and writes it to bench/results/sync.md.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import pg from "pg";
import { getRxStorageMemory } from "rxdb/plugins/storage-memory";
import { createPeerloopDatabase } from "../client/sync/database";
import { directConversationId } from "../shared/ids/derived-id";
import { uuidv7 } from "../shared/ids/uuidv7";
import type { Checkpoint, StreamEvent } from "../shared/sync/protocol";
import { COLLECTION_NAMES } from "../shared/sync/registry";
import { loadConfig } from "../sync-server/config";
import { type Db, queryRows } from "../sync-server/db/database";
import { createLogger } from "../sync-server/log";
import { type RunningServer, startServer } from "../sync-server/server";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const COURSES = 20;
const MODULES_PER_COURSE = 50;
const MESSAGES = 8000;
const PULL_LIMIT = 1000;
const INITIAL_RUNS = 3;
const PUSH_DOCS = 5000;
const PUSH_BATCH = 500;
const LATENCY_SAMPLES = 100;
const LATENCY_SPACING_MS = 20;
const PASSWORD = "correct horse battery";

const TARGETS = { initialDocsPerSec: 20_000, pushDocsPerSec: 5_000, latencyMedianMs: 50 };

type Kind = "pglite" | "postgres";
type Doc = Record<string, unknown> & { id: string; _deleted?: boolean };

interface Result {
  kind: Kind;
  docs: number;
  perCollection: Record<string, number>;
  initial: { ms: number[]; httpMs: number; rxdbMs: number };
  httpOnlyMs: number;
  baseline: { rows: number; ms: number };
  push: { docs: number; ms: number };
  latency: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i] as number;
}
const perSec = (n: number, ms: number) => Math.round((n * 1000) / ms);
const fmt = (n: number) => n.toLocaleString("en-US");

// ---------------------------------------------------------------------------------------
// Server and data

async function start(kind: Kind, databaseUrl?: string): Promise<RunningServer & { dir?: string }> {
  const env: Record<string, string> = {
    PORT: "0",
    HOST: "127.0.0.1",
    SEED_DEMO: "false",
    PASSWORD_SCRYPT_N: "1024",
    LOG_LEVEL: "error",
  };
  if (kind === "postgres" && databaseUrl) env.DATABASE_URL = databaseUrl;
  else env.DATA_DIR = mkdtempSync(join(tmpdir(), "peerloop-bench-sync-"));
  const server = await startServer(loadConfig(env), createLogger("error"));
  return Object.assign(server, { dir: env.DATA_DIR });
}

async function api<T>(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : null) as T;
}

async function registerUser(base: string, handle: string) {
  const r = await api<{ token: string; user: { id: string } }>(
    base,
    "POST",
    "/api/auth/register",
    undefined,
    { email: `${handle}@bench.example`, password: PASSWORD, name: handle, handle },
  );
  return { id: r.user.id, token: r.token };
}

interface World {
  learner: { id: string; token: string };
  partner: { id: string; token: string };
  conversationId: string;
  creatorId: string;
}

/** The learner's working set, written with set-based multi-row inserts. */
async function generate(db: Db, base: string): Promise<World> {
  const learner = await registerUser(base, "bench_learner");
  const partner = await registerUser(base, "bench_partner");
  const creator = await registerUser(base, "bench_creator");
  const categoryId = uuidv7();
  const conversationId = directConversationId(learner.id, partner.id);
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`INSERT INTO categories (id, name, slug) VALUES (${categoryId}, 'Bench', 'bench')`,
    );
    await tx.execute(
      sql`INSERT INTO courses (id, creator_id, title, slug, description, duration, level, price_cents, category_id, module_count)
          SELECT gen_random_uuid(), ${creator.id}, 'Bench course ' || g, 'bench-course-' || g,
                 repeat('A generated course description. ', 10), '8 weeks', 'beginner', 10000, ${categoryId}, ${MODULES_PER_COURSE}
          FROM generate_series(1, ${COURSES}) g`,
    );
    await tx.execute(
      sql`INSERT INTO course_tags (course_id, tag)
          SELECT c.id, t FROM courses c CROSS JOIN unnest(ARRAY['bench', 'sync', 'offline']) t
          WHERE c.creator_id = ${creator.id}`,
    );
    await tx.execute(
      sql`INSERT INTO course_curriculum (id, course_id, session_number, title, description, duration, learning_objectives, topics_covered, module_order)
          SELECT gen_random_uuid(), c.id, g, 'Module ' || g, repeat('What this module covers. ', 12), '1 hour',
                 '["Understand the idea","Apply it"]', '["Topic one","Topic two","Topic three"]', g
          FROM courses c CROSS JOIN generate_series(1, ${MODULES_PER_COURSE}) g
          WHERE c.creator_id = ${creator.id}`,
    );
    await tx.execute(
      sql`INSERT INTO enrollments (id, student_id, course_id, status)
          SELECT gen_random_uuid(), ${learner.id}, c.id, 'enrolled' FROM courses c WHERE c.creator_id = ${creator.id}`,
    );
    await tx.execute(
      sql`INSERT INTO module_progress (id, enrollment_id, module_id, is_complete, completed_at)
          SELECT gen_random_uuid(), e.id, m.id, true, now()
          FROM enrollments e JOIN course_curriculum m ON m.course_id = e.course_id
          WHERE e.student_id = ${learner.id}`,
    );
    await tx.execute(sql`INSERT INTO conversations (id) VALUES (${conversationId})`);
    await tx.execute(
      sql`INSERT INTO conversation_participants (conversation_id, user_id)
          VALUES (${conversationId}, ${learner.id}), (${conversationId}, ${partner.id})`,
    );
    await tx.execute(
      sql`INSERT INTO messages (id, conversation_id, sender_id, content, created_at)
          SELECT gen_random_uuid(), ${conversationId},
                 CASE WHEN g % 2 = 0 THEN ${learner.id}::uuid ELSE ${partner.id}::uuid END,
                 'Message ' || g || ': ' || repeat('lorem ipsum ', 6),
                 now() - (${MESSAGES} - g) * interval '1 second'
          FROM generate_series(1, ${MESSAGES}) g`,
    );
  });
  return { learner, partner, conversationId, creatorId: creator.id };
}

// ---------------------------------------------------------------------------------------
// (a) initial sync

async function pullCollection(
  base: string,
  token: string,
  collection: string,
  onBatch: (docs: Doc[]) => Promise<void>,
): Promise<{ docs: number; httpMs: number; sinkMs: number }> {
  let checkpoint: Checkpoint | null = null;
  let docs = 0;
  let httpMs = 0;
  let sinkMs = 0;
  for (;;) {
    const cp: string = checkpoint
      ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}`
      : "";
    const t0 = performance.now();
    const batch = await api<{ documents: Doc[]; checkpoint: Checkpoint }>(
      base,
      "GET",
      `/sync/${collection}/pull?limit=${PULL_LIMIT}${cp}`,
      token,
    );
    const t1 = performance.now();
    await onBatch(batch.documents);
    httpMs += t1 - t0;
    sinkMs += performance.now() - t1;
    docs += batch.documents.length;
    checkpoint = batch.checkpoint;
    if (batch.documents.length < PULL_LIMIT) return { docs, httpMs, sinkMs };
  }
}

async function initialSyncIntoRxdb(base: string, token: string, run: number) {
  const rx = await createPeerloopDatabase({
    name: `bench-${run}-${randomBytes(4).toString("hex")}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  try {
    const perCollection: Record<string, number> = {};
    let httpMs = 0;
    let rxdbMs = 0;
    const t0 = performance.now();
    for (const name of COLLECTION_NAMES) {
      const coll = rx.collections[name];
      const r = await pullCollection(base, token, name, async (docs) => {
        const live = docs.filter((d) => !d._deleted).map(({ _deleted, ...d }) => d);
        // biome-ignore lint/suspicious/noExplicitAny: documents from the wire
        const res = await coll.bulkUpsert(live as any[]);
        if (res.error.length) throw new Error(`${name}: ${JSON.stringify(res.error[0])}`);
      });
      perCollection[name] = r.docs;
      httpMs += r.httpMs;
      rxdbMs += r.sinkMs;
    }
    const ms = performance.now() - t0;
    let stored = 0;
    for (const name of COLLECTION_NAMES) stored += await rx.collections[name].count().exec();
    return { ms, httpMs, rxdbMs, perCollection, stored };
  } finally {
    await rx.remove();
  }
}

// ---------------------------------------------------------------------------------------
// (b) baseline: the same rows, straight from the database driver

const BASELINE_QUERIES = (w: World) => [
  `SELECT row_to_json(c) AS j FROM courses c WHERE c.creator_id = '${w.creatorId}'`,
  `SELECT row_to_json(m) AS j FROM course_curriculum m JOIN courses c ON c.id = m.course_id WHERE c.creator_id = '${w.creatorId}'`,
  `SELECT row_to_json(e) AS j FROM enrollments e WHERE e.student_id = '${w.learner.id}'`,
  `SELECT row_to_json(p) AS j FROM module_progress p JOIN enrollments e ON e.id = p.enrollment_id WHERE e.student_id = '${w.learner.id}'`,
  `SELECT row_to_json(c) AS j FROM conversations c WHERE c.id = '${w.conversationId}'`,
  `SELECT row_to_json(m) AS j FROM messages m WHERE m.conversation_id = '${w.conversationId}'`,
  `SELECT row_to_json(u) AS j FROM users u WHERE u.id IN ('${w.learner.id}', '${w.partner.id}', '${w.creatorId}')`,
];

async function baseline(server: RunningServer, w: World, databaseUrl?: string) {
  const queries = BASELINE_QUERIES(w);
  const pglite = server.database.pglite;
  let client: pg.Client | undefined;
  if (!pglite) {
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
  }
  const runOnce = async () => {
    let rows = 0;
    const t0 = performance.now();
    for (const q of queries) {
      const r = pglite ? await pglite.query(q) : await (client as pg.Client).query(q);
      rows += r.rows.length;
    }
    return { rows, ms: performance.now() - t0 };
  };
  try {
    await runOnce(); // warm-up, as the initial-sync figure is the median of warm runs
    const runs = [await runOnce(), await runOnce(), await runOnce()];
    return { rows: runs[0]?.rows ?? 0, ms: median(runs.map((r) => r.ms)) };
  } finally {
    await client?.end();
  }
}

// ---------------------------------------------------------------------------------------
// (c) push and (d) latency

function messageDoc(w: World, content: string) {
  return {
    newDocumentState: {
      id: uuidv7(),
      conversationId: w.conversationId,
      senderId: w.learner.id,
      content,
      createdAt: new Date().toISOString(),
    },
  };
}

async function pushThroughput(base: string, w: World) {
  const t0 = performance.now();
  for (let i = 0; i < PUSH_DOCS; i += PUSH_BATCH) {
    const rows = Array.from({ length: PUSH_BATCH }, (_, j) =>
      messageDoc(w, `pushed ${i + j} ${"lorem ipsum ".repeat(6)}`),
    );
    const conflicts = await api<unknown[]>(
      base,
      "POST",
      "/sync/messages/push",
      w.learner.token,
      rows,
    );
    if (conflicts.length) throw new Error(`unexpected conflicts: ${conflicts.length}`);
  }
  return { docs: PUSH_DOCS, ms: performance.now() - t0 };
}

/** Server-sent events of one fetch response. */
async function* sseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<StreamEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split("\n")
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).trimStart())
        .join("\n");
      if (data) yield JSON.parse(data) as StreamEvent;
    }
  }
}

async function liveLatency(base: string, w: World): Promise<number[]> {
  const abort = new AbortController();
  const res = await fetch(`${base}/sync/stream`, {
    headers: { authorization: `Bearer ${w.partner.token}` },
    signal: abort.signal,
  });
  if (!res.ok || !res.body) throw new Error(`stream: ${res.status}`);
  const waiting: { resolve: ((at: number) => void) | null } = { resolve: null };
  let hello: () => void = () => {};
  const helloSeen = new Promise<void>((r) => {
    hello = r;
  });
  const reading = (async () => {
    try {
      for await (const ev of sseEvents(res.body as ReadableStream<Uint8Array>)) {
        const at = performance.now();
        if (ev.type === "hello") hello();
        if (ev.type === "changed" && ev.collections.includes("messages")) waiting.resolve?.(at);
      }
    } catch {
      // aborted at the end
    }
  })();
  await helloSeen;
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const arrived = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no change event within 5 s")), 5000);
      waiting.resolve = (at) => {
        clearTimeout(timer);
        waiting.resolve = null;
        resolve(at);
      };
    });
    const t0 = performance.now();
    await api(base, "POST", "/sync/messages/push", w.learner.token, [messageDoc(w, `live ${i}`)]);
    samples.push((await arrived) - t0);
    await sleep(LATENCY_SPACING_MS);
  }
  abort.abort();
  await reading;
  return samples;
}

// ---------------------------------------------------------------------------------------

async function waitForNoBackends(admin: pg.Client, database: string) {
  // pool.end() resolves before its sockets have closed: dropping WITH (FORCE) then would make
  // the server kill backends whose clients no longer listen for errors.
  for (let i = 0; i < 100; i++) {
    const { rows } = await admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
      [database],
    );
    if ((rows[0]?.n ?? 0) === 0) return;
    await sleep(20);
  }
}

async function benchOne(kind: Kind, baseUrl?: string): Promise<Result> {
  let databaseUrl: string | undefined;
  let admin: pg.Client | undefined;
  const dbName = `peerloop_bench_${randomBytes(5).toString("hex")}`;
  if (kind === "postgres") {
    admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    const u = new URL(baseUrl as string);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const server = await start(kind, databaseUrl);
  try {
    const base = server.url;
    console.error(`[${kind}] server at ${base}; generating the working set…`);
    const tGen = performance.now();
    const w = await generate(server.database.db, base);
    console.error(`[${kind}] generated in ${Math.round(performance.now() - tGen)} ms`);

    // Pulls alone (no RxDB), once to warm caches and once measured.
    const httpOnly = async () => {
      const t0 = performance.now();
      let n = 0;
      for (const name of COLLECTION_NAMES) {
        n += (await pullCollection(base, w.learner.token, name, async () => {})).docs;
      }
      return { n, ms: performance.now() - t0 };
    };
    const warm = await httpOnly();
    const expected = await expectedDocs(server.database.db, w);
    if (warm.n !== expected) throw new Error(`pulled ${warm.n} documents, expected ${expected}`);
    const httpOnlyRun = await httpOnly();
    console.error(`[${kind}] ${warm.n} documents; pull only: ${Math.round(httpOnlyRun.ms)} ms`);

    const runs = [];
    for (let run = 0; run < INITIAL_RUNS; run++) {
      const r = await initialSyncIntoRxdb(base, w.learner.token, run);
      if (r.stored !== expected) throw new Error(`RxDB holds ${r.stored}, expected ${expected}`);
      runs.push(r);
      console.error(`[${kind}] initial sync run ${run + 1}: ${Math.round(r.ms)} ms`);
    }
    const mid = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)] ?? runs[0];

    const base0 = await baseline(server, w, databaseUrl);
    console.error(`[${kind}] baseline: ${base0.rows} rows in ${Math.round(base0.ms)} ms`);
    const pushed = await pushThroughput(base, w);
    console.error(`[${kind}] push: ${pushed.docs} in ${Math.round(pushed.ms)} ms`);
    const latency = await liveLatency(base, w);
    console.error(`[${kind}] latency median ${median(latency).toFixed(1)} ms`);

    return {
      kind,
      docs: expected,
      perCollection: mid?.perCollection ?? {},
      initial: {
        ms: runs.map((r) => r.ms),
        httpMs: mid?.httpMs ?? Number.NaN,
        rxdbMs: mid?.rxdbMs ?? Number.NaN,
      },
      httpOnlyMs: httpOnlyRun.ms,
      baseline: base0,
      push: pushed,
      latency,
    };
  } finally {
    await server.close();
    if (server.dir) rmSync(server.dir, { recursive: true, force: true });
    if (admin) {
      await waitForNoBackends(admin, dbName);
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

/** What the learner may hold, counted independently of the server's rule. */
async function expectedDocs(db: Db, w: World): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT (
          (SELECT count(*) FROM courses WHERE creator_id = ${w.creatorId})
        + (SELECT count(*) FROM course_curriculum m JOIN courses c ON c.id = m.course_id WHERE c.creator_id = ${w.creatorId})
        + (SELECT count(*) FROM enrollments WHERE student_id = ${w.learner.id})
        + (SELECT count(*) FROM module_progress p JOIN enrollments e ON e.id = p.enrollment_id WHERE e.student_id = ${w.learner.id})
        + (SELECT count(*) FROM conversations WHERE id = ${w.conversationId})
        + (SELECT count(*) FROM messages WHERE conversation_id = ${w.conversationId})
        + 3 /* profiles: the learner, the course creator, the conversation partner */
        )::int AS n`,
  );
  return row?.n ?? 0;
}

function report(results: Result[], skipped: string[]): string {
  const cpu = cpus();
  const lines = [
    "# Sync benchmark",
    "",
    `- date: ${new Date().toISOString()}`,
    `- node: ${process.version}`,
    `- machine: ${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${process.platform}/${process.arch}; load average when the report was written: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")} (other work on the machine skews the figures)`,
    `- working set: one learner, ${COURSES} courses × ${MODULES_PER_COURSE} modules, as many progress rows, a conversation of ${fmt(MESSAGES)} messages, profiles; all documents of all ${COLLECTION_NAMES.length} collections`,
    `- method: a real server (\`startServer\`, 127.0.0.1, PASSWORD_SCRYPT_N=1024) over HTTP; pulls with limit ${PULL_LIMIT}; initial sync = pull every collection from scratch and \`bulkUpsert\` each batch into a fresh RxDB memory-storage database (median of ${INITIAL_RUNS} runs, after one warm-up pull without RxDB); baseline = the same rows as \`SELECT row_to_json(t)\` on the driver (node-postgres over TCP, or PGlite in-process; median of 3 warm runs); push = ${fmt(PUSH_DOCS)} new messages in batches of ${PUSH_BATCH}; latency = push 1 message (×${LATENCY_SAMPLES}, ${LATENCY_SPACING_MS} ms apart) → \`changed\` event on the other participant's SSE stream`,
    "",
    `| measure | target | ${results.map((r) => r.kind).join(" | ")} |`,
    `| --- | ---: | ${results.map(() => "---:").join(" | ")} |`,
  ];
  const row = (label: string, target: string, cell: (r: Result) => string) =>
    lines.push(`| ${label} | ${target} | ${results.map(cell).join(" | ")} |`);
  const initialRate = (r: Result) => perSec(r.docs, median(r.initial.ms));
  row("documents in the working set", "~10,000", (r) => fmt(r.docs));
  row(
    "initial sync into RxDB (docs/s)",
    `≥ ${fmt(TARGETS.initialDocsPerSec)}`,
    (r) => `${fmt(initialRate(r))} (${Math.round(median(r.initial.ms))} ms)`,
  );
  row(
    "— of which HTTP pulls / RxDB upserts",
    "",
    (r) => `${Math.round(r.initial.httpMs)} ms / ${Math.round(r.initial.rxdbMs)} ms`,
  );
  row(
    "pulls only, no RxDB (docs/s)",
    "",
    (r) => `${fmt(perSec(r.docs, r.httpOnlyMs))} (${Math.round(r.httpOnlyMs)} ms)`,
  );
  row(
    "baseline `SELECT row_to_json` (rows/s)",
    "",
    (r) => `${fmt(perSec(r.baseline.rows, r.baseline.ms))} (${Math.round(r.baseline.ms)} ms)`,
  );
  row(
    "initial sync ÷ baseline",
    "",
    (r) => `${(initialRate(r) / perSec(r.baseline.rows, r.baseline.ms)).toFixed(2)}×`,
  );
  row(
    "push (docs/s)",
    `≥ ${fmt(TARGETS.pushDocsPerSec)} (Postgres)`,
    (r) => `${fmt(perSec(r.push.docs, r.push.ms))} (${Math.round(r.push.ms)} ms)`,
  );
  row(
    "change → other device, median",
    `< ${TARGETS.latencyMedianMs} ms`,
    (r) => `${median(r.latency).toFixed(1)} ms`,
  );
  row("change → other device, p99", "", (r) => `${quantile(r.latency, 0.99).toFixed(1)} ms`);
  lines.push("");
  const first = results[0];
  if (first) {
    lines.push(
      `Documents per collection: ${Object.entries(first.perCollection)
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(", ")}.`,
      "",
    );
  }
  for (const s of skipped) lines.push(`- ${s}`);
  if (skipped.length) lines.push("");
  return lines.join("\n");
}

async function main() {
  const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const only = process.argv[2] as Kind | undefined;
  const results: Result[] = [];
  const skipped: string[] = [];
  if (!only || only === "pglite") results.push(await benchOne("pglite"));
  if (!only || only === "postgres") {
    if (pgUrl) results.push(await benchOne("postgres", pgUrl));
    else skipped.push("Postgres: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL).");
  }
  const text = report(results, skipped);
  process.stdout.write(`\n${text}`);
  const dir = join(ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "sync.md"), text);
}

await main();
