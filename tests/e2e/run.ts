/**
 * `npm run test:e2e`: builds the PWA, starts the real server (PGlite, demo world) and drives
 * Debian's Chromium through the learner's offline day and the teacher's offline view.
 * Screenshots land in test-artifacts/. Exits non-zero on any failure or axe violation.
 */

import { existsSync } from "node:fs";
import { buildClient } from "../../sync-server/scripts/build-client";
import { adminMorning } from "./admin";
import { checkoutFlow } from "./checkout";
import { credentialsFlow } from "./credentials";
import { learnerOffline } from "./learner";
import { payoutAccountFlow } from "./payout-account";
import { publicScreens } from "./public-screens";
import { learnerBooks } from "./sessions";
import { ARTIFACTS, launchChromium, startE2eServer } from "./support";
import { teacherOffline } from "./teacher";
import { updatePrompt } from "./update";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`End-to-end tests need Chromium at ${chromium} (or set CHROMIUM_PATH).`);
  process.exit(process.env.CI ? 1 : 0);
}

const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
if (!process.env.PEERLOOP_SKIP_BUILD) {
  if (!buildClient()) process.exit(1);
  console.log(`built the PWA (${elapsed()})`);
}

const server = await startE2eServer();
const browser = await launchChromium();
let failed = false;
try {
  const open = await publicScreens(browser, server.url);
  console.log(
    `ok public screens: ${open.screens} signed-out and emailed-link screens (${elapsed()})`,
  );
  const learner = await learnerOffline(browser, server.url, server.database.db);
  console.log(
    `ok learner: offline reload, "${learner.moduleTitle}" completed offline, message sent offline, both in Postgres (${elapsed()})`,
  );
  const teacher = await teacherOffline(browser, server.url);
  console.log(`ok teacher: offline view shows "${teacher.row.trim()}" (${elapsed()})`);
  const pay = await checkoutFlow(browser, server.url, server.database.db);
  console.log(
    `ok checkout: enrolled through the local provider, refunded; offline notice; earnings; sponsorships (${elapsed()})`,
  );
  const payoutAccount = await payoutAccountFlow(browser, server.url, server.database.db);
  console.log(`ok payout account: set up on Earnings, offline notice (${elapsed()})`);
  const booked = await learnerBooks(browser, server.url, server.database.db);
  console.log(
    `ok sessions: booked, cancelled free and late, started, completed when over, rated; slot edited offline (${elapsed()})`,
  );
  await updatePrompt(browser, server.url);
  console.log(`ok update: "new version" prompt, switched on "Reload now" (${elapsed()})`);
  const credentials = await credentialsFlow(browser, server.url, server.database.db);
  console.log(
    `ok credentials: certificates offline, verify page, approval in the PWA (${elapsed()})`,
  );
  const admin = await adminMorning(browser, server.url, server.database.db);
  console.log(
    `ok admin: ${admin.outcome}; certificate revoked; ${admin.screens} pages (${elapsed()})`,
  );
  const findings = [
    ...open.findings,
    ...learner.findings,
    ...teacher.findings,
    ...credentials.findings,
    ...admin.findings,
    ...pay.findings,
    ...booked.findings,
    ...payoutAccount.findings,
  ];
  for (const f of findings) {
    console.error(`axe ${f.screen}: ${f.id} (${f.impact}) ${f.help} — ${f.targets.join(", ")}`);
  }
  console.log(
    `axe: ${findings.length} violation(s) on ${27 + open.screens + admin.screens} screens`,
  );
  if (findings.length) failed = true;
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await browser.close();
  await server.close();
}
console.log(`${failed ? "FAILED" : "passed"} in ${elapsed()}; screenshots in ${ARTIFACTS}`);
process.exit(failed ? 1 : 0);
