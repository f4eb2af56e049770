/**
 * A real PeerLoop server with the demo world, for suites that talk to it over HTTP
 * (browser, end-to-end, client sync, benchmarks): on a free port, on embedded PGlite in a
 * temporary folder unless told a folder or a Postgres URL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../sync-server/config";
import { createLogger, silentLogger } from "../../sync-server/log";
import { type RunningServer, startServer } from "../../sync-server/server";

export interface DemoServerOptions {
  /** PGlite folder to use (kept on close); a temporary one otherwise (removed on close). */
  dataDir?: string;
  databaseUrl?: string;
  /** Browser origins allowed to call the API (browser tests run on another port). */
  corsOrigins?: string;
  /** Log warnings to stdout instead of staying silent. */
  verbose?: boolean;
  /**
   * Give the url as http://localhost:… — a secure context, so a browser registers the
   * service worker over plain HTTP. Node clients keep 127.0.0.1 (localhost may mean ::1).
   */
  localhost?: boolean;
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<RunningServer> {
  const tempDir =
    options.dataDir || options.databaseUrl
      ? undefined
      : mkdtempSync(join(tmpdir(), "peerloop-demo-"));
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    SEED_DEMO: "true",
    PASSWORD_SCRYPT_N: "1024",
    LOG_LEVEL: "warn",
    ...(options.databaseUrl
      ? { DATABASE_URL: options.databaseUrl }
      : { DATA_DIR: options.dataDir ?? tempDir }),
    ...(options.corsOrigins ? { CORS_ORIGINS: options.corsOrigins } : {}),
  });
  const server = await startServer(config, options.verbose ? createLogger("warn") : silentLogger);
  return {
    ...server,
    url: options.localhost ? `http://localhost:${server.port}` : server.url,
    async close() {
      await server.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
