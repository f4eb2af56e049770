/**
 * Runs once per `vitest run`: migrates one PGlite database and dumps it to a file, and (when
 * TEST_DATABASE_URL is set) migrates a Postgres template database. Every test file then
 * starts from a copy, which costs a fraction of initdb + migrations.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../sync-server/db/database";
import { runMigrations } from "../../sync-server/db/migrate";
import { adminPool, templateDbName, withDatabase } from "./postgres-admin";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteDumpPath: string;
    pgTemplateUrl: string | null;
    pgTemplateDb: string | null;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "peerloop-test-"));
  const dumpPath = join(dir, "migrated.tar");
  const database = await openDatabase({});
  await runMigrations(database);
  const dump = await database.pglite?.dumpDataDir("none");
  await database.close();
  if (!dump) throw new Error("PGlite dump failed");
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteDumpPath", dumpPath);

  const baseUrl = process.env.TEST_DATABASE_URL;
  let templateUrl: string | null = null;
  const PG_TEMPLATE_DB = templateDbName();
  if (baseUrl) {
    const admin = adminPool(baseUrl);
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`);
    await admin.end();
    templateUrl = withDatabase(baseUrl, PG_TEMPLATE_DB);
    const pgDb = await openDatabase({ databaseUrl: templateUrl });
    await runMigrations(pgDb);
    await pgDb.close();
  }
  project.provide("pgTemplateUrl", templateUrl);
  project.provide("pgTemplateDb", baseUrl ? PG_TEMPLATE_DB : null);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (baseUrl) {
      const admin = adminPool(baseUrl);
      await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB} WITH (FORCE)`);
      await admin.end();
    }
  };
}
