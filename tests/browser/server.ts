/**
 * The real PeerLoop server the browser tests talk to: embedded PGlite in a temporary
 * folder, the demo world, on a free port, allowing the test runner's origin (CORS).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../sync-server/config";
import { createLogger } from "../../sync-server/log";
import { startServer } from "../../sync-server/server";

export async function startBrowserTestServer(testOrigin: string) {
  const dataDir = mkdtempSync(join(tmpdir(), "peerloop-browser-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: "0",
    HOST: "127.0.0.1",
    SEED_DEMO: "true",
    PASSWORD_SCRYPT_N: "1024",
    LOG_LEVEL: "warn",
    CORS_ORIGINS: testOrigin,
  });
  const server = await startServer(config, createLogger("warn"));
  return {
    url: `http://127.0.0.1:${server.port}`,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
