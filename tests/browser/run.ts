/**
 * `npm run test:browser`: the browser suites in Debian's Chromium via web-test-runner.
 * On a machine without Chromium they are skipped with a note (so `npm test` still passes on
 * a fresh laptop); under CI a missing browser is an error, never a silent skip.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  const note = `Browser tests need Chromium at ${chromium} (Debian: apt-get install chromium; or set CHROMIUM_PATH).`;
  if (process.env.CI) {
    console.error(note);
    process.exit(1);
  }
  console.warn(`skipped: ${note}`);
  process.exit(0);
}
const result = spawnSync(
  process.execPath,
  [
    "--import",
    "tsx",
    "node_modules/@web/test-runner/dist/bin.js",
    "--config",
    "web-test-runner.config.mjs",
  ],
  { stdio: "inherit", env: { ...process.env, CHROMIUM_PATH: chromium } },
);
process.exit(result.status ?? 1);
