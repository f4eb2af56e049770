/** Shared pieces of the end-to-end run: the browser, the server, screenshots and axe. */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { startDemoServer } from "../support/demo-server";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const ARTIFACTS = join(ROOT, "test-artifacts");
export const DEMO_PASSWORD = "peerloop-demo-2026";

export { CHROMIUM_ARGS, launchChromium } from "../support/chromium";

/** The real server on embedded PGlite in a temporary folder, serving dist/client. */
export function startE2eServer() {
  return startDemoServer({ verbose: true, localhost: true });
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

/**
 * Waits until the sync status no longer says anything is waiting or downloading: longer than
 * the client's request timeout (30 s), so a request lost in the network is retried in time.
 */
export async function waitSynced(page: Page, timeout = 45_000): Promise<void> {
  try {
    await page.waitForFunction(
      () => {
        const t = document.querySelector(".sync")?.textContent ?? "";
        return /^Online/.test(t) && !/waiting|Downloading|Opening/.test(t) && /Synced/.test(t);
      },
      undefined,
      { timeout },
    );
  } catch (err) {
    // Say what the status showed instead: the difference between slow and stuck.
    const shown = await page
      .locator(".sync")
      .first()
      .textContent()
      .catch(() => null);
    await screenshot(page, "sync-timeout");
    throw new Error(`sync status never settled; it shows "${shown}"`, { cause: err });
  }
}

/** The page is controlled by the service worker (so it would load with no network). */
export async function waitControlled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
    await page.reload();
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
  }
}
