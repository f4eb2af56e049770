/**
 * `npm run bench:pwa`: the PWA's budgets, measured in Debian's Chromium against the real
 * server and the built app (run `npm run build` first, or let this script build).
 *
 * - JavaScript loaded for the first screen, gzip (budget ≤ 200 kB): signed out (the
 *   catalog) and signed in (My learning, which needs RxDB + Dexie). Every script response
 *   the page loads until it is drawn and the network is idle, each body gzipped here.
 * - Cold start offline to an interactive My learning (budget < 1 s): a synced, installed
 *   app, network off, fresh page: navigation start → the course cards with progress drawn.
 *
 * Writes bench/results/pwa.md.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";
import { buildClient } from "../sync-server/scripts/build-client";
import {
  launchChromium,
  ROOT,
  signIn,
  startE2eServer,
  waitControlled,
  waitSynced,
} from "../tests/e2e/support";

const BUDGET_KB = 200;
const COLD_RUNS = 7;

if (!process.env.PEERLOOP_SKIP_BUILD) {
  if (!buildClient()) process.exit(1);
}

/** Loads `url` in `page` and returns the scripts it fetched: [path, gzip bytes]. */
async function scriptsFor(page: Page, load: () => Promise<void>): Promise<[string, number][]> {
  const seen = new Map<string, number>();
  const pending: Promise<void>[] = [];
  let last = Date.now();
  page.on("response", (res) => {
    if (res.request().resourceType() !== "script") return;
    last = Date.now();
    pending.push(
      res.body().then(
        (b) => void seen.set(new URL(res.url()).pathname, gzipSync(b).length),
        () => {},
      ),
    );
  });
  await load();
  // Not "networkidle": a signed-in page keeps its sync event stream open. Instead, wait
  // until no script has arrived for a second (lazy chunks included).
  while (Date.now() - last < 1000) await new Promise((r) => setTimeout(r, 100));
  await Promise.all(pending);
  return [...seen.entries()].sort((a, b) => b[1] - a[1]);
}

const kb = (n: number) => (n / 1000).toFixed(1);
const total = (s: [string, number][]) => s.reduce((a, [, n]) => a + n, 0);

const server = await startE2eServer();
const browser = await launchChromium();
const lines: string[] = [];
try {
  // Signed out: the catalog.
  const ctxOut = await browser.newContext();
  const out = await ctxOut.newPage();
  const outScripts = await scriptsFor(out, async () => {
    await out.goto(`${server.url}/courses`);
    await out.locator(".cards li").first().waitFor();
  });
  await ctxOut.close();

  // Signed in: My learning. Sign in on one page, then measure a fresh load of "/".
  const ctx: BrowserContext = await browser.newContext();
  const setup = await ctx.newPage();
  await signIn(setup, server.url, "demo@peerloop.demo");
  await waitSynced(setup);
  await waitControlled(setup);
  await setup.close();
  // A context with the session but an empty HTTP cache: what a first visit after sign-in
  // downloads. (The service worker would serve from its cache; bypass it for the count.)
  const storage = await ctx.storageState();
  const ctxIn = await browser.newContext({ storageState: storage, serviceWorkers: "block" });
  const inPage = await ctxIn.newPage();
  const inScripts = await scriptsFor(inPage, async () => {
    await inPage.goto(`${server.url}/`);
    await inPage.locator(".cards progress").first().waitFor();
  });
  await ctxIn.close();

  // Cold start offline, installed app with synced data.
  await ctx.setOffline(true);
  const times: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const p = await ctx.newPage();
    await p.goto(`${server.url}/`);
    await p.locator(".cards progress").first().waitFor();
    times.push(await p.evaluate(() => performance.now()));
    await p.close();
  }
  await ctx.close();
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;

  const outKb = kb(total(outScripts));
  const inKb = kb(total(inScripts));
  lines.push(
    `# PWA budgets (${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, headless Chromium)`,
    "",
    "| measure | result | budget |",
    "|---|---|---|",
    `| JS for the first screen, signed out (catalog), gzip | ${outKb} kB | ≤ ${BUDGET_KB} kB |`,
    `| JS for the first screen, signed in (My learning), gzip | ${inKb} kB | ≤ ${BUDGET_KB} kB |`,
    `| cold start offline → My learning drawn, median of ${COLD_RUNS} | ${Math.round(median)} ms (min ${Math.round(times[0] ?? 0)}, max ${Math.round(times.at(-1) ?? 0)}) | < 1000 ms |`,
    "",
    "Scripts of the signed-in first screen (gzip):",
    "",
    ...inScripts.map(([p, n]) => `- ${p}: ${kb(n)} kB`),
    "",
  );
} finally {
  await browser.close();
  await server.close();
}
const report = lines.join("\n");
console.log(report);
mkdirSync(join(ROOT, "bench/results"), { recursive: true });
writeFileSync(join(ROOT, "bench/results/pwa.md"), report);
