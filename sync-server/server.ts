/**
 * Boots a PeerLoop server: open the database, migrate, fill the demo world when empty, and
 * listen. Returns a handle whose `close()` stops accepting requests, waits for mail under
 * way and closes the database — used by main.ts on SIGTERM and by tests.
 */
import { type ServerType, serve } from "@hono/node-server";
import { stopSyncMetrics } from "./admin/metrics";
import { createApp } from "./app";
import { type Config, describeConfig } from "./config";
import { type Database, openDatabase } from "./db/database";
import { runMigrations } from "./db/migrate";
import { type SeedResult, seedDemoWorld } from "./demo/seed";
import { createMailer } from "./email/mailer";
import { scheduleEmailRetries } from "./email/retry";
import type { Logger } from "./log";
import { scheduleMoneyJobs } from "./payments/jobs";
import { scheduleReminders } from "./scheduling/reminders";
import { listenForChanges, SyncHub } from "./sync/hub";
import { purgeTombstones } from "./sync/purge";

export interface RunningServer {
  url: string;
  port: number;
  database: Database;
  seed: SeedResult | undefined;
  close(): Promise<void>;
}

export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const t0 = performance.now();
  log.info("starting PeerLoop", describeConfig(config));
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
  });
  try {
    const tOpen = performance.now();
    await runMigrations(database);
    const tMigrate = performance.now();
    const seed = config.SEED_DEMO
      ? await seedDemoWorld(database.db, config, { onlyIfEmpty: true })
      : undefined;
    const tSeed = performance.now();

    const mailer = createMailer(database.db, config, log);
    const hub = new SyncHub(database.db, log);
    const stopListening = await listenForChanges(
      database,
      (payload) => void hub.dispatch(payload),
      log,
    );
    const stopPurging = schedulePurge(database, config, log);
    const stopMoneyJobs = scheduleMoneyJobs(database.db, config, log);
    const stopReminders = scheduleReminders(database, mailer, config, log);
    const stopEmailRetries = scheduleEmailRetries(() => mailer.retryDue(), log);
    const app = createApp({ db: database.db, dbKind: database.kind, config, log, mailer, hub });
    const server = await listen(app.fetch, config);
    const port = (server.address() as { port: number }).port;
    const url = `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${port}`;
    log.info("PeerLoop is listening", {
      url,
      db: database.kind,
      startupMs: {
        openDb: Math.round(tOpen - t0),
        migrate: Math.round(tMigrate - tOpen),
        seed: Math.round(tSeed - tMigrate),
        total: Math.round(performance.now() - t0),
      },
    });
    return {
      url,
      port,
      database,
      seed,
      async close() {
        stopPurging();
        await stopMoneyJobs();
        await stopReminders();
        await stopEmailRetries();
        // Open event streams would keep server.close() waiting for ever.
        if ("closeAllConnections" in server) server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await stopListening();
        await mailer.drain();
        await stopSyncMetrics(database.db);
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}

function listen(
  fetch: (req: Request) => Response | Promise<Response>,
  config: Config,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.PORT, hostname: config.HOST }, () =>
      resolve(server),
    );
    server.once("error", reject);
  });
}

const PURGE_INTERVAL_MS = 3_600_000;

/** Purges old tombstones now and every hour; returns a function that stops it. */
function schedulePurge(database: Database, config: Config, log: Logger): () => void {
  const run = () =>
    purgeTombstones(database.db, config.SYNC_TOMBSTONE_DAYS)
      .then(({ purged }) => purged && log.info("purged sync tombstones", { purged }))
      .catch((err) => log.warn("tombstone purge failed", { err }));
  void run();
  const timer = setInterval(run, PURGE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
