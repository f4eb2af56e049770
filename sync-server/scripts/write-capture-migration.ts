/**
 * `npm run db:capture`: writes the capture triggers generated from
 * sync-server/sync/capture/rules.ts into the newest `*_sync_capture.sql` migration.
 * After changing the rules, first create a new empty one so applied migrations stay as
 * they were: `npx drizzle-kit generate --custom --name sync_capture`.
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MIGRATIONS_FOLDER } from "../db/migrate";
import { captureMigrationSql } from "../sync/capture/sql";

const target = readdirSync(MIGRATIONS_FOLDER)
  .filter((f) => f.endsWith("_sync_capture.sql"))
  .sort()
  .at(-1);
if (!target) {
  console.error(
    "No *_sync_capture.sql migration: run `npx drizzle-kit generate --custom --name sync_capture` first.",
  );
  process.exit(1);
}
writeFileSync(join(MIGRATIONS_FOLDER, target), captureMigrationSql());
console.log(`wrote ${target}`);
