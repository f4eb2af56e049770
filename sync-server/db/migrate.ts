/**
 * Applies the SQL migrations in migrations/ at start-up, on either driver. On Postgres
 * several server instances may start at once, so the run is serialized by an advisory lock
 * held on one dedicated connection (the migrator must use that same connection).
 */
import { fileURLToPath } from "node:url";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { Database } from "./database";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../migrations", import.meta.url));

/** Any constant shared by all instances works; this one spells "peerloop" in hex-ish. */
const MIGRATION_LOCK_KEY = 0x9ee71007;

export async function runMigrations(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (database.pglite) {
    await migratePglite(drizzlePglite(database.pglite), config);
    return;
  }
  if (!database.pool) throw new Error("database has neither PGlite nor a pool");
  const client = await database.pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await migrateNodePg(drizzleNodePg(client), config);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
