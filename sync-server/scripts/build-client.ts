/** Builds the PWA (`vite build` → dist/client). Used by `npm start`, e2e and the PWA benches. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** True when the build succeeded; false when it failed or Vite is not installed. */
export function buildClient(): boolean {
  const vite = join(ROOT, "node_modules/vite/bin/vite.js");
  if (!existsSync(vite)) return false;
  const result = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  return result.status === 0;
}
