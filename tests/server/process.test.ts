import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../sync-server/db/database";
import { courses, users } from "../../sync-server/db/schema";
import { demoCourses, demoUsers } from "../../sync-server/demo/world";
import { adminPool, withDatabase } from "../support/postgres-admin";
import { killAll, launch, type Server, start } from "../support/server-process";

/** What the catalog lists: active, not retired. */
const publishedSlugs = demoCourses
  .filter((c) => c.isActive && !c.isRetired)
  .map((c) => c.slug)
  .sort();

async function getJson(url: string) {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function catalog(url: string): Promise<{ slugs: string[]; ids: string[]; total: number }> {
  const { status, body } = await getJson(`${url}/api/courses?limit=100&sort=title`);
  expect(status).toBe(200);
  const list = body.courses as { slug: string; id: string }[];
  return {
    slugs: list.map((c) => c.slug).sort(),
    ids: list.map((c) => c.id).sort(),
    total: body.total as number,
  };
}

async function stop(server: Server, signal: NodeJS.Signals) {
  server.child.kill(signal);
  const t0 = Date.now();
  const code = await server.exit;
  return { code, ms: Date.now() - t0 };
}

afterAll(async () => {
  killAll();
});

describe("npm start on the embedded database", () => {
  let dataDir: string;
  let first: Awaited<ReturnType<typeof start>>;
  let firstCatalog: Awaited<ReturnType<typeof catalog>>;
  const env = () => ({ DATA_DIR: dataDir });
  const lockFile = () => join(dataDir, "peerloop.lock");

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "peerloop-proc-"));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts on a fresh folder, reports healthy PGlite and serves the demo courses", async () => {
    first = await start(env());
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.url).not.toMatch(/:0$/);
    const health = await getJson(`${first.url}/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: "ok", db: "pglite" });
    firstCatalog = await catalog(first.url);
    expect(firstCatalog.slugs).toEqual(publishedSlugs);
    expect(firstCatalog.total).toBe(publishedSlugs.length);
    expect(readFileSync(lockFile(), "utf8").trim()).toBe(String(first.child.pid));
  }, 90_000);

  it("refuses a second process on the same folder while the first keeps serving", async () => {
    const second = launch(env());
    expect(await second.exit).toBe(1);
    expect(second.output.join("\n")).toMatch(/in use/);
    expect(second.output.join("\n")).toContain(String(first.child.pid));
    expect((await getJson(`${first.url}/health`)).status).toBe(200);
    expect(readFileSync(lockFile(), "utf8").trim()).toBe(String(first.child.pid));
  }, 90_000);

  it("stops on SIGTERM with exit code 0 within seconds and removes its lock", async () => {
    const { code, ms } = await stop(first, "SIGTERM");
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5_000);
    expect(existsSync(lockFile())).toBe(false);
    await expect(fetch(`${first.url}/health`)).rejects.toThrow();
  }, 30_000);

  it("restarts on the same folder with the same data, without seeding again", async () => {
    const again = await start(env());
    try {
      expect((await getJson(`${again.url}/health`)).body.db).toBe("pglite");
      expect(await catalog(again.url)).toEqual(firstCatalog);
    } finally {
      expect((await stop(again, "SIGTERM")).code).toBe(0);
    }
  }, 90_000);

  it("starts after a SIGKILL left a stale lock behind", async () => {
    const killed = await start(env());
    const pid = killed.child.pid;
    await stop(killed, "SIGKILL");
    expect(readFileSync(lockFile(), "utf8").trim()).toBe(String(pid));

    const next = await start(env());
    try {
      expect((await getJson(`${next.url}/health`)).status).toBe(200);
      expect(await catalog(next.url)).toEqual(firstCatalog);
    } finally {
      expect((await stop(next, "SIGTERM")).code).toBe(0);
    }
  }, 120_000);

  it("holds the demo world exactly once after all those starts", async () => {
    const database = await openDatabase({ dataDir });
    try {
      const [u] = await database.db.select({ n: count() }).from(users);
      const [c] = await database.db.select({ n: count() }).from(courses);
      // + 1: the platform account, recipient of the platform's share (payments/platform-account.ts)
      expect([u?.n, c?.n]).toEqual([demoUsers.length + 1, demoCourses.length]);
    } finally {
      await database.close();
    }
  }, 60_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)("npm start on Postgres", () => {
  const baseUrl = process.env.TEST_DATABASE_URL ?? "";
  const name = `peerloop_proc_${randomBytes(6).toString("hex")}`;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "peerloop-proc-pg-"));
    const admin = adminPool(baseUrl);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    const admin = adminPool(baseUrl);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it("migrates and seeds an empty database, reports postgres and serves the demo courses", async () => {
    const server = await start({ DATA_DIR: dataDir, DATABASE_URL: withDatabase(baseUrl, name) });
    try {
      const health = await getJson(`${server.url}/health`);
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: "ok", db: "postgres" });
      expect((await catalog(server.url)).slugs).toEqual(publishedSlugs);
      // DATA_DIR is not used with DATABASE_URL: no lock, no PGlite folder.
      expect(existsSync(join(dataDir, "peerloop.lock"))).toBe(false);
      expect(existsSync(join(dataDir, "pglite"))).toBe(false);
    } finally {
      expect((await stop(server, "SIGTERM")).code).toBe(0);
    }
  }, 90_000);
});
