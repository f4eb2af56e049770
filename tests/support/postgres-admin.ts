/** Creating and dropping throw-away Postgres databases for tests (needs CREATEDB). */
import pg from "pg";

export const PG_TEMPLATE_DB = "peerloop_test_template";

export function adminPool(baseUrl: string): pg.Pool {
  return new pg.Pool({ connectionString: baseUrl, max: 1 });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
