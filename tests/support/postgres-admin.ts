/** Creating and dropping throw-away Postgres databases for tests (needs CREATEDB). */
import pg from "pg";

/** One migrated template per test run, so runs sharing a Postgres do not break each other. */
export function templateDbName(): string {
  return `peerloop_tpl_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

export function adminPool(baseUrl: string): pg.Pool {
  return new pg.Pool({ connectionString: baseUrl, max: 1 });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
