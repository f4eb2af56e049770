/**
 * A new version reaches an open app: the service worker file changes on the server, the
 * app says a new version is ready, and switches only when the person presses "Reload now".
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { ROOT, screenshot, waitControlled } from "./support";

export async function updatePrompt(browser: Browser, base: string): Promise<void> {
  const swFile = join(ROOT, "dist/client/sw.js");
  const original = readFileSync(swFile, "utf8");
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${base}/courses`);
    // A returning visit: the page is controlled by the installed worker (the case where a
    // new worker must wait; an uncontrolled page lets it take over at once).
    await waitControlled(page);
    const before = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return r?.active?.scriptURL ?? "";
    });
    // "Deploy" a new version: any byte change makes the browser install the new worker.
    appendFileSync(swFile, `\n// e2e new version ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await page.getByText("A new version of PeerLoop is ready.").waitFor({ timeout: 15_000 });
    await screenshot(page, "update-prompt");
    // Nothing switched on its own: the new worker waits for the person's word.
    const waiting = await page.evaluate(async () =>
      Boolean((await navigator.serviceWorker.getRegistration())?.waiting),
    );
    if (!waiting || !before) throw new Error("the new worker should be waiting");
    await Promise.all([
      page.waitForEvent("load"),
      page.getByRole("button", { name: "Reload now" }).click(),
    ]);
    await page.waitForFunction(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return Boolean(r?.active && !r.waiting && navigator.serviceWorker.controller);
    });
  } finally {
    writeFileSync(swFile, original);
    await context.close();
  }
}
