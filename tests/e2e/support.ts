/** Shared pieces of the end-to-end run: the browser, the server, screenshots and axe. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { loadConfig } from "../../sync-server/config";
import { createLogger } from "../../sync-server/log";
import { startServer } from "../../sync-server/server";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const ARTIFACTS = join(ROOT, "test-artifacts");
export const DEMO_PASSWORD = "peerloop-demo-2026";

/** The same Chromium flags as web-test-runner.config.mjs (Debian's Chromium, in a container). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** The real server on embedded PGlite in a temporary folder, serving dist/client. */
export async function startE2eServer() {
  const dataDir = mkdtempSync(join(tmpdir(), "peerloop-e2e-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PORT: "0",
    // localhost is a secure context, so the service worker registers over plain HTTP.
    HOST: "127.0.0.1",
    SEED_DEMO: "true",
    PASSWORD_SCRYPT_N: "1024",
    LOG_LEVEL: "warn",
  });
  const server = await startServer(config, createLogger("warn"));
  return {
    url: `http://localhost:${server.port}`,
    database: server.database,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const AXE = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

export interface AxeFinding {
  screen: string;
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core (WCAG 2.x A/AA rules and best practices) on the page as it is. */
export async function axe(page: Page, screen: string): Promise<AxeFinding[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: Document, o: object) => Promise<{ violations: unknown[] }> };
    };
    const r = await w.axe.run(document, { resultTypes: ["violations"] });
    return r.violations as {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: string[] }[];
    }[];
  });
  return violations.map((v) => ({
    screen,
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${message}`);
}

export async function signIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${base}/learn`);
}

/** Waits until the sync status no longer says anything is waiting or downloading. */
export async function waitSynced(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const t = document.querySelector(".sync")?.textContent ?? "";
      return /^Online/.test(t) && !/waiting|Downloading|Opening/.test(t) && /Synced/.test(t);
    },
    undefined,
    { timeout },
  );
}

/** The page is controlled by the service worker (so it would load with no network). */
export async function waitControlled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
    await page.reload();
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
  }
}
