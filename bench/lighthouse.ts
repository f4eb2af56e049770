/**
 * `npm run bench:lighthouse`: Lighthouse (the npm package) in Debian's Chromium against the
 * real server and the built app (builds it first unless PEERLOOP_SKIP_BUILD is set), on the
 * catalog (`/`, signed out) and a course page. Performance, accessibility and best practices
 * (budget: each ≥ 95), mobile (Lighthouse's default: Moto G Power, simulated slow 4G and 4×
 * CPU slowdown) and desktop, median of RUNS runs per page and form factor (LIGHTHOUSE_RUNS).
 *
 * Chromium is launched by chrome-launcher from /usr/bin/chromium (or CHROMIUM_PATH); nothing
 * downloads a browser. Writes bench/results/lighthouse.md, and the full JSON report of the
 * last run of each page to test-artifacts/lighthouse/ (to see which audits cost points).
 *
 * Lighthouse 12.8 (lighthouse@13 needs Node ≥ 22.19; PeerLoop supports Node 20.19+).
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Result } from "lighthouse";
import { buildClient } from "../sync-server/scripts/build-client";
import { ARTIFACTS, ROOT } from "../tests/e2e/support";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../tests/support/chromium";
import { startDemoServer } from "../tests/support/demo-server";

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const BUDGET = 95;
const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
type Category = (typeof CATEGORIES)[number];
const PAGES = [
  { name: "catalog", path: "/" },
  { name: "course", path: "/courses/intro-to-claude-code" },
];
const FORM_FACTORS = ["mobile", "desktop"] as const;

if (!process.env.PEERLOOP_SKIP_BUILD) {
  if (!buildClient()) process.exit(1);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

interface Failing {
  id: string;
  title: string;
  score: number | null;
  /** Its weight in the category score (insights and opportunities weigh 0 since Lighthouse 12). */
  weight: number;
  display?: string;
}

/**
 * One Lighthouse run. Lighthouse now and then fails to record the trace (NO_NAVSTART,
 * NO_FCP on a busy machine): such a run has no scores, so it is retried, up to 3 times.
 */
async function audit(
  url: string,
  formFactor: (typeof FORM_FACTORS)[number],
  save: (json: string) => void,
): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] },
      formFactor === "desktop" ? desktopConfig : undefined,
    );
    if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
    const error = result.lhr.runtimeError;
    if (!error) {
      save(result.report as string);
      return result.lhr;
    }
    if (attempt === 3) throw new Error(`${url}: ${error.code} ${error.message}`);
    console.error(`${url} ${formFactor}: ${error.code}, running again`);
  }
}

