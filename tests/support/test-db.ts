/**
 * The contract suites run once per database kind: always on PGlite, and on a real Postgres
 * when TEST_DATABASE_URL is set (CI sets it). Each suite gets its own freshly migrated
 * database: a PGlite loaded from the migrated dump, or a Postgres database cloned from the
 * migrated template.
 */

import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { type Database, type DbKind, openDatabase } from "../../sync-server/db/database";
import { adminPool, withDatabase } from "./postgres-admin";

export interface TestDatabase extends Database {
  /** Connection string of a Postgres test database (for a second server process). */
  url?: string;
}

export function databaseKinds(): DbKind[] {
  return inject("pgTemplateUrl") ? ["pglite", "postgres"] : ["pglite"];
}

export async function openTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const dump = readFileSync(inject("pgliteDumpPath"));
    return openDatabase({ loadDataDir: new Blob([dump]) });
  }
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `peerloop_t_${randomBytes(6).toString("hex")}`;
  const admin = adminPool(baseUrl);
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("pgTemplateDb")}`);
  await admin.end();
  const url = withDatabase(baseUrl, name);
  const database = await openDatabase({ databaseUrl: url });
  return {
    ...database,
    url,
    async close() {
      await database.close();
      const a = adminPool(baseUrl);
      // pg-pool's end() resolves before its sockets are gone; dropping WITH (FORCE) right
      // away kills backends mid-goodbye and the client reports an unhandled 57P01.
      for (let i = 0; i < 100; i++) {
        const { rows } = await a.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
          [name],
        );
        if (rows[0]?.n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
