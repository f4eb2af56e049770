/**
 * `npm start`: build the PWA when dist/client is missing or older than its sources, then
 * run the server (which serves dist/client). A fresh clone pays one Vite build (a few
 * seconds); later starts skip it unless client/, shared/ or the build config changed.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildClient } from "./build-client";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BUILT = join(ROOT, "dist/client/index.html");
const SOURCES = ["client", "shared", "vite.config.ts", "package-lock.json"];

/** The newest modification time under `path` (files only; skips tests). */
function newest(path: string): number {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : info.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

function needsBuild(): string | null {
  if (!existsSync(BUILT)) return "the app has not been built yet";
  const builtAt = statSync(BUILT).mtimeMs;
  const changed = SOURCES.find((s) => newest(join(ROOT, s)) > builtAt);
  return changed ? `${changed} changed since the last build` : null;
}

const reason = process.env.PEERLOOP_SKIP_BUILD ? null : needsBuild();
if (reason) {
  console.log(`Building the PWA (${reason})…`);
  const t0 = performance.now();
  if (buildClient()) {
    console.log(`Built in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  } else if (existsSync(BUILT)) {
    console.warn("The PWA build failed; serving the previous build.");
  } else {
    console.warn("The PWA build failed (is Vite installed? npm install); serving the API only.");
  }
}

await import("../main");
