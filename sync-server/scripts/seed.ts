/** `npm run seed`: add the demo world to the configured database, unless it is there. */
import { loadConfig } from "../config";
import { openDatabase } from "../db/database";
import { runMigrations } from "../db/migrate";
import { seedDemoWorld } from "../demo/seed";

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  await runMigrations(database);
  const result = await seedDemoWorld(database.db, config, { onlyIfEmpty: false });
  console.log(
    result.created
      ? `Demo world added: ${result.users} users, ${result.courses} courses, ${result.enrollments} enrollments.`
      : "The demo world is already there; nothing changed.",
  );
} finally {
  await database.close();
}
