import { defineConfig } from "drizzle-kit";

// Migrations are generated from the drizzle schema and applied from code at start-up
// (sync-server/db/migrate.ts). The SQL must stay valid on PGlite (PG 18) and Postgres 15+.
export default defineConfig({
  dialect: "postgresql",
  schema: "./sync-server/db/schema/index.ts",
  out: "./migrations",
});
