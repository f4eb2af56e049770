/**
 * One database handle for the whole server, on either driver:
 * - DATABASE_URL set: Postgres 15+ through node-postgres (a pool);
 * - unset: PGlite (Postgres in WASM) in DATA_DIR, guarded by a lock file.
 * Both are exposed as the same drizzle `PgDatabase`, so no other module knows which it is.
 */
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = "pglite" | "postgres";

export interface Database {
  db: Db;
  kind: DbKind;
  /** Raw SQL on the underlying driver (migrations, LISTEN). */
  pglite?: PGlite;
  pool?: pg.Pool;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /**
   * PeerLoop's data folder (PGlite lives in its `pglite/` subfolder, beside the lock file);
   * `undefined` with no databaseUrl means an in-memory PGlite.
   */
  dataDir?: string | undefined;
  /** Start PGlite from a dump made by `PGlite.dumpDataDir()` (tests: skips initdb). */
  loadDataDir?: Blob | File | undefined;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // Fail fast with a clear message instead of on the first request.
    const client = await pool.connect();
    client.release();
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return { db, kind: "postgres", pool, close: () => pool.end() };
  }
  const lock = opts.dataDir ? lockDataDir(opts.dataDir) : undefined;
  try {
    const pglite = await PGlite.create({
      ...(opts.dataDir ? { dataDir: join(opts.dataDir, "pglite") } : {}),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
    });
    const db = drizzlePglite(pglite, { schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      pglite,
      close: async () => {
        try {
          await pglite.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

/**
 * Rows of a raw query on either driver. Cast int8 results to int in SQL (`count(*)::int`):
 * node-postgres returns int8 as strings and PGlite as numbers, so they would differ.
 */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
