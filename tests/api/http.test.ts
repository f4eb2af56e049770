/**
 * The HTTP surface shared by every route: /health, the JSON 404, the OpenAPI document and
 * request ids.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUuid } from "../../shared/ids/uuidv7";
import { authSessions, emailOutbox, users } from "../../sync-server/db/schema";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";

const VERSION = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
).version;

/** Routes that must always be there (a floor: later routes are checked via app.routes). */
const KNOWN_ROUTES = [
  "GET /health",
  "POST /api/auth/register",
  "POST /api/auth/login",
  "POST /api/auth/logout",
  "POST /api/auth/verify-email",
  "POST /api/auth/resend-verification",
  "POST /api/auth/request-password-reset",
  "POST /api/auth/reset-password",
  "GET /api/me",
  "GET /api/categories",
  "GET /api/courses",
  "GET /api/courses/{slug}",
];

interface Operation {
  summary?: string;
  responses?: Record<string, unknown>;
  parameters?: { name: string; in: string }[];
}

describe.each(databaseKinds())("HTTP basics on %s", (kind) => {
  let t: TestApp;
  let spec: {
    openapi: string;
    info: { version: string };
    paths: Record<string, Record<string, Operation>>;
  };

  const stored = async () => ({
    users: (await t.deps.db.select({ n: count() }).from(users))[0]?.n,
    sessions: (await t.deps.db.select({ n: count() }).from(authSessions))[0]?.n,
    emails: (await t.deps.db.select({ n: count() }).from(emailOutbox))[0]?.n,
  });

  beforeAll(async () => {
    t = await createTestApp(kind);
    const res = await t.call("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    spec = res.body;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("reports health: ok, this database kind, the package version, uptime", async () => {
    const res = await t.call("GET", "/health");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(Object.keys(res.body).sort()).toEqual(["db", "status", "uptimeSeconds", "version"]);
    expect(res.body).toMatchObject({ status: "ok", db: kind, version: VERSION });
    expect(Number.isInteger(res.body.uptimeSeconds)).toBe(true);
    expect(res.body.uptimeSeconds).toBeGreaterThanOrEqual(0);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it.each([
    ["GET", "/nope"],
    ["GET", "/api/nope"],
    ["POST", "/api/nope"],
    ["GET", "/api/courses/a/b"],
  ])("answers %s %s with a JSON 404 not_found", async (method, path) => {
    const before = await stored();
    const res = await t.call(method, path, method === "POST" ? { body: { a: 1 } } : {});
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(res.body.error.code).toBe("not_found");
    expect(res.body.error.message).toContain(path);
    expect(await stored()).toEqual(before);
  });

  it.each([
    ["GET", "/api/auth/login", "POST"],
    ["DELETE", "/api/courses/intro-to-claude-code", "GET, HEAD"],
    ["PUT", "/sync/progress/pull", "GET, HEAD"],
  ])(
    "answers %s %s with 405 method_not_allowed and what it allows",
    async (method, path, allow) => {
      const before = await stored();
      const res = await t.call(method, path, method === "GET" ? {} : { body: { a: 1 } });
      expect(res.status).toBe(405);
      expect(res.body.error.code).toBe("method_not_allowed");
      expect(res.headers.get("allow")).toBe(allow);
      expect(await stored()).toEqual(before);
    },
  );

  it("serves an OpenAPI 3.1 document listing every route", () => {
    expect(spec.openapi).toMatch(/^3\.1\./);
    expect(spec.info.version).toBe(VERSION);
    const documented = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented).toEqual(expect.arrayContaining(KNOWN_ROUTES));
    // Exactly the handlers the app registers (middleware is "ALL"; the document itself aside).
    const registered = t.app.routes
      .filter((r) => r.method !== "ALL" && r.path !== "/api/openapi.json")
      // The admin dashboard's HTML pages and form posts (their JSON twins are documented).
      .filter((r) => r.path !== "/admin" && !r.path.startsWith("/admin/"))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect([...documented].sort()).toEqual([...new Set(registered)].sort());
  });

  it("gives every operation a summary, a success response and its path parameters", () => {
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method} ${path}`;
        expect(op.summary?.trim(), where).toBeTruthy();
        const statuses = Object.keys(op.responses ?? {});
        expect(
          statuses.some((s) => /^2\d\d$/.test(s)),
          where,
        ).toBe(true);
        for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
          expect(
            op.parameters?.some((p) => p.name === name && p.in === "path"),
            where,
          ).toBe(true);
        }
      }
    }
  });

  it("routes every documented operation (none falls through to the 404), changing nothing", async () => {
    const before = await stored();
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const method of Object.keys(item)) {
        const res = await t.call(method.toUpperCase(), path.replace(/\{\w+\}/g, "x"));
        const where = `${method} ${path} → ${res.status}`;
        expect(res.status, where).toBeLessThan(500);
        expect(String(res.body?.error?.message ?? ""), where).not.toMatch(/^Nothing at/);
      }
    }
    expect(await stored()).toEqual(before);
  });

  it("returns a request id, echoes an incoming one and caps its length", async () => {
    const own = await t.call("GET", "/health");
    expect(isUuid(own.headers.get("x-request-id"))).toBe(true);
    const other = await t.call("GET", "/health");
    expect(other.headers.get("x-request-id")).not.toBe(own.headers.get("x-request-id"));

    const echoed = await t.call("GET", "/api/categories", {
      headers: { "x-request-id": "trace-abc-123" },
    });
    expect(echoed.headers.get("x-request-id")).toBe("trace-abc-123");
    const onError = await t.call("GET", "/api/nope", { headers: { "x-request-id": "trace-404" } });
    expect(onError.headers.get("x-request-id")).toBe("trace-404");
    const long = "r".repeat(200);
    const capped = await t.call("GET", "/health", { headers: { "x-request-id": long } });
    expect(capped.headers.get("x-request-id")).toBe(long.slice(0, 64));
  });
});

describe.each(databaseKinds())("compression on %s", (kind) => {
  it("gzips JSON answers for clients that accept it, and only for them", async () => {
    const t = await createTestApp(kind);
    try {
      const gz = await t.app.request("/api/categories", { headers: { "accept-encoding": "gzip" } });
      expect(gz.headers.get("content-encoding")).toBe("gzip");
      const body = JSON.parse(
        new TextDecoder().decode(gunzipSync(Buffer.from(await gz.arrayBuffer()))),
      );
      expect(Array.isArray(body.categories)).toBe(true);
      const plain = await t.app.request("/api/categories");
      expect(plain.headers.get("content-encoding")).toBeNull();
    } finally {
      await t.close();
    }
  });
});