// http://localhost: a secure context, so the service worker registers as it does for users.
const server = await startDemoServer({ localhost: true });
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
  logLevel: "silent",
});
const rows: string[] = [];
const failing: string[] = [];
let allPass = true;
let version = "";
try {
  for (const formFactor of FORM_FACTORS) {
    for (const page of PAGES) {
      const scores: Record<Category, number[]> = {
        performance: [],
        accessibility: [],
        "best-practices": [],
      };
      const metrics: Record<string, number[]> = { fcp: [], lcp: [], tbt: [], cls: [] };
      // Audits that did not pass in any run: id → the audit and in how many runs.
      const notPassing = new Map<string, { audit: Failing; runs: number }>();
      for (let i = 0; i < RUNS; i++) {
        const lhr = await audit(`${server.url}${page.path}`, formFactor, (report) => {
          if (i !== RUNS - 1) return;
          const dir = join(ARTIFACTS, "lighthouse");
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, `${page.name}-${formFactor}.json`), report);
        });
        version = lhr.lighthouseVersion;
        for (const c of CATEGORIES)
          scores[c].push(Math.round((lhr.categories[c]?.score ?? 0) * 100));
        const num = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
        metrics.fcp?.push(num("first-contentful-paint"));
        metrics.lcp?.push(num("largest-contentful-paint"));
        metrics.tbt?.push(num("total-blocking-time"));
        metrics.cls?.push(num("cumulative-layout-shift"));
        // Audits in the three categories that did not pass, with their weight in the score.
        const weights = new Map<string, number>();
        for (const c of CATEGORIES) {
          for (const r of lhr.categories[c]?.auditRefs ?? []) {
            weights.set(r.id, Math.max(weights.get(r.id) ?? 0, r.weight));
          }
        }
        const thisRun: Failing[] = [...weights]
          .map(([id, weight]) => ({ audit: lhr.audits[id], weight }))
          .filter(
            ({ audit: a }) =>
              a !== undefined &&
              a.score !== null &&
              a.score < 0.9 &&
              !["informative", "notApplicable", "manual"].includes(a.scoreDisplayMode),
          )
          .map(({ audit: a, weight }) => ({
            id: a?.id ?? "",
            title: a?.title ?? "",
            score: a?.score ?? null,
            weight,
            display: a?.displayValue,
          }));
        for (const f of thisRun) {
          const seen = notPassing.get(f.id);
          notPassing.set(f.id, { audit: seen?.audit ?? f, runs: (seen?.runs ?? 0) + 1 });
        }
      }
      const m = Object.fromEntries(CATEGORIES.map((c) => [c, median(scores[c])])) as Record<
        Category,
        number
      >;
      const pass = CATEGORIES.every((c) => m[c] >= BUDGET);
      if (!pass) allPass = false;
      const ms = (k: string) => `${Math.round(median(metrics[k] ?? []))} ms`;
      // The median, and the range over the runs when they differ.
      const cell = (c: Category) => {
        const lo = Math.min(...scores[c]);
        const hi = Math.max(...scores[c]);
        return lo === hi ? `${m[c]}` : `${m[c]} (${lo}–${hi})`;
      };
      rows.push(
        `| ${page.name} (\`${page.path}\`) | ${formFactor} | ${cell("performance")} | ${cell("accessibility")} | ${cell("best-practices")} | ${ms("fcp")} | ${ms("lcp")} | ${ms("tbt")} | ${median(metrics.cls ?? []).toFixed(3)} | ${pass ? "yes" : "**no**"} |`,
      );
      for (const { audit: f, runs } of notPassing.values()) {
        failing.push(
          `- ${page.name}, ${formFactor}: \`${f.id}\` (${f.title}), weight ${f.weight}, in ${runs} of ${RUNS} runs${f.display ? ` — ${f.display}` : ""}`,
        );
      }
      console.error(
        `${page.name} ${formFactor}: ${CATEGORIES.map((c) => `${c} ${scores[c].join("/")}`).join(", ")}`,
      );
    }
  }
} finally {
  chrome.kill();
  await server.close();
}

const report = [
  `# Lighthouse (${new Date().toISOString().slice(0, 10)}, Lighthouse ${version}, Node ${process.versions.node}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, headless Chromium)`,
  "",
  `Median of ${RUNS} runs per row; budget: performance, accessibility and best practices each ≥ ${BUDGET}.`,
  "Mobile is Lighthouse's default (simulated slow 4G, 4× CPU slowdown); desktop is its desktop preset.",
  "Signed out, fresh profile each run (Lighthouse clears storage), real server on PGlite with the demo world.",
  "",
  "| page | form factor | performance | accessibility | best practices | FCP | LCP | TBT | CLS | ≥ 95 |",
  "|---|---|---|---|---|---|---|---|---|---|",
  ...rows,
  "",
  failing.length
    ? [
        "Audits scoring below 0.9 in any run (weight 0 = shown by Lighthouse but not counted in the score):",
        "",
        ...failing,
      ].join("\n")
    : "Every scored audit passes.",
  "",
].join("\n");
console.log(report);
mkdirSync(join(ROOT, "bench/results"), { recursive: true });
writeFileSync(join(ROOT, "bench/results/lighthouse.md"), report);
if (!allPass) process.exitCode = 1;
