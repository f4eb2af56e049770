/**
 * The last line of defence for "bad input is a 4xx, never a 500": a value that reaches the
 * database unvalidated and is refused there (SQLSTATE class 22) answers 400, on both
 * drivers, while real failures stay 500s. Driven by real Postgres errors, not made-up ones.
 */
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleError } from "../../sync-server/http/error-handler";
import { silentLogger } from "../../sync-server/log";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/test-db";

describe.each(databaseKinds())("error handler on %s", (kind) => {
  let database: TestDatabase;
  let app: Hono;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = new Hono();
    // Each route hands the query string to Postgres with a cast, as a route missing its
    // validation would.
    app.get("/uuid", async (c) => {
      await database.db.execute(sql`SELECT ${c.req.query("v")}::uuid`);
      return c.json({ ok: true });
    });
    app.get("/timestamp", async (c) => {
      await database.db.execute(sql`SELECT ${c.req.query("v")}::timestamptz`);
      return c.json({ ok: true });
    });
    app.get("/text", async (c) => {
      await database.db.execute(sql`SELECT length(${c.req.query("v")}::text)`);
      return c.json({ ok: true });
    });
    app.get("/duplicate", async () => {
      await database.db.execute(sql`CREATE TEMP TABLE IF NOT EXISTS t (id int PRIMARY KEY)`);
      await database.db.execute(sql`INSERT INTO t VALUES (1), (1)`);
      return new Response("unreachable");
    });
    app.get("/bug", () => {
      throw new Error("a plain bug");
    });
    app.onError((err, c) => handleError(err, c, silentLogger));
  });
  afterAll(async () => {
    await database?.close();
  });

  const get = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, body: await res.json() };
  };

  it.each([
    ["a malformed uuid", `/uuid?v=${"-".repeat(36)}`],
    ["a year Postgres cannot hold", "/timestamp?v=%2B099999-01-01T00:00:00Z"],
    ["a NUL byte in text", "/text?v=a%00b"],
  ])("%s is a 400 validation_failed", async (_name, path) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("validation_failed");
  });

  it("a good value passes through", async () => {
    const r = await get("/uuid?v=0190b6a0-0000-7000-8000-000000000000");
    expect(r).toEqual({ status: 200, body: { ok: true } });
  });

  it("other database errors and plain bugs stay 500 internal, revealing nothing", async () => {
    for (const path of ["/duplicate", "/bug"]) {
      const r = await get(path);
      expect(r.status).toBe(500);
      expect(r.body.error.code).toBe("internal");
      expect(JSON.stringify(r.body)).not.toMatch(/duplicate|plain bug/);
    }
  });
});
